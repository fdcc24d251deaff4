/*
 * The coverage of the feuilles de route, as the live map of the gouvernance form shows it
 * (PRODUCT §6, section 5): the state of each commune of the département (covered by which feuille
 * de route, shared by two infra-départemental ones, or uncovered), the colour of each feuille de
 * route, and the same in words for the text alternative, the legend and the status line.
 *
 * Pure: it reads the result of the perimeter engine (verifierPerimetres) and adds nothing to its
 * rules.
 */

import { enumerer, type CommuneDuPerimetre, type Perimetre, type ReferentielPerimetre, type VerificationPerimetres } from "./perimetres";

/** The communes of a département drawn as SVG path data (computed on the server, see services/carte-couverture). */
export interface DessinCommunes {
  /** Size of the drawing, in SVG units. */
  largeur: number;
  hauteur: number;
  /** Communes without a drawable shape are left out. */
  communes: Array<{ code: string; nom: string; /** SVG path data, filled with the even-odd rule. */ d: string }>;
  /** Where the shapes come from and their date (AAAA-MM-JJ). */
  source: string;
  dateMiseAJour: string;
}

/* ------------------------------------------------------------------------------------------------
 * Colours (DSFR illustrative colours, light theme)
 * --------------------------------------------------------------------------------------------- */

/** The départemental feuille de route, under the infra-départemental ones: blue-france-850. */
export const COULEUR_DEPARTEMENTALE = "#cacafb";
/** The régional one: beige-gris-galet-850 (hidden under a départemental one when both exist). */
export const COULEUR_REGIONALE = "#e0cab0";
/** grey-200-850: a commune no feuille de route covers. */
export const COULEUR_NON_COUVERTE = "#cecece";
/** error-425: a commune two infra-départemental feuilles de route share (drawn with white stripes). */
export const COULEUR_CHEVAUCHEMENT = "#ce0500";
export const LIBELLE_NON_COUVERTE = "Non couverte";
export const LIBELLE_CHEVAUCHEMENT = "Chevauchement";

/**
 * The infra-départemental feuilles de route, in the order given: hues and lightness alternate so
 * that two consecutive ones differ in both; none is red (kept for overlaps) nor a pale blue (kept
 * for the départemental one). Past the last, the colours come again with white stripes.
 */
export const PALETTE_INFRA = [
  "#465f9d", // blue-ecume-main-400
  "#efcb3a", // yellow-tournesol-850
  "#00a95f", // green-emeraude-main-632
  "#a558a0", // purple-glycine-main-494
  "#e4794a", // orange-terre-battue-main-645
  "#006a6f", // green-archipel-sun-391
  "#95e257", // green-bourgeon-850
  "#845d48", // brown-caramel-sun-425
  "#73e0cf", // green-menthe-850
  "#6e445a", // purple-glycine-sun-319
  "#fcc0b4", // pink-macaron-850
  "#b7a73f", // green-tilleul-verveine-main-707
] as const;

export interface StyleFeuille {
  couleur: string;
  /** White diagonal stripes over the colour. */
  rayee: boolean;
}

/** The style of the n-th infra-départemental feuille de route (from 0). */
export function styleInfra(rang: number): StyleFeuille {
  const n = PALETTE_INFRA.length;
  return { couleur: PALETTE_INFRA[rang % n] as string, rayee: Math.floor(rang / n) % 2 === 1 };
}

/* ------------------------------------------------------------------------------------------------
 * The summary
 * --------------------------------------------------------------------------------------------- */

/** `feuilles`: ids, in the order the feuilles de route were given. */
export type EtatCommune = { type: "feuille"; feuille: string } | { type: "chevauchement"; feuilles: string[] } | { type: "nonCouverte" };

export interface FeuilleAResumer {
  id: string;
  nom: string;
  perimetre: Perimetre;
}

export interface FeuilleResumee {
  id: string;
  /** As given; "Feuille de route n° 2 (sans nom)" while it has none. */
  nom: string;
  /** "Départemental", "EPCI : CA de Nevers et CC Cœur de Loire", "Communes : Achun, Alluy et 3 autres". */
  perimetre: string;
  /** Régional or départemental. */
  large: boolean;
  style: StyleFeuille;
  /** Communes of the département it covers. */
  communes: number;
  /** Among them, those it shares with another infra-départemental feuille de route. */
  enChevauchement: number;
  /** Communes drawn in its colour (0 for a régional one under a départemental one). */
  visibles: number;
  /** Why a wide one does not show: "recouverte sur la carte par la feuille de route départementale" (or "… par les feuilles de route infra-départementales"). */
  recouverte: string | null;
}

export interface GroupeNonCouvert {
  /** The EPCI's code; null: communes without EPCI. */
  code: string | null;
  nom: string;
  communes: CommuneDuPerimetre[];
  /** Communes of the EPCI in the département. */
  total: number;
}

export interface ResumeCouverture {
  /** Wide ones first (départemental, régional), then the infra-départemental ones in the order given. */
  feuilles: FeuilleResumee[];
  /** Every commune of the référentiel. */
  etats: Map<string, EtatCommune>;
  nonCouvertes: GroupeNonCouvert[];
  nombreNonCouvertes: number;
  /** By commune name, with the names of the feuilles de route sharing it. */
  chevauchements: Array<{ commune: CommuneDuPerimetre; feuilles: string[] }>;
  /** The same, grouped by the feuilles de route sharing them (in the order given), communes by name. */
  chevauchementsParFeuilles: Array<{ feuilles: string[]; communes: CommuneDuPerimetre[] }>;
  valide: boolean;
  /** "Scénario 2 : une feuille de route départementale et 3 infra-départementales." or "Les périmètres ne sont pas encore valides." */
  phrase: string;
  /** The engine's messages, when not valid. */
  messages: string[];
  /** "Couverture des feuilles de route : 3 feuilles, 12 communes non couvertes, 2 communes en chevauchement". */
  nomAccessible: string;
}

export const MESSAGE_AUCUNE_FEUILLE = "Ajoutez une feuille de route pour voir sa couverture.";
export const MESSAGE_PERIMETRES_INVALIDES = "Les périmètres ne sont pas encore valides.";

const nombres = new Intl.NumberFormat("fr-FR");
const nomsEnFrancais = new Intl.Collator("fr");
const estLarge = (p: Perimetre) => p.type === "regional" || p.type === "departemental";

/** "1 commune", "12 communes", "aucune commune" (the noun takes an s). */
export function compter(n: number, singulier: string, pluriel = `${singulier}s`, zero?: string): string {
  if (n === 0 && zero !== undefined) return zero;
  return `${nombres.format(n)} ${n > 1 ? pluriel : singulier}`;
}

/** The périmètre in words, named from the référentiel (a code it does not know is shown as it is). */
export function libellePerimetre(perimetre: Perimetre, referentiel: ReferentielPerimetre, max = 5): string {
  switch (perimetre.type) {
    case "regional":
      return "Régional";
    case "departemental":
      return "Départemental";
    case "epci": {
      if (perimetre.epci.length === 0) return "EPCI : aucun choisi";
      const noms = new Map(referentiel.epci.map((e) => [e.code, e.nom]));
      return `EPCI : ${enumerer(perimetre.epci.map((c) => noms.get(c) ?? c), max)}`;
    }
    case "communes": {
      if (perimetre.communes.length === 0) return "Communes : aucune choisie";
      const noms = new Map(referentiel.communes.map((c) => [c.code, c.nom]));
      return `Communes : ${enumerer(perimetre.communes.map((c) => noms.get(c) ?? c), max)}`;
    }
  }
}

function phraseScenario(feuilles: readonly FeuilleAResumer[], scenario: 1 | 2 | 3): string {
  const regionale = feuilles.some((f) => f.perimetre.type === "regional");
  const departementale = feuilles.some((f) => f.perimetre.type === "departemental");
  const infra = feuilles.filter((f) => !estLarge(f.perimetre)).length;
  const larges = regionale && departementale ? "une feuille de route régionale, une départementale" : `une feuille de route ${regionale ? "régionale" : "départementale"}`;
  if (scenario === 1) return `Scénario 1 : ${larges.replace(", une départementale", " et une départementale")}.`;
  if (scenario === 2) return `Scénario 2 : ${larges} et ${infra > 1 ? `${nombres.format(infra)} infra-départementales` : "une infra-départementale"}.`;
  return infra > 1
    ? "Scénario 3 : des feuilles de route infra-départementales couvrant tout le département."
    : "Scénario 3 : une feuille de route infra-départementale couvrant tout le département.";
}

/**
 * What the map, its legend and its text alternative show, from the engine's verification of the
 * same feuilles de route; null when there is none (nothing to show yet).
 */
export function resumerCouverture(referentiel: ReferentielPerimetre, feuilles: readonly FeuilleAResumer[], verification: VerificationPerimetres): ResumeCouverture | null {
  const couverture = verification.couverture;
  if (feuilles.length === 0 || couverture === null) return null;
  const parId = new Map(feuilles.map((f) => [f.id, f]));
  const rangDonne = new Map(feuilles.map((f, i) => [f.id, i]));
  const nomAffiche = (f: FeuilleAResumer) => (f.nom.trim() === "" ? `Feuille de route n° ${(rangDonne.get(f.id) ?? 0) + 1} (sans nom)` : f.nom);
  const large = (id: string) => {
    const f = parId.get(id);
    return f !== undefined && estLarge(f.perimetre);
  };

  // Each commune: the only infra-départemental feuille covering it, else the first wide one
  // (the engine lists the départemental before the régional), else uncovered; two infra: overlap.
  const etats = new Map<string, EtatCommune>();
  const visibles = new Map<string, number>();
  const enChevauchement = new Map<string, number>();
  const chevauchements: ResumeCouverture["chevauchements"] = [];
  const groupes = new Map<string, { rangs: number[]; feuilles: string[]; communes: CommuneDuPerimetre[] }>();
  for (const commune of referentiel.communes) {
    const ids = couverture.feuillesParCommune.get(commune.code) ?? [];
    const infra = ids.filter((id) => !large(id));
    let etat: EtatCommune;
    if (infra.length > 1) {
      const ordre = [...infra].sort((a, b) => (rangDonne.get(a) ?? 0) - (rangDonne.get(b) ?? 0));
      etat = { type: "chevauchement", feuilles: ordre };
      for (const id of ordre) enChevauchement.set(id, (enChevauchement.get(id) ?? 0) + 1);
      const noms = ordre.map((id) => nomAffiche(parId.get(id) as FeuilleAResumer));
      chevauchements.push({ commune, feuilles: noms });
      const cle = ordre.join("\u0000");
      const groupe = groupes.get(cle) ?? { rangs: ordre.map((id) => rangDonne.get(id) ?? 0), feuilles: noms, communes: [] };
      groupe.communes.push(commune);
      groupes.set(cle, groupe);
    } else if (infra.length === 1 || ids.length > 0) {
      const id = (infra[0] ?? ids[0]) as string;
      etat = { type: "feuille", feuille: id };
      visibles.set(id, (visibles.get(id) ?? 0) + 1);
    } else etat = { type: "nonCouverte" };
    etats.set(commune.code, etat);
  }
  const parNom = (a: CommuneDuPerimetre, b: CommuneDuPerimetre) => nomsEnFrancais.compare(a.nom, b.nom) || a.code.localeCompare(b.code);
  chevauchements.sort((a, b) => parNom(a.commune, b.commune));
  const chevauchementsParFeuilles = [...groupes.values()]
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.rangs.length, b.rangs.length); i += 1) if (a.rangs[i] !== b.rangs[i]) return (a.rangs[i] as number) - (b.rangs[i] as number);
      return a.rangs.length - b.rangs.length;
    })
    .map((g) => ({ feuilles: g.feuilles, communes: g.communes.sort(parNom) }));

  const rangLarge = (p: Perimetre) => (p.type === "departemental" ? 0 : p.type === "regional" ? 1 : 2);
  const ordonnees = feuilles.map((f, i) => ({ f, i })).sort((a, b) => rangLarge(a.f.perimetre) - rangLarge(b.f.perimetre) || a.i - b.i);
  const avecDepartementale = feuilles.some((f) => f.perimetre.type === "departemental");
  let rangInfra = 0;
  const resumees = ordonnees.map(({ f }): FeuilleResumee => {
    const estUneLarge = estLarge(f.perimetre);
    const communes = couverture.communesParFeuille.get(f.id)?.length ?? 0;
    const nombreVisibles = visibles.get(f.id) ?? 0;
    const recouverte =
      estUneLarge && communes > 0 && nombreVisibles === 0
        ? `recouverte sur la carte par ${f.perimetre.type === "regional" && avecDepartementale ? "la feuille de route départementale" : "les feuilles de route infra-départementales"}`
        : null;
    const style: StyleFeuille = estUneLarge ? { couleur: f.perimetre.type === "departemental" ? COULEUR_DEPARTEMENTALE : COULEUR_REGIONALE, rayee: false } : styleInfra(rangInfra++);
    return {
      id: f.id,
      nom: nomAffiche(f),
      perimetre: libellePerimetre(f.perimetre, referentiel),
      large: estUneLarge,
      style,
      communes,
      enChevauchement: enChevauchement.get(f.id) ?? 0,
      visibles: nombreVisibles,
      recouverte,
    };
  });

  // The engine groups the uncovered communes by EPCI (scenario 3 only: a wide one covers them all).
  const erreurNonCouvertes = verification.ok ? undefined : verification.erreurs.find((e) => e.code === "communesNonCouvertes");
  let nonCouvertes: GroupeNonCouvert[] = erreurNonCouvertes?.parEpci?.map((g) => ({ code: g.code, nom: g.nom, communes: g.communes, total: g.total })) ?? [];
  const nombreNonCouvertes = [...etats.values()].filter((e) => e.type === "nonCouverte").length;
  if (nonCouvertes.length === 0 && nombreNonCouvertes > 0) {
    // Not expected from the engine; kept whole rather than lost.
    const communes = referentiel.communes.filter((c) => etats.get(c.code)?.type === "nonCouverte");
    nonCouvertes = [{ code: null, nom: "Communes", communes, total: communes.length }];
  }

  const nomAccessible = `Couverture des feuilles de route : ${compter(feuilles.length, "feuille")}, ${
    nombreNonCouvertes === 0 ? "toutes les communes couvertes" : compter(nombreNonCouvertes, "commune non couverte", "communes non couvertes")
  }, ${chevauchements.length === 0 ? "aucun chevauchement" : compter(chevauchements.length, "commune en chevauchement", "communes en chevauchement")}`;

  return {
    feuilles: resumees,
    etats,
    nonCouvertes,
    nombreNonCouvertes,
    chevauchements,
    chevauchementsParFeuilles,
    valide: verification.ok,
    phrase: verification.ok ? phraseScenario(feuilles, couverture.scenario) : MESSAGE_PERIMETRES_INVALIDES,
    messages: verification.ok ? [] : verification.erreurs.map((e) => e.message),
    nomAccessible,
  };
}
