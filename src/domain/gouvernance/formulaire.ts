import { verifierSiret } from "../candidatures/siret";
import { verifierPerimetres, type ErreurPerimetre, type Perimetre, type ReferentielPerimetre, type Scenario } from "./perimetres";
import { lireNote, texteDeLaNote, type DocumentNote } from "./note";

/*
 * The formulaire de validation de la gouvernance (PRODUCT §6): seven sections, each saved on its
 * own. `lireSection` turns what a browser sent (untrusted JSON) into a section's content or the
 * French message of every field at fault, with the wording of the earlier system where it had
 * one; `verifierGouvernance` checks the rules that span sections (a co-porteur or a porteur is a
 * member, "Porté seulement par la préfecture" needs "Pas de co-porteur", the perimeters) and says,
 * section by section, what is missing for the gouvernance to be complete.
 */

export const SECTIONS = ["sousPrefet", "coPorteurs", "membres", "comitologie", "feuillesDeRoute", "coordination", "noteDeContexte"] as const;
export type Section = (typeof SECTIONS)[number];

export const TITRES_SECTIONS: Record<Section, string> = {
  sousPrefet: "Contact du sous-préfet référent",
  coPorteurs: "Co-porteurs de la gouvernance",
  membres: "Membres de la gouvernance",
  comitologie: "Comitologie",
  feuillesDeRoute: "Feuilles de route & porteurs",
  coordination: "Coordination des Conseillers Numériques",
  noteDeContexte: "Note de contexte",
};

export const TYPES_MEMBRE = ["region", "departement", "epci", "commune", "structure"] as const;
export type TypeMembre = (typeof TYPES_MEMBRE)[number];

/**
 * A member of the gouvernance. `cle` identifies it across sections: "candidat:{id}" (chosen among
 * the candidates), "collectivite:{type}:{code}" or "siret:{siret}" (added by the préfecture).
 */
export interface Membre {
  cle: string;
  nom: string;
  type: TypeMembre;
  origine: "candidat" | "prefecture";
  siret?: string;
}

export const TYPES_COMITE = ["strategique", "technique", "consultatif", "autre"] as const;
export const LIBELLES_TYPES_COMITE: Record<(typeof TYPES_COMITE)[number], string> = {
  strategique: "Comité stratégique",
  technique: "Comité technique",
  consultatif: "Comité consultatif",
  autre: "Autre",
};
export const FREQUENCES_COMITE = ["mensuelle", "trimestrielle", "semestrielle", "annuelle"] as const;
export const LIBELLES_FREQUENCES: Record<(typeof FREQUENCES_COMITE)[number], string> = {
  mensuelle: "Mensuelle",
  trimestrielle: "Trimestrielle",
  semestrielle: "Semestrielle",
  annuelle: "Annuelle",
};

export interface Comite {
  id: string;
  type: (typeof TYPES_COMITE)[number];
  precision?: string;
  frequence: (typeof FREQUENCES_COMITE)[number];
  commentaire?: string;
}

export const TYPES_CONTRAT = ["CRTE", "SDAASaP", "SDIN", "SDUN", "Autre"] as const;
export type Contrat = { existe: false } | { existe: true; type: (typeof TYPES_CONTRAT)[number]; precision?: string };

export interface FeuilleDeRoute {
  id: string;
  nom: string;
  /** The member carrying it, or null: "Porté seulement par la préfecture". */
  porteur: string | null;
  perimetre: Perimetre;
  contrat: Contrat;
}

export interface Recruteur {
  /** A member, or a structure given by its SIRET. */
  cle: string;
  nom: string;
  siret?: string;
}

export interface ContenusSections {
  sousPrefet: { prenom: string; nom: string; email: string };
  coPorteurs: { sansCoPorteur: boolean; coPorteurs: string[] };
  membres: { membres: Membre[] };
  comitologie: { comites: Comite[] };
  feuillesDeRoute: { feuilles: FeuilleDeRoute[] };
  coordination: { recruteurs: Recruteur[] };
  noteDeContexte: { note: DocumentNote };
}

export type ContenusGouvernance = Partial<ContenusSections>;

/** Field path ("feuilles.0.nom") → message. */
export type ErreursChamps = Record<string, string>;

export type LectureSection<S extends Section> = { ok: true; contenu: ContenusSections[S] } | { ok: false; erreurs: ErreursChamps };

const MAX_ELEMENTS = 500;
const LONGUEUR_TEXTE = 200;
const LONGUEUR_COMMENTAIRE = 2_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IDENTIFIANT = /^[A-Za-z0-9_-]{1,64}$/;
const CLE_MEMBRE = /^(candidat:[0-9a-f-]{36}|collectivite:(region|departement|epci|commune):[0-9AB]{2,9}|siret:\d{14})$/;

const estObjet = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const texte = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

class Lecteur {
  erreurs: ErreursChamps = {};
  /** A required text: trimmed, at most `max` characters. */
  requis(chemin: string, v: unknown, message: string, max = LONGUEUR_TEXTE): string {
    const t = texte(v);
    if (t === "") this.erreurs[chemin] = message;
    else if (t.length > max) this.erreurs[chemin] = `${max} caractères au plus.`;
    return t;
  }
  facultatif(chemin: string, v: unknown, max = LONGUEUR_COMMENTAIRE): string | undefined {
    const t = texte(v);
    if (t.length > max) this.erreurs[chemin] = `${max} caractères au plus.`;
    return t === "" ? undefined : t;
  }
  parmi<T extends string>(chemin: string, v: unknown, valeurs: readonly T[], message: string): T {
    if (typeof v !== "string" || !valeurs.includes(v as T)) this.erreurs[chemin] = message;
    return v as T;
  }
  liste(chemin: string, v: unknown): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.erreurs[chemin] = "Liste attendue.";
      return [];
    }
    if (v.length > MAX_ELEMENTS) {
      this.erreurs[chemin] = `${MAX_ELEMENTS} éléments au plus.`;
      return [];
    }
    return v;
  }
  identifiant(chemin: string, v: unknown): string {
    if (typeof v !== "string" || !IDENTIFIANT.test(v)) this.erreurs[chemin] = "Identifiant invalide.";
    return String(v);
  }
  cleMembre(chemin: string, v: unknown, message = "Membre invalide."): string {
    if (typeof v !== "string" || !CLE_MEMBRE.test(v)) this.erreurs[chemin] = message;
    return String(v);
  }
  resultat<S extends Section>(contenu: ContenusSections[S]): LectureSection<S> {
    return Object.keys(this.erreurs).length ? { ok: false, erreurs: this.erreurs } : { ok: true, contenu };
  }
}

function lirePerimetre(l: Lecteur, chemin: string, v: unknown): Perimetre {
  const p = estObjet(v) ? v : {};
  const type = l.parmi(chemin, p.type, ["regional", "departemental", "epci", "communes"] as const, "Veuillez choisir le périmètre géographique de la feuille de route.");
  // An unknown type: its message is given, the rest is not read (the content is refused anyway).
  if (l.erreurs[chemin] || type === "regional" || type === "departemental") return { type: type === "regional" ? "regional" : "departemental" };
  const codes = l.liste(`${chemin}.${type}`, type === "epci" ? p.epci : p.communes);
  const lus = codes.filter((c): c is string => typeof c === "string" && /^[0-9AB]{5,9}$/.test(c));
  if (l.erreurs[`${chemin}.${type}`]) {
    // Not a list, or too long: its message stands.
  } else if (lus.length !== codes.length) l.erreurs[`${chemin}.${type}`] = "Code invalide.";
  else if (lus.length === 0) l.erreurs[`${chemin}.${type}`] = type === "epci" ? "Veuillez préciser l'EPCI ou les EPCI de la feuille de route." : "Veuillez choisir au moins une commune.";
  return type === "epci" ? { type, epci: [...new Set(lus)] } : { type: "communes", communes: [...new Set(lus)] };
}

/** Reads the content of one section sent by a browser. */
export function lireSection<S extends Section>(section: S, brut: unknown): LectureSection<S> {
  const l = new Lecteur();
  const v = estObjet(brut) ? brut : {};
  switch (section) {
    case "sousPrefet": {
      const prenom = l.requis("prenom", v.prenom, "Veuillez renseigner le prénom du sous-préfet référent.");
      const nom = l.requis("nom", v.nom, "Veuillez renseigner le nom du sous-préfet référent.");
      const email = l.requis("email", v.email, "Veuillez renseigner l'email du sous-préfet référent.").toLowerCase();
      if (email && !l.erreurs.email && !EMAIL.test(email)) l.erreurs.email = "Veuillez renseigner un email valide.";
      return l.resultat<"sousPrefet">({ prenom, nom, email }) as LectureSection<S>;
    }
    case "coPorteurs": {
      const sansCoPorteur = v.sansCoPorteur === true;
      const coPorteurs = [...new Set(l.liste("coPorteurs", v.coPorteurs).map((c, i) => l.cleMembre(`coPorteurs.${i}`, c)))];
      if (sansCoPorteur && coPorteurs.length > 0) l.erreurs.sansCoPorteur = "« Pas de co-porteur de la gouvernance » ne peut pas être coché avec des co-porteurs.";
      return l.resultat<"coPorteurs">({ sansCoPorteur, coPorteurs }) as LectureSection<S>;
    }
    case "membres": {
      const vus = new Set<string>();
      const membres = l.liste("membres", v.membres).map((brutMembre, i): Membre => {
        const m = estObjet(brutMembre) ? brutMembre : {};
        const cle = l.cleMembre(`membres.${i}`, m.cle);
        if (vus.has(cle)) l.erreurs[`membres.${i}`] = "Ce membre est déjà dans la liste.";
        vus.add(cle);
        const nom = l.requis(`membres.${i}.nom`, m.nom, "Veuillez renseigner le nom du membre.");
        const type = l.parmi(`membres.${i}.type`, m.type, TYPES_MEMBRE, "Type de membre invalide.");
        const origine = cle.startsWith("candidat:") ? "candidat" : "prefecture";
        let siret: string | undefined;
        if (cle.startsWith("siret:")) {
          const verifie = verifierSiret(cle.slice("siret:".length));
          if (!verifie.ok) l.erreurs[`membres.${i}`] = "Le numéro SIRET de cette structure n'est pas valide.";
          else siret = verifie.valeur;
        }
        return { cle, nom, type, origine, ...(siret ? { siret } : {}) };
      });
      return l.resultat<"membres">({ membres }) as LectureSection<S>;
    }
    case "comitologie": {
      const comites = l.liste("comites", v.comites).map((brutComite, i): Comite => {
        const c = estObjet(brutComite) ? brutComite : {};
        const type = l.parmi(`comites.${i}.type`, c.type, TYPES_COMITE, "Veuillez choisir le type de comité.");
        const precision = type === "autre" ? l.requis(`comites.${i}.precision`, c.precision, "Veuillez préciser le type de comité.") : undefined;
        const frequence = l.parmi(`comites.${i}.frequence`, c.frequence, FREQUENCES_COMITE, "Veuillez choisir la fréquence du comité.");
        const commentaire = l.facultatif(`comites.${i}.commentaire`, c.commentaire);
        return { id: l.identifiant(`comites.${i}.id`, c.id), type, ...(precision ? { precision } : {}), frequence, ...(commentaire ? { commentaire } : {}) };
      });
      return l.resultat<"comitologie">({ comites }) as LectureSection<S>;
    }
    case "feuillesDeRoute": {
      const feuilles = l.liste("feuilles", v.feuilles).map((brutFeuille, i): FeuilleDeRoute => {
        const f = estObjet(brutFeuille) ? brutFeuille : {};
        const nom = l.requis(`feuilles.${i}.nom`, f.nom, "Veuillez renseigner le nom de la feuille de route.");
        const porteur = f.porteur === null ? null : l.cleMembre(`feuilles.${i}.porteur`, f.porteur, "Veuillez renseigner le porteur de la feuille de route.");
        const perimetre = lirePerimetre(l, `feuilles.${i}.perimetre`, f.perimetre);
        const c = estObjet(f.contrat) ? f.contrat : {};
        let contrat: Contrat = { existe: false };
        if (c.existe !== true && c.existe !== false) l.erreurs[`feuilles.${i}.contrat`] = "Veuillez indiquer si la feuille de route s'appuie sur un contrat préexistant.";
        else if (c.existe) {
          const type = l.parmi(`feuilles.${i}.contrat.type`, c.type, TYPES_CONTRAT, "Veuillez sélectionner le type de contrat.");
          const precision = type === "Autre" ? l.requis(`feuilles.${i}.contrat.precision`, c.precision, "Veuillez préciser le contrat.") : undefined;
          contrat = { existe: true, type, ...(precision ? { precision } : {}) };
        }
        return { id: l.identifiant(`feuilles.${i}.id`, f.id), nom, porteur, perimetre, contrat };
      });
      return l.resultat<"feuillesDeRoute">({ feuilles }) as LectureSection<S>;
    }
    case "coordination": {
      const vus = new Set<string>();
      const recruteurs = l.liste("recruteurs", v.recruteurs).map((brutRecruteur, i): Recruteur => {
        const r = estObjet(brutRecruteur) ? brutRecruteur : {};
        const cle = l.cleMembre(`recruteurs.${i}`, r.cle, "Collectivité ou structure invalide.");
        if (vus.has(cle)) l.erreurs[`recruteurs.${i}`] = "Cette collectivité ou structure est déjà dans la liste.";
        vus.add(cle);
        const nom = l.requis(`recruteurs.${i}.nom`, r.nom, "Veuillez renseigner le nom de la collectivité ou de la structure.");
        const siret = cle.startsWith("siret:") ? cle.slice("siret:".length) : undefined;
        if (siret && !verifierSiret(siret).ok) l.erreurs[`recruteurs.${i}`] = "Le numéro SIRET de cette structure n'est pas valide.";
        return { cle, nom, ...(siret ? { siret } : {}) };
      });
      return l.resultat<"coordination">({ recruteurs }) as LectureSection<S>;
    }
    case "noteDeContexte": {
      const lue = lireNote(v.note);
      if (!lue.ok) {
        l.erreurs.note = lue.raison;
        return l.resultat<"noteDeContexte">({ note: { type: "doc", content: [] } }) as LectureSection<S>;
      }
      return l.resultat<"noteDeContexte">({ note: lue.document }) as LectureSection<S>;
    }
  }
  return { ok: false, erreurs: { section: "Section inconnue." } };
}

/**
 * The perimeter faults that forbid saving the feuilles de route: a second régional or
 * départemental one, two infra-départemental ones sharing communes (named), codes outside the
 * département. A scenario-3 set that does not cover everything yet can be saved: it is being
 * built, and the section stays incomplete until it covers the département.
 */
export function erreursPerimetresBloquantes(referentiel: ReferentielPerimetre, feuilles: readonly FeuilleDeRoute[]): ErreursChamps {
  if (feuilles.length === 0) return {};
  const verification = verifierPerimetres(referentiel, feuilles.map((f) => ({ id: f.id, nom: f.nom, perimetre: f.perimetre })));
  if (verification.ok) return {};
  const bloquantes = verification.erreurs.filter((e) => e.code !== "communesNonCouvertes" && e.code !== "aucuneFeuilleDeRoute");
  return Object.fromEntries(bloquantes.map((e, i) => [`perimetres.${i}`, e.message]));
}

export interface EtatSection {
  complete: boolean;
  /** What is missing or wrong, in French. */
  erreurs: string[];
}

export interface VerificationGouvernance {
  sections: Record<Section, EtatSection>;
  /** Every section complete and every rule across sections satisfied. */
  complete: boolean;
  scenario: Scenario | null;
  erreursPerimetres: ErreurPerimetre[];
  /** Members that cannot be removed: co-porteurs and porteurs of a feuille de route, with their role. */
  membresProteges: Map<string, "coPorteur" | "porteur" | "coPorteur et porteur">;
}

/** The rules across sections and the completeness of each section. */
export function verifierGouvernance(g: ContenusGouvernance, referentiel: ReferentielPerimetre): VerificationGouvernance {
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, { complete: true, erreurs: [] as string[] }])) as Record<Section, EtatSection>;
  const manque = (s: Section, message: string) => {
    sections[s].complete = false;
    sections[s].erreurs.push(message);
  };
  const membres = new Map((g.membres?.membres ?? []).map((m) => [m.cle, m]));
  const nomDe = (cle: string) => membres.get(cle)?.nom ?? cle;

  if (!g.sousPrefet) manque("sousPrefet", "Veuillez renseigner le contact du sous-préfet référent.");

  const coPorteurs = g.coPorteurs?.coPorteurs ?? [];
  if (!g.coPorteurs || (!g.coPorteurs.sansCoPorteur && coPorteurs.length === 0)) manque("coPorteurs", "Veuillez renseigner les co-porteurs de la gouvernance.");
  for (const c of coPorteurs) if (!membres.has(c)) manque("coPorteurs", `Le co-porteur ${nomDe(c)} doit être membre de la gouvernance.`);

  if (membres.size === 0) manque("membres", "Veuillez renseigner les membres de la gouvernance.");

  const feuilles = g.feuillesDeRoute?.feuilles ?? [];
  let scenario: Scenario | null = null;
  let erreursPerimetres: ErreurPerimetre[] = [];
  if (feuilles.length === 0) manque("feuillesDeRoute", "Veuillez renseigner au moins une feuille de route.");
  else {
    for (const f of feuilles) {
      if (f.porteur === null && !g.coPorteurs?.sansCoPorteur) manque("feuillesDeRoute", `La feuille de route « ${f.nom} » ne peut être portée seulement par la préfecture que si la gouvernance n'a pas de co-porteur.`);
      if (f.porteur !== null && !membres.has(f.porteur)) manque("feuillesDeRoute", `Le porteur de la feuille de route « ${f.nom} » doit être membre de la gouvernance.`);
    }
    const verification = verifierPerimetres(referentiel, feuilles.map((f) => ({ id: f.id, nom: f.nom, perimetre: f.perimetre })));
    scenario = verification.couverture?.scenario ?? null;
    if (!verification.ok) {
      erreursPerimetres = verification.erreurs;
      for (const e of verification.erreurs) manque("feuillesDeRoute", e.message);
    }
  }

  if ((g.coordination?.recruteurs ?? []).length === 0) manque("coordination", "Veuillez renseigner au moins une collectivité/structure.");

  if (!g.noteDeContexte || texteDeLaNote(g.noteDeContexte.note) === "") manque("noteDeContexte", "Veuillez renseigner la note de contexte.");

  const membresProteges = new Map<string, "coPorteur" | "porteur" | "coPorteur et porteur">();
  for (const c of coPorteurs) membresProteges.set(c, "coPorteur");
  for (const f of feuilles) if (f.porteur !== null) membresProteges.set(f.porteur, membresProteges.has(f.porteur) ? "coPorteur et porteur" : "porteur");

  return { sections, complete: SECTIONS.every((s) => sections[s].complete), scenario, erreursPerimetres, membresProteges };
}

/**
 * Saving the members must not remove one that holds a role: the names of those the new list
 * drops, with their role, to refuse the save.
 */
export function membresRetiresProteges(avant: ContenusGouvernance, nouveauxMembres: readonly Membre[], referentiel: ReferentielPerimetre): Array<{ cle: string; nom: string; role: string }> {
  const gardes = new Set(nouveauxMembres.map((m) => m.cle));
  const { membresProteges } = verifierGouvernance(avant, referentiel);
  const noms = new Map((avant.membres?.membres ?? []).map((m) => [m.cle, m.nom]));
  const libelles = { coPorteur: "co-porteur de la gouvernance", porteur: "porteur d'une feuille de route", "coPorteur et porteur": "co-porteur de la gouvernance et porteur d'une feuille de route" };
  return [...membresProteges.entries()].filter(([cle]) => !gardes.has(cle)).map(([cle, role]) => ({ cle, nom: noms.get(cle) ?? cle, role: libelles[role] }));
}
