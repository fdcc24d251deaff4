import type { ProblemeDeLigne } from "./ifn";
import {
  ANCIENNES_TYPOLOGIES,
  categorieDesTypologies,
  COLONNES_SEULEMENT_V0,
  COLONNES_SEULEMENT_V1,
  CONDITIONS_ACCES_V0,
  DISPOSITIFS_PROGRAMMES_NATIONAUX,
  FORMATIONS_LABELS,
  FRAIS_A_CHARGE,
  ITINERANCES,
  LABELS_NATIONAUX_V0,
  MODALITES_ACCES,
  MODALITES_ACCOMPAGNEMENT,
  MODALITES_ACCOMPAGNEMENT_V0,
  PREFIXES_PUBLICS_V0,
  PRISES_EN_CHARGE_SPECIFIQUES,
  PUBLICS_SPECIFIQUEMENT_ADRESSES,
  PUBLICS_V0,
  SERVICES,
  SERVICES_V0,
  TYPOLOGIES,
  VARIANTES,
  type CategorieLieu,
} from "./lieux-standard";

/*
 * One row of a "lieux de médiation numérique" file (a CSV record by its header, or a JSON object)
 * checked and normalised to the v1.0.x model. v0.1 rows are converted. What cannot be kept rejects
 * the row (no id, no name); what is wrong but not essential is dropped or fixed and reported as a
 * correction (a telephone number not in the international format, an unknown value of a list…).
 * The commune is resolved by the caller (it needs the reference territories).
 */

export type VersionStandard = "v0" | "v1";

export interface LieuV1 {
  id: string;
  pivot: string | null;
  nom: string;
  commune: string;
  code_postal: string | null;
  code_insee: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  latitude: number | null;
  longitude: number | null;
  typologie: string[];
  telephone: string | null;
  courriels: string[];
  site_web: string[];
  horaires: string | null;
  presentation_resume: string | null;
  presentation_detail: string | null;
  source: string | null;
  itinerance: string[];
  structure_parente: string | null;
  date_maj: string | null;
  services: string[];
  publics_specifiquement_adresses: string[];
  prise_en_charge_specifique: string[];
  frais_a_charge: string[];
  dispositif_programmes_nationaux: string[];
  formations_labels: string[];
  autres_formations_labels: string[];
  modalites_acces: string[];
  modalites_accompagnement: string[];
  fiche_acces_libre: string | null;
  prise_rdv: string | null;
}

/** What the dashboard reads of a place, derived from its record. */
export interface DeriveesLieu {
  categorie: CategorieLieu;
  qpv: boolean;
  frr: boolean;
}

export type EnregistrementBrut = Record<string, unknown>;

/** The version of a file from its columns (or a JSON object's keys); null when nothing tells. */
export function detecterVersion(cles: Iterable<string>): VersionStandard | null {
  const noms = new Set([...cles].map((c) => c.trim().toLowerCase()));
  // v0.1 first: its columns never appear in a v1 file, while some v1 columns may have existed in v0.1 files.
  if (COLONNES_SEULEMENT_V0.some((c) => noms.has(c))) return "v0";
  if (COLONNES_SEULEMENT_V1.some((c) => noms.has(c))) return "v1";
  return null;
}

const LONGUEUR_NOM_MAX = 250;
const LONGUEUR_RESUME_MAX = 280;
const TELEPHONE = /^\+(33|590|594|262|596|269|687|689|508|681)\d{6,9}$/;
const COURRIEL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const PIVOT = /^([0-9]{14}|W[0-9A-Z]{9})$/;
const PIVOT_INCONNU = "00000000000000";
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** NUL characters and lone surrogates (possible in JSON escapes) cannot be stored: removed or replaced. */
const propre = (v: string) => v.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

function texte(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return propre(v).trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map(texte).filter(Boolean).join("|");
  return "";
}

function valeurs(v: unknown, separateur: string): string[] {
  if (Array.isArray(v)) return v.map(texte).filter(Boolean);
  return texte(v)
    .split(separateur)
    .map((s) => s.trim())
    .filter(Boolean);
}

const sansDoublons = (l: string[]) => [...new Set(l)];

/** A French number written "01 23 45 67 89" or "0123456789" becomes "+33123456789". */
export function normaliserTelephone(brut: string): string | null {
  const compact = brut.replace(/[\s.\-()]/g, "");
  if (TELEPHONE.test(compact)) return compact;
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^0033[1-9]\d{8}$/.test(compact)) return `+${compact.slice(2)}`;
  return null;
}

function url(brut: string): string | null {
  const v = /^www\./i.test(brut) ? `https://${brut}` : brut;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

function dateValide(brut: string): string | null {
  const v = brut.slice(0, 10);
  const m = DATE.exec(v);
  if (!m) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

function nombre(v: unknown): number | null | "invalide" {
  const t = typeof v === "number" ? v : texte(v).replace(",", ".");
  if (t === "") return null;
  const n = typeof t === "number" ? t : Number(t);
  return Number.isFinite(n) ? n : "invalide";
}

export function lireLieu(
  brut: EnregistrementBrut,
  version: VersionStandard,
): { ok: true; lieu: LieuV1; derivees: DeriveesLieu; corrections: ProblemeDeLigne[] } | { ok: false; problemes: ProblemeDeLigne[] } {
  const champ = (nom: string) => brut[nom];
  const sep = version === "v1" ? "|" : ";";
  const problemes: ProblemeDeLigne[] = [];
  const corrections: ProblemeDeLigne[] = [];
  const corriger = (c: string, valeur: string, raison: string) => corrections.push({ champ: c, valeur, raison });

  const id = texte(champ("id"));
  if (!id) problemes.push({ champ: "id", valeur: "", raison: "Identifiant du lieu manquant (colonne id, obligatoire)." });
  else if (id.length > 2000) problemes.push({ champ: "id", valeur: id, raison: "Identifiant de plus de 2 000 caractères." });
  const nom = texte(champ("nom")).replace(/\s+/g, " ");
  if (!nom) problemes.push({ champ: "nom", valeur: "", raison: "Nom du lieu manquant (colonne nom, obligatoire)." });
  else if (nom.length > LONGUEUR_NOM_MAX) problemes.push({ champ: "nom", valeur: nom, raison: `Nom de plus de ${LONGUEUR_NOM_MAX} caractères.` });
  const commune = texte(champ("commune"));
  const codeInsee = texte(champ("code_insee")).toUpperCase() || null;
  let codePostal: string | null = texte(champ("code_postal"));
  if (codePostal && /^\d{4}$/.test(codePostal)) {
    corriger("code_postal", codePostal, "Code postal à 4 chiffres : le zéro initial est rétabli.");
    codePostal = `0${codePostal}`;
  }
  if (codePostal && !/^\d{5}$/.test(codePostal)) {
    corriger("code_postal", codePostal, "Code postal invalide (5 chiffres attendus) : ignoré.");
    codePostal = null;
  }
  if (!commune && !codeInsee && !codePostal) problemes.push({ champ: "commune", valeur: "", raison: "Ni commune, ni code INSEE, ni code postal : le lieu ne peut être situé." });
  if (problemes.length) return { ok: false, problemes };

  const adresse = texte(champ("adresse")) || null;
  if (!adresse) corriger("adresse", "", "Adresse manquante (obligatoire dans le standard) : le lieu est gardé sans adresse.");

  let pivot: string | null = texte(champ("pivot")).replace(/\s/g, "").toUpperCase() || null;
  if (pivot && !PIVOT.test(pivot)) {
    corriger("pivot", pivot, "SIRET (14 chiffres) ou RNA (W suivi de 9 caractères) attendu : ignoré.");
    pivot = null;
  }
  if (pivot === PIVOT_INCONNU) pivot = null;

  let latitude = nombre(champ("latitude"));
  let longitude = nombre(champ("longitude"));
  if (latitude === "invalide" || longitude === "invalide" || (latitude === null) !== (longitude === null) || (typeof latitude === "number" && Math.abs(latitude) > 90) || (typeof longitude === "number" && Math.abs(longitude) > 180)) {
    corriger("latitude", `${texte(champ("latitude"))}, ${texte(champ("longitude"))}`, "Coordonnées incomplètes ou hors limites : le lieu est gardé sans coordonnées.");
    latitude = null;
    longitude = null;
  }

  let dateMaj: string | null = null;
  const dateBrute = texte(champ("date_maj"));
  if (dateBrute) {
    dateMaj = dateValide(dateBrute);
    if (!dateMaj) corriger("date_maj", dateBrute, "Date de mise à jour invalide (AAAA-MM-JJ attendu) : ignorée.");
  } else corriger("date_maj", "", "Date de mise à jour manquante (obligatoire dans le standard).");

  let telephone: string | null = null;
  const telBrut = texte(champ("telephone"));
  if (telBrut) {
    const premier = telBrut.split(/[|;/]/)[0] ?? "";
    telephone = normaliserTelephone(premier);
    if (!telephone) corriger("telephone", telBrut, "Téléphone au format international attendu (+33…) : ignoré.");
    else if (telephone !== premier.trim()) corriger("telephone", telBrut, `Téléphone mis au format international : ${telephone}.`);
  }

  const courriels: string[] = [];
  for (const c of valeurs(version === "v1" ? champ("courriels") : champ("courriel"), version === "v1" ? "|" : ";")) {
    if (COURRIEL.test(c)) courriels.push(c.toLowerCase());
    else corriger(version === "v1" ? "courriels" : "courriel", c, "Adresse électronique invalide : ignorée.");
  }
  const siteWeb: string[] = [];
  for (const s of valeurs(champ("site_web"), sep)) {
    const u = url(s);
    if (u) siteWeb.push(u);
    else corriger("site_web", s, "Adresse de site web invalide : ignorée.");
  }
  const lien = (nomChamp: string) => {
    const v = texte(champ(nomChamp));
    if (!v) return null;
    const u = url(v);
    if (!u) corriger(nomChamp, v, "Adresse web invalide : ignorée.");
    return u;
  };

  let presentationResume = texte(champ("presentation_resume")) || null;
  let presentationDetail = texte(champ("presentation_detail")) || null;
  if (presentationResume && presentationResume.length > LONGUEUR_RESUME_MAX) {
    corriger("presentation_resume", presentationResume, `Résumé de plus de ${LONGUEUR_RESUME_MAX} caractères : le texte entier passe dans la présentation détaillée.`);
    presentationDetail = presentationDetail ? `${presentationResume}\n\n${presentationDetail}` : presentationResume;
    presentationResume = `${presentationResume.slice(0, LONGUEUR_RESUME_MAX - 1)}…`;
  }

  // Lists of the standard: a value outside the list is dropped and reported.
  const liste = (nomChamp: string, permises: readonly string[], brutes: string[] = valeurs(champ(nomChamp), sep)) => {
    const gardees: string[] = [];
    for (const v of brutes) {
      const valeur = VARIANTES[v] ?? v;
      if (permises.includes(valeur)) gardees.push(valeur);
      else corriger(nomChamp, v, "Valeur hors de la liste du standard : ignorée.");
    }
    return sansDoublons(gardees);
  };

  const typologie: string[] = [];
  for (const brute of valeurs(champ("typologie"), sep)) {
    const code = ANCIENNES_TYPOLOGIES[brute] ?? ANCIENNES_TYPOLOGIES[brute.toUpperCase()] ?? (TYPOLOGIES[brute] ? brute : TYPOLOGIES[brute.toUpperCase()] ? brute.toUpperCase() : null);
    if (code) typologie.push(code);
    else corriger("typologie", brute, "Code de typologie inconnu du standard : ignoré.");
  }

  let lieu: LieuV1 = {
    id,
    pivot,
    nom,
    commune,
    code_postal: codePostal,
    code_insee: codeInsee,
    adresse,
    complement_adresse: texte(champ("complement_adresse")) || null,
    latitude,
    longitude,
    typologie: sansDoublons(typologie),
    telephone,
    courriels: sansDoublons(courriels),
    site_web: sansDoublons(siteWeb),
    horaires: texte(champ("horaires")) || null,
    presentation_resume: presentationResume,
    presentation_detail: presentationDetail,
    source: texte(champ("source")) || null,
    itinerance: [],
    structure_parente: texte(champ("structure_parente")) || null,
    date_maj: dateMaj,
    services: [],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: [],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: [],
    modalites_accompagnement: [],
    fiche_acces_libre: null,
    prise_rdv: lien("prise_rdv"),
  };

  if (version === "v1") {
    lieu = {
      ...lieu,
      itinerance: liste("itinerance", ITINERANCES),
      services: liste("services", SERVICES),
      publics_specifiquement_adresses: liste("publics_specifiquement_adresses", PUBLICS_SPECIFIQUEMENT_ADRESSES),
      prise_en_charge_specifique: liste("prise_en_charge_specifique", PRISES_EN_CHARGE_SPECIFIQUES),
      frais_a_charge: liste("frais_a_charge", FRAIS_A_CHARGE),
      dispositif_programmes_nationaux: liste("dispositif_programmes_nationaux", DISPOSITIFS_PROGRAMMES_NATIONAUX),
      formations_labels: liste("formations_labels", FORMATIONS_LABELS),
      autres_formations_labels: sansDoublons(valeurs(champ("autres_formations_labels"), sep)),
      modalites_acces: liste("modalites_acces", MODALITES_ACCES),
      modalites_accompagnement: liste("modalites_accompagnement", MODALITES_ACCOMPAGNEMENT),
      fiche_acces_libre: lien("fiche_acces_libre"),
    };
  } else {
    lieu = { ...lieu, ...convertirV0(brut, corriger), fiche_acces_libre: lien("accessibilite") };
  }

  const autres = lieu.autres_formations_labels.map((l) => l.toUpperCase());
  return {
    ok: true,
    lieu,
    corrections,
    derivees: { categorie: categorieDesTypologies(lieu.typologie), qpv: autres.includes("QPV"), frr: autres.includes("FRR") || autres.includes("ZRR") },
  };
}

/** The label before " : " of a v0.1 value ("Gratuit : Je peux accéder…" → "Gratuit"). */
const etiquette = (v: string) => (v.split(/\s*:\s*/)[0] ?? "").trim();

/** The lists of a v0.1 row, in their v1 form (the official correspondence of the standard's authors). */
function convertirV0(brut: EnregistrementBrut, corriger: (champ: string, valeur: string, raison: string) => void): Partial<LieuV1> {
  const inconnue = (nomChamp: string, v: string) => corriger(nomChamp, v, "Valeur inconnue du standard 0.1 : ignorée.");
  const services: string[] = [];
  for (const v of valeurs(brut.services, ";")) {
    const cible = SERVICES_V0[v] ?? ((SERVICES as readonly string[]).includes(v) ? v : undefined);
    if (cible) services.push(cible);
    else inconnue("services", v);
  }
  const publics: string[] = [];
  const priseEnCharge: string[] = [];
  for (const v of valeurs(brut.publics_accueillis, ";")) {
    const cible = PUBLICS_V0[v] ?? PREFIXES_PUBLICS_V0[etiquette(v)];
    if (!cible) {
      inconnue("publics_accueillis", v);
      continue;
    }
    if ("public" in cible && cible.public) publics.push(cible.public);
    if (cible.priseEnCharge) priseEnCharge.push(cible.priseEnCharge);
  }
  const frais: string[] = [];
  for (const v of valeurs(brut.conditions_acces, ";")) {
    const cible = CONDITIONS_ACCES_V0[etiquette(v)];
    if (cible) frais.push(cible);
    else inconnue("conditions_acces", v);
  }
  const modalites: string[] = [];
  for (const v of valeurs(brut.modalites_accompagnement, ";")) {
    const cible = MODALITES_ACCOMPAGNEMENT_V0[etiquette(v)];
    if (cible) modalites.push(cible);
    else inconnue("modalites_accompagnement", v);
  }
  const dispositifs: string[] = [];
  const formations: string[] = [];
  const autres: string[] = valeurs(brut.labels_autres, ";");
  for (const v of valeurs(brut.labels_nationaux, ";")) {
    const cible = LABELS_NATIONAUX_V0[v];
    if (!cible) {
      autres.push(v);
      continue;
    }
    if (cible.dispositif) dispositifs.push(cible.dispositif);
    if (cible.formation) formations.push(cible.formation);
    if (cible.autre) autres.push(cible.autre);
  }
  return {
    services: sansDoublons(services),
    publics_specifiquement_adresses: sansDoublons(publics),
    prise_en_charge_specifique: sansDoublons(priseEnCharge),
    frais_a_charge: sansDoublons(frais),
    modalites_accompagnement: sansDoublons(modalites),
    dispositif_programmes_nationaux: sansDoublons(dispositifs),
    formations_labels: sansDoublons(formations),
    autres_formations_labels: sansDoublons(autres),
  };
}
