import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import {
  candidats,
  communes,
  contactsManifestation,
  departements,
  epci,
  epciCommunes,
  formulairesManifestation,
  gouvernances,
  historiqueGouvernance,
  journalAudit,
  perimetresUtilisateurs,
  regions,
  sectionsGouvernance,
  utilisateurs,
} from "@/db/schema";
import { finDeJourneeAParis, type Fenetre, type RaisonFermeture } from "@/domain/gouvernance/campagnes";
import {
  SECTIONS,
  erreursPerimetresBloquantes,
  lireSection,
  membresRetiresProteges,
  verifierGouvernance,
  type ContenusGouvernance,
  type ContenusSections,
  type ErreursChamps,
  type Membre,
  type Section,
  type TypeMembre,
  type VerificationGouvernance,
} from "@/domain/gouvernance/formulaire";
import type { ReferentielPerimetre } from "@/domain/gouvernance/perimetres";
import { decider } from "@/domain/identite/permissions";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { fenetreDeLaGouvernance } from "./campagnes";
import { ecrireCourriel } from "./courriels";
import { avecCacheTerritoires, obtenirDepartement, type ErreurDepartement } from "./territoires";

/*
 * The gouvernance of a département, section by section (PRODUCT §6). Reading and writing ask the
 * permission policy (lireEspaceDepartement, modifierEspaceDepartement); every section sent is read
 * by the domain (nothing the browser says is trusted: the names of candidates and collectivités
 * come from the database), saved only if the version it started from is still the current one,
 * and written to the history and the audit log in the same transaction.
 */

export type EtatGouvernance = "aucune" | "brouillon" | "deposee" | "validee" | "aCompleter";

export interface SectionEnregistree<S extends Section = Section> {
  contenu: ContenusSections[S] | null;
  /** 0: never saved. */
  version: number;
  modifieLe: Date | null;
}

export interface InstructionGouvernance {
  deposeeLe: Date | null;
  instruiteLe: Date | null;
  /** "À compléter": the national team's message, and the date editing reopens until. */
  message: string | null;
  reouvertureJusquau: Date | null;
}

export interface GouvernanceOuverte {
  departement: { code: string; nom: string; codeRegion: string };
  etat: EtatGouvernance;
  sections: { [S in Section]: SectionEnregistree<S> };
  verification: VerificationGouvernance;
  /** Whether it can be edited now (campaign, extension, state) and until when. */
  fenetre: Fenetre;
  /** The date shown in "Proposition modifiable jusqu'au". */
  dateLimite: Date | null;
  instruction: InstructionGouvernance;
  /** The person may write this département's gouvernance (the permission policy; the window is apart). */
  peutModifier: boolean;
  /** The person may validate it or send it back (the national team). */
  peutInstruire: boolean;
}

export type ErreurGouvernance = ErreurDepartement | "nonConnecte" | "nonAutorise";
export type ErreurEnregistrement =
  | ErreurGouvernance
  | "sectionInconnue"
  | "horsDelai"
  | "formulaireInvalide"
  | "perimetresIncompatibles"
  | "conflit"
  | "membresProteges"
  | "membreInconnu";

/** The communes of the département and its EPCI (only their communes inside it), for the perimeter engine. */
export function referentielPerimetre(db: Executeur, codeDepartement: string): Promise<ReferentielPerimetre> {
  return avecCacheTerritoires(db, `perimetre:${codeDepartement}`, async () => {
    const listeCommunes = await db
      .select({ code: communes.code, nom: communes.nom })
      .from(communes)
      .where(and(eq(communes.codeDepartement, codeDepartement), eq(communes.type, "commune-actuelle")))
      .orderBy(communes.code);
    const membres = await db
      .select({ code: epci.code, nom: epci.nom, commune: epciCommunes.codeCommune })
      .from(epciCommunes)
      .innerJoin(epci, eq(epci.code, epciCommunes.codeEpci))
      .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
      .where(and(eq(communes.codeDepartement, codeDepartement), ne(epci.nature, "EPT")))
      .orderBy(epci.code, epciCommunes.codeCommune);
    const parEpci = new Map<string, { code: string; nom: string; communes: string[] }>();
    for (const m of membres) {
      const e = parEpci.get(m.code) ?? { code: m.code, nom: m.nom, communes: [] };
      e.communes.push(m.commune);
      parEpci.set(m.code, e);
    }
    return { communes: listeCommunes, epci: [...parEpci.values()] };
  });
}

async function lireSections(db: Executeur, code: string): Promise<{ etat: EtatGouvernance; sections: GouvernanceOuverte["sections"]; instruction: InstructionGouvernance }> {
  const [g] = await db
    .select({
      etat: gouvernances.etat,
      deposeeLe: gouvernances.deposeeLe,
      instruiteLe: gouvernances.instruiteLe,
      message: gouvernances.messageInstruction,
      reouvertureJusquau: gouvernances.reouvertureJusquau,
    })
    .from(gouvernances)
    .where(eq(gouvernances.codeDepartement, code));
  const lignes = g ? await db.select().from(sectionsGouvernance).where(eq(sectionsGouvernance.codeDepartement, code)) : [];
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, { contenu: null, version: 0, modifieLe: null }])) as unknown as GouvernanceOuverte["sections"];
  for (const l of lignes) {
    if ((SECTIONS as readonly string[]).includes(l.section)) (sections as Record<string, SectionEnregistree>)[l.section] = { contenu: l.contenu as never, version: l.version, modifieLe: l.modifieLe };
  }
  const instruction = { deposeeLe: g?.deposeeLe ?? null, instruiteLe: g?.instruiteLe ?? null, message: g?.message ?? null, reouvertureJusquau: g?.reouvertureJusquau ?? null };
  return { etat: (g?.etat as EtatGouvernance | undefined) ?? "aucune", sections, instruction };
}

/** JSON with the keys of every object sorted: the same text for the same content, whatever the order jsonb gives back. */
function jsonCanonique(valeur: unknown): string {
  return JSON.stringify(valeur, (_cle, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const contenusDe = (sections: GouvernanceOuverte["sections"]): ContenusGouvernance =>
  Object.fromEntries(SECTIONS.flatMap((s) => (sections[s].contenu ? [[s, sections[s].contenu]] : []))) as ContenusGouvernance;

/** The département (not a collectivité d'outre-mer) if the permission policy gives this person the capability on it. */
export async function departementAutorise(db: Executeur, acteur: Acteur | null, code: string, capacite: "lireEspaceDepartement" | "modifierEspaceDepartement") {
  const d = await obtenirDepartement(db, code);
  if (!d.ok) return d;
  if (d.valeur.collectiviteOutreMer) return echec("departementInconnu" as const, { code });
  const decision = decider(acteur, capacite, { type: "departement", code: d.valeur.code, codeRegion: d.valeur.region.code });
  if (!decision.autorise) return echec(decision.raison);
  return succes({ code: d.valeur.code, nom: d.valeur.nom, codeRegion: d.valeur.region.code });
}

/** The gouvernance as its préfecture (or the national team) edits it. */
export async function ouvrirGouvernance(p: { db: Executeur; acteur: Acteur | null; code: string; maintenant?: Date }): Promise<Resultat<GouvernanceOuverte, ErreurGouvernance>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  const { etat, sections, instruction } = await lireSections(p.db, departement.valeur.code);
  const verification = verifierGouvernance(contenusDe(sections), await referentielPerimetre(p.db, departement.valeur.code));
  const cible = { type: "departement" as const, code: departement.valeur.code, codeRegion: departement.valeur.codeRegion };
  const fenetre = await fenetreDeLaGouvernance(p.db, departement.valeur.code, p.maintenant ?? new Date());
  return succes({
    departement: departement.valeur,
    etat,
    sections,
    verification,
    fenetre,
    dateLimite: fenetre.jusquau,
    instruction,
    peutModifier: decider(p.acteur, "modifierEspaceDepartement", cible).autorise,
    peutInstruire: decider(p.acteur, "administrer", { type: "national" }).autorise,
  });
}

/**
 * Members whose names come from the database: candidates of this département (a sent form names
 * it) and collectivités of the reference. A structure added by its SIRET keeps the name given.
 */
async function membresVerifies(db: Executeur, code: string, membres: Membre[]): Promise<{ ok: true; membres: Membre[] } | { ok: false; inconnus: string[] }> {
  const idsCandidats = membres.filter((m) => m.cle.startsWith("candidat:")).map((m) => m.cle.slice("candidat:".length));
  const trouves = idsCandidats.length
    ? await db
        .select({ id: candidats.id, nom: candidats.nom, type: candidats.type })
        .from(candidats)
        .where(
          and(
            inArray(candidats.id, idsCandidats),
            sql`${code} = any(${candidats.departements})`,
            // Only a candidate with a sent form (the list the préfecture chooses from).
            sql`exists (select 1 from ${formulairesManifestation} where ${formulairesManifestation.candidatId} = ${candidats.id} and ${formulairesManifestation.etat} = 'envoye')`,
          ),
        )
    : [];
  const parId = new Map(trouves.map((c) => [c.id, c]));
  const collectivites = new Map<string, string>();
  const codes = (type: string) => membres.filter((m) => m.cle.startsWith(`collectivite:${type}:`)).map((m) => m.cle.split(":")[2] as string);
  const chercher = async (type: string, table: typeof regions | typeof departements | typeof epci | typeof communes) => {
    const liste = codes(type);
    if (liste.length === 0) return;
    for (const l of await db.select({ code: table.code, nom: table.nom }).from(table).where(inArray(table.code, liste))) collectivites.set(`collectivite:${type}:${l.code}`, l.nom);
  };
  await chercher("region", regions);
  await chercher("departement", departements);
  await chercher("epci", epci);
  await chercher("commune", communes);
  const inconnus: string[] = [];
  const verifies = membres.map((m): Membre => {
    if (m.cle.startsWith("candidat:")) {
      const c = parId.get(m.cle.slice("candidat:".length));
      if (!c) inconnus.push(m.cle);
      return c ? { cle: m.cle, nom: c.nom, type: c.type as TypeMembre, origine: "candidat" } : m;
    }
    if (m.cle.startsWith("collectivite:")) {
      const nom = collectivites.get(m.cle);
      if (!nom) inconnus.push(m.cle);
      return { cle: m.cle, nom: nom ?? m.nom, type: m.cle.split(":")[1] as TypeMembre, origine: "prefecture" };
    }
    return { ...m, type: "structure", origine: "prefecture" };
  });
  return inconnus.length ? { ok: false, inconnus } : { ok: true, membres: verifies };
}

/**
 * Saves one section. `version` is the version the person started from: when someone else saved
 * the section since, nothing is written and the answer is "conflit" with the current content.
 * Co-porteurs and porteurs chosen among the candidates join the members in the same save.
 */
export async function enregistrerSection(p: {
  connexion: Connexion;
  acteur: Acteur | null;
  code: string;
  section: string;
  contenu: unknown;
  version: number;
  maintenant: Date;
}): Promise<Resultat<{ version: number; verification: VerificationGouvernance }, ErreurEnregistrement>> {
  const { db } = p.connexion;
  const departement = await departementAutorise(db, p.acteur, p.code, "modifierEspaceDepartement");
  if (!departement.ok) return departement;
  const acteur = p.acteur as Acteur;
  const code = departement.valeur.code;
  if (!(SECTIONS as readonly string[]).includes(p.section)) return echec("sectionInconnue");
  const section = p.section as Section;
  const fenetre = await fenetreDeLaGouvernance(db, code, p.maintenant);
  if (!fenetre.modifiable) return echec("horsDelai", { dateLimite: fenetre.jusquau, raison: fenetre.raison });
  const lu = lireSection(section, p.contenu);
  if (!lu.ok) return echec("formulaireInvalide", { champs: lu.erreurs satisfies ErreursChamps });
  let contenu = lu.contenu as ContenusSections[Section];
  if (section === "membres") {
    const verifies = await membresVerifies(db, code, (contenu as ContenusSections["membres"]).membres);
    if (!verifies.ok) return echec("membreInconnu", { inconnus: verifies.inconnus });
    contenu = { membres: verifies.membres };
  }
  const referentiel = await referentielPerimetre(db, code);
  if (section === "coordination") {
    // A recruiting collectivité or candidate is a member: its name is the member's. A structure
    // given by its SIRET keeps the name typed.
    const { sections } = await lireSections(db, code);
    const membres = new Map((sections.membres.contenu?.membres ?? []).map((m) => [m.cle, m]));
    const recruteurs = (contenu as ContenusSections["coordination"]).recruteurs;
    const inconnus = recruteurs.filter((r) => !r.cle.startsWith("siret:") && !membres.has(r.cle)).map((r) => r.cle);
    if (inconnus.length) return echec("membreInconnu", { inconnus });
    contenu = { recruteurs: recruteurs.map((r) => (membres.has(r.cle) ? { cle: r.cle, nom: (membres.get(r.cle) as Membre).nom, ...(r.siret ? { siret: r.siret } : {}) } : r)) };
  }
  if (section === "feuillesDeRoute") {
    const bloquantes = erreursPerimetresBloquantes(referentiel, (contenu as ContenusSections["feuillesDeRoute"]).feuilles);
    if (Object.keys(bloquantes).length) return echec("perimetresIncompatibles", { champs: bloquantes satisfies ErreursChamps, messages: Object.values(bloquantes) });
  }

  return p.connexion.db.transaction(async (tx) => {
    await tx
      .insert(gouvernances)
      .values({ codeDepartement: code, etat: "brouillon", creeLe: p.maintenant, creePar: acteur.id, modifieLe: p.maintenant, modifiePar: acteur.id })
      .onConflictDoNothing();
    // The row of the gouvernance is locked: saves of one département follow one another.
    await tx.execute(sql`select 1 from gouvernances where code_departement = ${code} for update`);
    const { sections } = await lireSections(tx, code);
    if (sections[section].version !== p.version) {
      return echec("conflit", { versionActuelle: sections[section].version, contenuActuel: sections[section].contenu, modifieLe: sections[section].modifieLe });
    }
    const avant = contenusDe(sections);
    const apres: ContenusGouvernance = { ...avant, [section]: contenu };
    // Nothing changed: nothing written (no new version, no history line, no false conflict for others).
    if (sections[section].contenu !== null && jsonCanonique(sections[section].contenu) === jsonCanonique(contenu)) {
      return succes({ version: p.version, verification: verifierGouvernance(avant, referentiel) });
    }

    if (section === "membres") {
      const proteges = membresRetiresProteges(avant, (contenu as ContenusSections["membres"]).membres, referentiel);
      if (proteges.length) return echec("membresProteges", { membres: proteges });
    }
    // A co-porteur or a porteur chosen among the candidates joins the members.
    const cles = section === "coPorteurs" ? (contenu as ContenusSections["coPorteurs"]).coPorteurs : section === "feuillesDeRoute" ? (contenu as ContenusSections["feuillesDeRoute"]).feuilles.flatMap((f) => (f.porteur ? [f.porteur] : []))
      : [];
    const membresActuels = avant.membres?.membres ?? [];
    const absents = cles.filter((c) => !membresActuels.some((m) => m.cle === c));
    const ecritures: Array<[Section, unknown]> = [[section, contenu]];
    if (absents.length) {
      const candidatsAbsents = absents.filter((c) => c.startsWith("candidat:"));
      if (candidatsAbsents.length !== absents.length) return echec("membreInconnu", { inconnus: absents.filter((c) => !c.startsWith("candidat:")) });
      const ajoutes = await membresVerifies(tx, code, candidatsAbsents.map((cle) => ({ cle, nom: "", type: "structure", origine: "candidat" })));
      if (!ajoutes.ok) return echec("membreInconnu", { inconnus: ajoutes.inconnus });
      const membres = { membres: [...membresActuels, ...ajoutes.membres] };
      apres.membres = membres;
      ecritures.push(["membres", membres]);
    }

    let versionSection = p.version;
    for (const [s, c] of ecritures) {
      const precedente = sections[s];
      const version = precedente.version + 1;
      if (s === section) versionSection = version;
      await tx
        .insert(sectionsGouvernance)
        .values({ codeDepartement: code, section: s, contenu: c, version, modifieLe: p.maintenant, modifiePar: acteur.id })
        .onConflictDoUpdate({ target: [sectionsGouvernance.codeDepartement, sectionsGouvernance.section], set: { contenu: c, version, modifieLe: p.maintenant, modifiePar: acteur.id } });
      await tx.insert(historiqueGouvernance).values({ codeDepartement: code, section: s, version, avant: precedente.contenu, apres: c, modifieLe: p.maintenant, modifiePar: acteur.id });
      await tx.insert(journalAudit).values({ acteur: acteur.id, action: "gouvernance.enregistrerSection", cible: `gouvernance:${code}:${s}`, avant: precedente.contenu, apres: c, le: p.maintenant });
    }
    await tx.update(gouvernances).set({ modifieLe: p.maintenant, modifiePar: acteur.id }).where(eq(gouvernances.codeDepartement, code));
    return succes({ version: versionSection, verification: verifierGouvernance(apres, referentiel) });
  });
}

export interface CandidatDeLaGouvernance {
  /** The member key: "candidat:{id}". */
  cle: string;
  nom: string;
  type: TypeMembre;
  /** "porter" when one of its sent forms wishes to carry a feuille de route, "participer" otherwise. */
  intention: "porter" | "participer";
  demonstration: boolean;
}

/**
 * The candidates the préfecture chooses its co-porteurs and members among: the organisations of
 * the département with a sent form ("Candidat porteur" first, then "Souhaite participer"), by name.
 */
export async function candidatsDeLaGouvernance(p: { db: Executeur; acteur: Acteur | null; code: string }): Promise<Resultat<CandidatDeLaGouvernance[], ErreurGouvernance>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  const lignes = await p.db
    .select({
      id: candidats.id,
      nom: candidats.nom,
      type: candidats.type,
      demonstration: candidats.demonstration,
      porteur: sql<boolean>`bool_or(${formulairesManifestation.intention} = 'porter')`,
    })
    .from(candidats)
    .innerJoin(formulairesManifestation, and(eq(formulairesManifestation.candidatId, candidats.id), eq(formulairesManifestation.etat, "envoye")))
    .where(sql`${departement.valeur.code} = any(${candidats.departements})`)
    .groupBy(candidats.id, candidats.nom, candidats.type, candidats.demonstration);
  const ordre = new Intl.Collator("fr");
  return succes(
    lignes
      .map((l): CandidatDeLaGouvernance => ({ cle: `candidat:${l.id}`, nom: l.nom, type: l.type as TypeMembre, intention: l.porteur ? "porter" : "participer", demonstration: Boolean(l.demonstration) }))
      .sort((a, b) => (a.intention === b.intention ? ordre.compare(a.nom, b.nom) : a.intention === "porter" ? -1 : 1)),
  );
}

/** The history of a section, newest first: who, when, before and after. */
export async function historiqueDeSection(p: { db: Executeur; acteur: Acteur | null; code: string; section: Section }) {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  const lignes = await p.db
    .select()
    .from(historiqueGouvernance)
    .where(and(eq(historiqueGouvernance.codeDepartement, departement.valeur.code), eq(historiqueGouvernance.section, p.section)))
    .orderBy(sql`${historiqueGouvernance.version} desc`);
  return succes(lignes);
}

export type ErreurTransition = ErreurGouvernance | "horsDelai" | "gouvernanceIncomplete" | "etatIncompatible" | "formulaireInvalide";

/** The e-mail addresses of the contacts of the members chosen among the candidates, and of the national team. */
async function destinatairesDuDepot(db: Executeur, membres: readonly Membre[]): Promise<string[]> {
  const ids = membres.filter((m) => m.cle.startsWith("candidat:")).map((m) => m.cle.slice("candidat:".length));
  const contacts = ids.length
    ? await db
        .select({ email: contactsManifestation.email })
        .from(contactsManifestation)
        .where(and(inArray(contactsManifestation.candidatId, ids), ne(contactsManifestation.role, "partenaire")))
    : [];
  const equipe = await db.select({ email: utilisateurs.email }).from(utilisateurs).where(and(eq(utilisateurs.role, "administrateur"), eq(utilisateurs.actif, true)));
  return [...new Set([...contacts, ...equipe].map((c) => c.email.trim().toLowerCase()).filter((e) => e !== ""))].sort();
}

/** The agents of the département's préfecture (told of the national team's decision). */
async function agentsDeLaPrefecture(db: Executeur, code: string): Promise<string[]> {
  const lignes = await db
    .select({ email: utilisateurs.email })
    .from(utilisateurs)
    .innerJoin(perimetresUtilisateurs, eq(perimetresUtilisateurs.utilisateurId, utilisateurs.id))
    .where(and(eq(utilisateurs.role, "prefecture-departement"), eq(utilisateurs.actif, true), eq(perimetresUtilisateurs.type, "departement"), eq(perimetresUtilisateurs.code, code)));
  return [...new Set(lignes.map((l) => l.email))].sort();
}

/**
 * "Déposer la proposition" (PRODUCT §6): a complete gouvernance, within its window, becomes
 * déposée. The first submission tells the members' contacts and the national team, once; a
 * re-submission after "à compléter" makes it déposée again without telling them again.
 */
export async function deposerGouvernance(p: { connexion: Connexion; acteur: Acteur | null; code: string; maintenant: Date; adresseDuSite: string }): Promise<Resultat<{ notifies: number }, ErreurTransition>> {
  const departement = await departementAutorise(p.connexion.db, p.acteur, p.code, "modifierEspaceDepartement");
  if (!departement.ok) return departement;
  const acteur = p.acteur as Acteur;
  const code = departement.valeur.code;
  const fenetre = await fenetreDeLaGouvernance(p.connexion.db, code, p.maintenant);
  if (!fenetre.modifiable) return echec("horsDelai", { dateLimite: fenetre.jusquau, raison: fenetre.raison });
  const referentiel = await referentielPerimetre(p.connexion.db, code);
  return p.connexion.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from gouvernances where code_departement = ${code} for update`);
    const { etat, sections } = await lireSections(tx, code);
    if (etat !== "brouillon" && etat !== "aCompleter") return echec("etatIncompatible", { etat });
    const verification = verifierGouvernance(contenusDe(sections), referentiel);
    if (!verification.complete) return echec("gouvernanceIncomplete", { sections: SECTIONS.filter((s) => !verification.sections[s].complete) });
    const [ligne] = await tx.select({ notifieeLe: gouvernances.notifieeLe }).from(gouvernances).where(eq(gouvernances.codeDepartement, code));
    const premiere = !ligne?.notifieeLe;
    let notifies = 0;
    if (premiere) {
      const destinataires = await destinatairesDuDepot(tx, sections.membres.contenu?.membres ?? []);
      for (const destinataire of destinataires) {
        await ecrireCourriel({
          db: tx,
          destinataire,
          sujet: `Gouvernance France Numérique Ensemble – ${departement.valeur.nom} : proposition déposée`,
          texte: [
            "Bonjour,",
            "",
            `La préfecture ${departement.valeur.nom} (${code}) a déposé sa proposition de gouvernance France Numérique Ensemble.`,
            `Feuilles de route : ${(sections.feuillesDeRoute.contenu?.feuilles ?? []).map((f) => f.nom).join(", ")}.`,
            "",
            `Consulter la gouvernance : ${p.adresseDuSite}/gouvernances/departements/${code}`,
            "",
            "L'équipe France Numérique Ensemble",
          ].join("\n"),
          maintenant: p.maintenant,
        });
      }
      notifies = destinataires.length;
    }
    await tx
      .update(gouvernances)
      .set({ etat: "deposee", deposeeLe: p.maintenant, deposeePar: acteur.id, ...(premiere ? { notifieeLe: p.maintenant } : {}) })
      .where(eq(gouvernances.codeDepartement, code));
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "gouvernance.deposer", cible: `gouvernance:${code}`, avant: { etat }, apres: { etat: "deposee", notifies }, le: p.maintenant });
    return succes({ notifies });
  });
}

/** The national team's decision on a déposée gouvernance: "validee" locks it; "aCompleter" reopens it until a date, with a message to the préfecture. */
export async function instruireGouvernance(p: {
  connexion: Connexion;
  acteur: Acteur | null;
  code: string;
  decision: unknown;
  message?: unknown;
  /** "aCompleter": the last day editing reopens (AAAA-MM-JJ, Paris). */
  jusquau?: unknown;
  maintenant: Date;
  adresseDuSite: string;
}): Promise<Resultat<{ etat: "validee" | "aCompleter" }, ErreurTransition>> {
  const autorisation = decider(p.acteur, "administrer", { type: "national" });
  if (!autorisation.autorise) return echec(autorisation.raison);
  const d = await obtenirDepartement(p.connexion.db, p.code);
  if (!d.ok) return d;
  const acteur = p.acteur as Acteur;
  const code = d.valeur.code;
  if (p.decision !== "validee" && p.decision !== "aCompleter") return echec("formulaireInvalide", { detail: "choisissez « Valider » ou « À compléter »." });
  const decision = p.decision;
  let message: string | null = null;
  let reouverture: Date | null = null;
  if (decision === "aCompleter") {
    message = typeof p.message === "string" ? p.message.trim() : "";
    if (message === "" || message.length > 2000) return echec("formulaireInvalide", { detail: "indiquez à la préfecture ce qui est à compléter (2 000 caractères au plus)." });
    reouverture = typeof p.jusquau === "string" ? finDeJourneeAParis(p.jusquau) : null;
    if (!reouverture || reouverture <= p.maintenant) return echec("formulaireInvalide", { detail: "indiquez une date de réouverture à venir (AAAA-MM-JJ)." });
  }
  return p.connexion.db.transaction(async (tx) => {
    const [g] = await tx.select({ etat: gouvernances.etat }).from(gouvernances).where(eq(gouvernances.codeDepartement, code)).for("update");
    if (g?.etat !== "deposee") return echec("etatIncompatible", { etat: g?.etat ?? "aucune" });
    await tx
      .update(gouvernances)
      .set({ etat: decision, instruiteLe: p.maintenant, instruitePar: acteur.id, messageInstruction: message, reouvertureJusquau: reouverture })
      .where(eq(gouvernances.codeDepartement, code));
    const texte =
      decision === "validee"
        ? [`La proposition de gouvernance ${d.valeur.nom} (${code}) a été validée par l'équipe nationale France Numérique Ensemble.`]
        : [
            `L'équipe nationale France Numérique Ensemble demande de compléter la proposition de gouvernance ${d.valeur.nom} (${code}).`,
            "",
            message ?? "",
            "",
            `Elle est de nouveau modifiable jusqu'au ${(reouverture as Date).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" })} ; déposez-la de nouveau une fois complétée.`,
          ];
    for (const destinataire of await agentsDeLaPrefecture(tx, code)) {
      await ecrireCourriel({
        db: tx,
        destinataire,
        sujet: `Gouvernance ${d.valeur.nom} : ${decision === "validee" ? "proposition validée" : "proposition à compléter"}`,
        texte: ["Bonjour,", "", ...texte, "", `${p.adresseDuSite}/gouvernances/departements/${code}/gouvernance`, "", "L'équipe France Numérique Ensemble"].join("\n"),
        maintenant: p.maintenant,
      });
    }
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "gouvernance.instruire", cible: `gouvernance:${code}`, avant: { etat: "deposee" }, apres: { etat: decision, message, reouverture }, le: p.maintenant });
    return succes({ etat: decision });
  });
}

/** For the messages: why a gouvernance cannot be edited now. */
export type { RaisonFermeture };
