import type { EtatDeLaGouvernance } from "./campagnes";
import { LIBELLES_FREQUENCES, LIBELLES_TYPES_COMITE, type ContenusSections, type Contrat, type Membre, type Section, type TypeMembre } from "./formulaire";
import type { Perimetre, ReferentielPerimetre } from "./perimetres";

/*
 * The public view of a gouvernance (PRODUCT §6 and §12): what anyone may read of a proposal once
 * its préfecture has submitted it ("déposée") or the national team has validated it. The view is
 * built field by field from the sections listed in SECTIONS_PUBLIQUES: the contact of the
 * sous-préfet and the note de contexte are never read, and no internal key (a candidate's id)
 * ever leaves; names, types, public codes of collectivités and SIRET numbers (public company data)
 * do.
 */

export const ETATS_GOUVERNANCE = ["aucune", "brouillon", "deposee", "validee", "aCompleter"] as const satisfies readonly EtatDeLaGouvernance[];
export type EtatGouvernance = (typeof ETATS_GOUVERNANCE)[number];

/** The states as the public reads them. */
export const LIBELLES_ETATS: Record<EtatGouvernance, string> = {
  aucune: "Aucune gouvernance",
  brouillon: "En préparation",
  deposee: "Déposée",
  validee: "Validée",
  aCompleter: "À compléter",
};

/** The states whose content is public. */
export const ETATS_PUBLICS = ["deposee", "validee"] as const satisfies readonly EtatGouvernance[];
export type EtatPublic = (typeof ETATS_PUBLICS)[number];

export function estPublique(etat: EtatGouvernance): etat is EtatPublic {
  return (ETATS_PUBLICS as readonly string[]).includes(etat);
}

/** The state stored (no row: null). An unknown value is read as "brouillon": never public by mistake. */
export function lireEtat(brut: string | null | undefined): EtatGouvernance {
  if (brut === null || brut === undefined) return "aucune";
  return (ETATS_GOUVERNANCE as readonly string[]).includes(brut) && brut !== "aucune" ? (brut as EtatGouvernance) : "brouillon";
}

/** How many départements are in each state. */
export function compterParEtat(etats: Iterable<EtatGouvernance>): Record<EtatGouvernance, number> {
  const comptes = Object.fromEntries(ETATS_GOUVERNANCE.map((e) => [e, 0])) as Record<EtatGouvernance, number>;
  for (const e of etats) comptes[e] += 1;
  return comptes;
}

/** The préfectures that sent their proposal at least once: déposée, validée or sent back "à compléter". */
export function prefecturesAyantRemonte(parEtat: Record<EtatGouvernance, number>): number {
  return parEtat.deposee + parEtat.validee + parEtat.aCompleter;
}

/** The only sections a public view reads. */
export const SECTIONS_PUBLIQUES = ["coPorteurs", "membres", "comitologie", "feuillesDeRoute", "coordination"] as const satisfies readonly Section[];
export type SectionPublique = (typeof SECTIONS_PUBLIQUES)[number];
export type ContenusPublics = Partial<Pick<ContenusSections, SectionPublique>>;

export const LIBELLES_TYPES_MEMBRE: Record<TypeMembre, string> = {
  region: "Région",
  departement: "Département",
  epci: "EPCI",
  commune: "Commune",
  structure: "Structure",
};

export const PORTE_PAR_LA_PREFECTURE = "Porté seulement par la préfecture";
export const PAS_DE_CO_PORTEUR = "Pas de co-porteur";
const NON_RENSEIGNE = "Non renseigné";
const MEMBRE_INCONNU = "Membre non renseigné";

export interface MembrePublic {
  nom: string;
  type: TypeMembre;
  libelleType: string;
  /** The official code of a collectivité (région, département, SIREN of an EPCI, INSEE code of a commune). */
  code?: string;
  siret?: string;
}

export interface CoPorteursPublics {
  /** "Pas de co-porteur de la gouvernance": the préfecture carries it alone. */
  sansCoPorteur: boolean;
  noms: string[];
  /** "Pas de co-porteur", the names, or "Non renseigné". */
  libelle: string;
}

export interface ComitePublic {
  type: ContenusSections["comitologie"]["comites"][number]["type"];
  /** "Comité stratégique"…, or "Autre : {précision}". */
  libelleType: string;
  frequence: ContenusSections["comitologie"]["comites"][number]["frequence"];
  libelleFrequence: string;
  commentaire?: string;
}

export interface PerimetrePublic {
  type: Perimetre["type"];
  /** In French: "Régional", "Départemental", "EPCI : … (45 communes)", "Sélection de 12 communes". */
  libelle: string;
  epci?: Array<{ code: string; nom: string }>;
  /** Communes of the département it covers. */
  communes: number;
}

export interface ContratPublic {
  existe: boolean;
  type?: string;
  precision?: string;
  /** "Non", "CRTE", "Autre : …". */
  libelle: string;
}

export interface FeuilleDeRoutePublique {
  nom: string;
  /** The name of the member carrying it; null: carried by the préfecture alone. */
  porteur: string | null;
  /** The porteur's name or "Porté seulement par la préfecture". */
  libellePorteur: string;
  perimetre: PerimetrePublic;
  contrat: ContratPublic;
}

export interface RecruteurPublic {
  nom: string;
  siret?: string;
}

export interface ContenuPublic {
  coPorteurs: CoPorteursPublics;
  membres: MembrePublic[];
  comites: ComitePublic[];
  feuillesDeRoute: FeuilleDeRoutePublique[];
  coordination: RecruteurPublic[];
}

const pluriel = (n: number, singulier: string, plurielMot: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? plurielMot : singulier}`;

/** The code of a collectivité member ("collectivite:epci:200067346" → "200067346"). */
function codeDuMembre(m: Membre): string | undefined {
  return m.cle.startsWith("collectivite:") ? m.cle.split(":")[2] : undefined;
}

export function decrirePerimetre(p: Perimetre, referentiel: ReferentielPerimetre): PerimetrePublic {
  const toutes = referentiel.communes.length;
  if (p.type === "regional") return { type: p.type, libelle: "Régional", communes: toutes };
  if (p.type === "departemental") return { type: p.type, libelle: "Départemental", communes: toutes };
  if (p.type === "epci") {
    const parCode = new Map(referentiel.epci.map((e) => [e.code, e]));
    const epci = p.epci.map((code) => ({ code, nom: parCode.get(code)?.nom ?? `EPCI ${code}` }));
    const communes = new Set(p.epci.flatMap((code) => parCode.get(code)?.communes ?? []));
    return { type: p.type, libelle: `EPCI : ${epci.map((e) => e.nom).join(", ")} (${pluriel(communes.size, "commune", "communes")})`, epci, communes: communes.size };
  }
  const n = new Set(p.communes).size;
  return { type: p.type, libelle: `Sélection de ${pluriel(n, "commune", "communes")}`, communes: n };
}

export function decrireContrat(c: Contrat): ContratPublic {
  if (!c.existe) return { existe: false, libelle: "Non" };
  return { existe: true, type: c.type, ...(c.precision ? { precision: c.precision } : {}), libelle: c.type === "Autre" ? `Autre : ${c.precision ?? ""}`.trim() : c.type };
}

/**
 * The public content of a gouvernance, from its public sections. Any other section given is
 * ignored; a co-porteur or porteur missing from the members (impossible once complete) is named
 * "Membre non renseigné", never by its key.
 */
export function contenuPublic(contenus: ContenusPublics, referentiel: ReferentielPerimetre): ContenuPublic {
  const membres = contenus.membres?.membres ?? [];
  const noms = new Map(membres.map((m) => [m.cle, m.nom]));
  const nomDe = (cle: string) => noms.get(cle) ?? MEMBRE_INCONNU;

  const sansCoPorteur = contenus.coPorteurs?.sansCoPorteur === true;
  const nomsCoPorteurs = sansCoPorteur ? [] : (contenus.coPorteurs?.coPorteurs ?? []).map(nomDe);
  const coPorteurs: CoPorteursPublics = {
    sansCoPorteur,
    noms: nomsCoPorteurs,
    libelle: sansCoPorteur ? PAS_DE_CO_PORTEUR : nomsCoPorteurs.length ? nomsCoPorteurs.join(", ") : NON_RENSEIGNE,
  };

  return {
    coPorteurs,
    membres: membres.map((m): MembrePublic => {
      const code = codeDuMembre(m);
      return { nom: m.nom, type: m.type, libelleType: LIBELLES_TYPES_MEMBRE[m.type] ?? m.type, ...(code ? { code } : {}), ...(m.siret ? { siret: m.siret } : {}) };
    }),
    comites: (contenus.comitologie?.comites ?? []).map(
      (c): ComitePublic => ({
        type: c.type,
        libelleType: c.type === "autre" ? `Autre : ${c.precision ?? ""}`.trim() : LIBELLES_TYPES_COMITE[c.type],
        frequence: c.frequence,
        libelleFrequence: LIBELLES_FREQUENCES[c.frequence],
        ...(c.commentaire ? { commentaire: c.commentaire } : {}),
      }),
    ),
    feuillesDeRoute: (contenus.feuillesDeRoute?.feuilles ?? []).map(
      (f): FeuilleDeRoutePublique => ({
        nom: f.nom,
        porteur: f.porteur === null ? null : nomDe(f.porteur),
        libellePorteur: f.porteur === null ? PORTE_PAR_LA_PREFECTURE : nomDe(f.porteur),
        perimetre: decrirePerimetre(f.perimetre, referentiel),
        contrat: decrireContrat(f.contrat),
      }),
    ),
    coordination: (contenus.coordination?.recruteurs ?? []).map((r): RecruteurPublic => ({ nom: r.nom, ...(r.siret ? { siret: r.siret } : {}) })),
  };
}
