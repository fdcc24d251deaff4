import { libellePerimetre } from "./couverture";
import { LIBELLES_FREQUENCES, LIBELLES_TYPES_COMITE, type Comite, type ContenusSections, type Contrat, type FeuilleDeRoute, type Section } from "./formulaire";
import { texteDeLaNote, type DocumentNote } from "./note";
import type { Perimetre, ReferentielPerimetre } from "./perimetres";

/*
 * The history of a section in words (PRODUCT §6: "the history shows the change"): what changed
 * between two saved contents of one section, as short French lines ("Prénom : Claire → Anne",
 * "Membre ajouté : Nevers"). Elements of a list are followed by their identity (the key of a
 * member, the id of a comité or a feuille de route), so a renamed one is "modifié", not "retiré"
 * and "ajouté". Pure: the names a content gives only by key (co-porteurs, porteurs) and the names
 * of the communes and EPCI of a périmètre are passed in; without them a readable default is shown.
 */

export interface NomsConnus {
  /** Member key → name: co-porteurs and porteurs are saved by key only. */
  membres?: ReadonlyMap<string, string>;
  /** The communes and EPCI of the département, to name a périmètre. */
  referentiel?: ReferentielPerimetre;
}

export const PREMIERE_SAISIE = "Section renseignée pour la première fois";
export const AUCUNE_DIFFERENCE_VISIBLE = "Aucune différence visible (ordre des éléments ou mise en forme)";
const PREFECTURE_SEULE = "Porté seulement par la préfecture";
const VIDE = "(vide)";

const LIBELLES_COLLECTIVITE: Record<string, string> = { region: "Région", departement: "Département", epci: "EPCI", commune: "Commune" };
const REFERENTIEL_VIDE: ReferentielPerimetre = { communes: [], epci: [] };
const nombres = new Intl.NumberFormat("fr-FR");

/** The name of a member from its key, or what the key itself says ("Commune 58194", "SIRET …"). */
export function nomDuMembre(cle: string, noms: ReadonlyMap<string, string> | undefined): string {
  const connu = noms?.get(cle);
  if (connu) return connu;
  if (cle.startsWith("siret:")) return `SIRET ${cle.slice("siret:".length)}`;
  if (cle.startsWith("collectivite:")) {
    const [, type = "", code = ""] = cle.split(":");
    return `${LIBELLES_COLLECTIVITE[type] ?? "Collectivité"} ${code}`;
  }
  return "Candidat dont le nom n'est plus connu";
}

const changement = (libelle: string, avant: string, apres: string) => `${libelle} : ${avant || VIDE} → ${apres || VIDE}`;

/** Keyed elements of a list: the added, the removed and the pairs present on both sides (in the order of `apres`). */
function comparerListes<T>(avant: readonly T[], apres: readonly T[], cle: (e: T) => string) {
  const avantParCle = new Map(avant.map((e) => [cle(e), e]));
  const apresParCle = new Map(apres.map((e) => [cle(e), e]));
  return {
    ajoutes: apres.filter((e) => !avantParCle.has(cle(e))),
    retires: avant.filter((e) => !apresParCle.has(cle(e))),
    communs: apres.flatMap((e) => {
      const ancien = avantParCle.get(cle(e));
      return ancien === undefined ? [] : [[ancien, e] as const];
    }),
  };
}

function sousPrefet(avant: ContenusSections["sousPrefet"] | null, apres: ContenusSections["sousPrefet"]): string[] {
  const champs = [
    ["prenom", "Prénom"],
    ["nom", "Nom"],
    ["email", "Adresse e-mail"],
  ] as const;
  return champs.flatMap(([champ, libelle]) => {
    const a = avant?.[champ] ?? "";
    const b = apres[champ] ?? "";
    if (a === b) return [];
    return [a === "" ? `${libelle} : ${b || VIDE}` : changement(libelle, a, b)];
  });
}

function coPorteurs(avant: ContenusSections["coPorteurs"] | null, apres: ContenusSections["coPorteurs"], noms: NomsConnus): string[] {
  const lignes: string[] = [];
  const { ajoutes, retires } = comparerListes(avant?.coPorteurs ?? [], apres.coPorteurs ?? [], (c) => c);
  for (const c of ajoutes) lignes.push(`Co-porteur ajouté : ${nomDuMembre(c, noms.membres)}`);
  for (const c of retires) lignes.push(`Co-porteur retiré : ${nomDuMembre(c, noms.membres)}`);
  const sansAvant = avant?.sansCoPorteur ?? false;
  if (sansAvant !== Boolean(apres.sansCoPorteur)) lignes.push(`Pas de co-porteur de la gouvernance : ${apres.sansCoPorteur ? "coché" : "décoché"}`);
  return lignes;
}

function membres(avant: ContenusSections["membres"] | null, apres: ContenusSections["membres"]): string[] {
  const { ajoutes, retires, communs } = comparerListes(avant?.membres ?? [], apres.membres ?? [], (m) => m.cle);
  return [
    ...ajoutes.map((m) => `Membre ajouté : ${m.nom}`),
    ...retires.map((m) => `Membre retiré : ${m.nom}`),
    ...communs.flatMap(([a, b]) => (a.nom !== b.nom ? [`Membre renommé : ${a.nom} → ${b.nom}`] : [])),
  ];
}

/** "Comité stratégique"; an "Autre" comité is named by its "Précisez". */
const libelleComite = (c: Comite) => (c.type === "autre" ? c.precision || LIBELLES_TYPES_COMITE.autre : (LIBELLES_TYPES_COMITE[c.type] ?? c.type));
const libelleFrequence = (c: Comite) => LIBELLES_FREQUENCES[c.frequence] ?? c.frequence;

function comitologie(avant: ContenusSections["comitologie"] | null, apres: ContenusSections["comitologie"]): string[] {
  const { ajoutes, retires, communs } = comparerListes(avant?.comites ?? [], apres.comites ?? [], (c) => c.id);
  const lignes = [...ajoutes.map((c) => `Comité ajouté : ${libelleComite(c)} (${libelleFrequence(c)})`), ...retires.map((c) => `Comité retiré : ${libelleComite(c)} (${libelleFrequence(c)})`)];
  for (const [a, b] of communs) {
    const details: string[] = [];
    if (libelleComite(a) !== libelleComite(b)) details.push(`type : ${libelleComite(a)} → ${libelleComite(b)}`);
    if (a.frequence !== b.frequence) details.push(`fréquence : ${libelleFrequence(a)} → ${libelleFrequence(b)}`);
    if ((a.commentaire ?? "") !== (b.commentaire ?? "")) details.push(!a.commentaire ? "commentaire ajouté" : !b.commentaire ? "commentaire retiré" : "commentaire modifié");
    if (details.length) lignes.push(`Comité modifié : ${libelleComite(a)} (${details.join(", ")})`);
  }
  return lignes;
}

/** The same périmètre whatever the order of its codes. */
function identitePerimetre(p: Perimetre): string {
  if (p.type === "epci") return `epci:${[...p.epci].sort().join(",")}`;
  if (p.type === "communes") return `communes:${[...p.communes].sort().join(",")}`;
  return p.type;
}

const libelleContrat = (c: Contrat) => (c.existe ? `${c.type}${c.precision ? ` (${c.precision})` : ""}` : "Non");
const libellePorteur = (porteur: string | null, noms: NomsConnus) => (porteur === null ? PREFECTURE_SEULE : nomDuMembre(porteur, noms.membres));

function feuillesDeRoute(avant: ContenusSections["feuillesDeRoute"] | null, apres: ContenusSections["feuillesDeRoute"], noms: NomsConnus): string[] {
  const { ajoutes, retires, communs } = comparerListes<FeuilleDeRoute>(avant?.feuilles ?? [], apres.feuilles ?? [], (f) => f.id);
  const referentiel = noms.referentiel ?? REFERENTIEL_VIDE;
  const lignes = [...ajoutes.map((f) => `Feuille de route ajoutée : « ${f.nom} »`), ...retires.map((f) => `Feuille de route retirée : « ${f.nom} »`)];
  for (const [a, b] of communs) {
    const feuille = `Feuille de route « ${b.nom} »`;
    if (a.nom !== b.nom) lignes.push(`Feuille de route « ${a.nom} » renommée « ${b.nom} »`);
    if (a.porteur !== b.porteur) lignes.push(`${feuille} : porteur modifié (${libellePorteur(a.porteur, noms)} → ${libellePorteur(b.porteur, noms)})`);
    if (identitePerimetre(a.perimetre) !== identitePerimetre(b.perimetre)) {
      lignes.push(`${feuille} : périmètre modifié (${libellePerimetre(a.perimetre, referentiel)} → ${libellePerimetre(b.perimetre, referentiel)})`);
    }
    if (libelleContrat(a.contrat) !== libelleContrat(b.contrat)) lignes.push(`${feuille} : contrat préexistant modifié (${libelleContrat(a.contrat)} → ${libelleContrat(b.contrat)})`);
  }
  return lignes;
}

function coordination(avant: ContenusSections["coordination"] | null, apres: ContenusSections["coordination"]): string[] {
  const { ajoutes, retires, communs } = comparerListes(avant?.recruteurs ?? [], apres.recruteurs ?? [], (r) => r.cle);
  return [
    ...ajoutes.map((r) => `Collectivité ou structure recruteuse ajoutée : ${r.nom}`),
    ...retires.map((r) => `Collectivité ou structure recruteuse retirée : ${r.nom}`),
    ...communs.flatMap(([a, b]) => (a.nom !== b.nom ? [`Collectivité ou structure recruteuse renommée : ${a.nom} → ${b.nom}`] : [])),
  ];
}

const caracteres = (n: number) => `${nombres.format(n)} caractère${n > 1 ? "s" : ""}`;
const texteDe = (note: DocumentNote | undefined) => (note && Array.isArray(note.content) ? texteDeLaNote(note) : "");

function noteDeContexte(avant: ContenusSections["noteDeContexte"] | null, apres: ContenusSections["noteDeContexte"]): string[] {
  const texteApres = texteDe(apres.note);
  if (avant === null) return [`Note de contexte rédigée (${caracteres(texteApres.length)})`];
  const texteAvant = texteDe(avant.note);
  if (texteAvant !== texteApres) return [`Note de contexte modifiée (${caracteres(texteAvant.length)} → ${nombres.format(texteApres.length)})`];
  return JSON.stringify(avant.note) !== JSON.stringify(apres.note) ? ["Note de contexte : mise en forme modifiée"] : [];
}

/**
 * What changed in a section from `avant` (null: never saved before) to `apres`, one short French
 * line per change; a first save says so, then what was filled in.
 */
export function decrireModification<S extends Section>(section: S, avant: ContenusSections[S] | null, apres: ContenusSections[S], noms: NomsConnus = {}): string[] {
  const lignes = ((): string[] => {
    switch (section) {
      case "sousPrefet":
        return sousPrefet(avant as ContenusSections["sousPrefet"] | null, apres as ContenusSections["sousPrefet"]);
      case "coPorteurs":
        return coPorteurs(avant as ContenusSections["coPorteurs"] | null, apres as ContenusSections["coPorteurs"], noms);
      case "membres":
        return membres(avant as ContenusSections["membres"] | null, apres as ContenusSections["membres"]);
      case "comitologie":
        return comitologie(avant as ContenusSections["comitologie"] | null, apres as ContenusSections["comitologie"]);
      case "feuillesDeRoute":
        return feuillesDeRoute(avant as ContenusSections["feuillesDeRoute"] | null, apres as ContenusSections["feuillesDeRoute"], noms);
      case "coordination":
        return coordination(avant as ContenusSections["coordination"] | null, apres as ContenusSections["coordination"]);
      case "noteDeContexte":
        return noteDeContexte(avant as ContenusSections["noteDeContexte"] | null, apres as ContenusSections["noteDeContexte"]);
    }
    return [];
  })();
  if (avant === null) return [PREMIERE_SAISIE, ...lignes];
  return lignes.length ? lignes : [AUCUNE_DIFFERENCE_VISIBLE];
}
