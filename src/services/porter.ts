import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { communes, departements, epci, epciCommunes, formulairesManifestation, journalAudit, partenairesManifestation, regions } from "@/db/schema";
import { cleDuCandidat } from "@/domain/candidatures/cle";
import { apresInformations, etapeTerminee, ETAPES_PORTER, type EtapePorter, type EtapesTerminees } from "@/domain/candidatures/etapes";
import { cleDePartenaire, lireCleDePartenaire, type ModificationPerimetre, type TypeCollectivitePartenaire } from "@/domain/candidatures/perimetre";
import { DEFINITIONS_PERSONAS } from "@/domain/candidatures/personas";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { ecrireCourriel } from "./courriels";
import {
  accuseDeReception,
  attribuer,
  enregistrerBrouillon,
  enregistrerCandidature,
  erreursDe,
  formulaireAModifier,
  requis,
  schemaContact,
  verifierCollectivite,
  type Contact,
  type ContenuPorter,
  type ErreurFormulaire,
  type ErreursDeChamps,
  type Formulaire,
  type PartenaireEnvoye,
} from "./manifestations";
import { avecCacheTerritoires } from "./territoires";

/*
 * The "porter" form (PRODUCT §4): five steps over one draft. Step 1 is the draft of the
 * "participer" page plus a free text; the perimeter (step 2), the partners' contacts (step 3) and
 * the other structures (step 4) live in partenaires_manifestation, saved tick by tick. Sending
 * checks everything again and records the partners in the form's content, where the counts and
 * the préfectures' digest read them.
 */

type TypePorteur = "region" | "departement" | "epci";

/** A commune in the picker: code, name, postal codes ("58000, 58660"). */
export type CommunePerimetre = [code: string, nom: string, codesPostaux: string];

export interface EpciPerimetre {
  code: string;
  nom: string;
  /** Its communes in this département. */
  communes: CommunePerimetre[];
}

export interface GroupePerimetre {
  departement: { code: string; nom: string };
  epci: EpciPerimetre[];
  /** Communes of the département in no EPCI (a few islands). */
  communesSansEpci: CommunePerimetre[];
}

/** What the porteur's territory offers to tick: per département, its EPCI and their communes. */
export interface TerritoirePerimetre {
  porteur: { type: TypePorteur; code: string; nom: string };
  /** The départements of the territory. */
  departements: string[];
  /** Whether the départements themselves may be ticked (région and EPCI porteurs). */
  departementsAuChoix: boolean;
  groupes: GroupePerimetre[];
  /** How many communes the territory has. */
  communes: number;
}

function estPorteur(type: string): type is TypePorteur {
  return type === "region" || type === "departement" || type === "epci";
}

/** The territory a porteur may pick partners in (cached: it only changes with the reference). */
export async function territoireDuPorteur(db: Executeur, type: TypePorteur, code: string): Promise<TerritoirePerimetre | null> {
  return avecCacheTerritoires(db, `perimetre:${type}:${code}`, async () => {
    const { nom, departements: codes } = await attribuer(db, { type, code, codeDepartement: null });
    if (!nom || codes.length === 0) return null;
    const noms = await db.select({ code: departements.code, nom: departements.nom }).from(departements).where(inArray(departements.code, codes));
    const lignesCommunes = await db
      .select({ code: communes.code, nom: communes.nom, departement: communes.codeDepartement, codesPostaux: communes.codesPostaux })
      .from(communes)
      .where(and(inArray(communes.codeDepartement, codes), eq(communes.type, "commune-actuelle")));
    const appartenances = await db
      .select({ commune: epciCommunes.codeCommune, code: epci.code, nom: epci.nom })
      .from(epciCommunes)
      .innerJoin(epci, eq(epci.code, epciCommunes.codeEpci))
      .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
      .where(and(inArray(communes.codeDepartement, codes), eq(communes.type, "commune-actuelle"), ne(epci.nature, "EPT")));
    const epciDeLaCommune = new Map(appartenances.map((a) => [a.commune, a]));
    const parNom = (a: { nom: string; code: string }, b: { nom: string; code: string }) => a.nom.localeCompare(b.nom, "fr") || a.code.localeCompare(b.code);
    lignesCommunes.sort(parNom);
    const groupes: GroupePerimetre[] = codes
      .map((d) => ({ departement: { code: d, nom: noms.find((n) => n.code === d)?.nom ?? d }, epci: [] as EpciPerimetre[], communesSansEpci: [] as CommunePerimetre[] }))
      .sort((a, b) => a.departement.code.localeCompare(b.departement.code));
    const index = new Map(groupes.map((g) => [g.departement.code, { groupe: g, epci: new Map<string, EpciPerimetre>() }]));
    for (const c of lignesCommunes) {
      const place = index.get(c.departement);
      if (!place) continue;
      const commune: CommunePerimetre = [c.code, c.nom, (c.codesPostaux ?? []).join(", ")];
      const e = epciDeLaCommune.get(c.code);
      if (!e) {
        place.groupe.communesSansEpci.push(commune);
        continue;
      }
      let groupeEpci = place.epci.get(e.code);
      if (!groupeEpci) {
        groupeEpci = { code: e.code, nom: e.nom, communes: [] };
        place.epci.set(e.code, groupeEpci);
        place.groupe.epci.push(groupeEpci);
      }
      groupeEpci.communes.push(commune);
    }
    for (const g of groupes) g.epci.sort(parNom);
    return { porteur: { type, code, nom }, departements: codes, departementsAuChoix: type !== "departement", groupes, communes: lignesCommunes.length };
  });
}

/** Whether a partner key lies in the porteur's territory (else it is "hors territoire"). */
function dansLeTerritoire(territoire: TerritoirePerimetre): (cle: string) => boolean {
  const cles = new Set<string>();
  for (const g of territoire.groupes) {
    if (territoire.departementsAuChoix) cles.add(cleDePartenaire("departement", g.departement.code));
    for (const e of g.epci) {
      cles.add(cleDePartenaire("epci", e.code));
      for (const [code] of e.communes) cles.add(cleDePartenaire("commune", code));
    }
    for (const [code] of g.communesSansEpci) cles.add(cleDePartenaire("commune", code));
  }
  return (cle) => cles.has(cle);
}

export interface CollectiviteTrouvee {
  cle: string;
  nom: string;
  /** "Commune — 58 Nièvre (58000)", "EPCI", "Département", "Région". */
  detail: string;
}

const LIBELLES_TYPES: Record<TypeCollectivitePartenaire, string> = { region: "Région", departement: "Département", epci: "EPCI", commune: "Commune" };

/** Names and details of collectivités given by key (unknown keys are left out). */
export async function decrireCollectivites(db: Executeur, cles: string[]): Promise<Map<string, CollectiviteTrouvee>> {
  const parType: Record<TypeCollectivitePartenaire, string[]> = { region: [], departement: [], epci: [], commune: [] };
  for (const cle of cles) {
    const lu = lireCleDePartenaire(cle);
    if (lu) parType[lu.type].push(lu.code);
  }
  const trouvees = new Map<string, CollectiviteTrouvee>();
  const ajouter = (type: TypeCollectivitePartenaire, code: string, nom: string, detail: string) => trouvees.set(cleDePartenaire(type, code), { cle: cleDePartenaire(type, code), nom, detail });
  const nomsDepartements = new Map((await db.select({ code: departements.code, nom: departements.nom }).from(departements)).map((d) => [d.code, d.nom]));
  for (const tranche of tranches(parType.region)) for (const r of await db.select().from(regions).where(inArray(regions.code, tranche))) ajouter("region", r.code, r.nom, LIBELLES_TYPES.region);
  for (const code of parType.departement) {
    const nom = nomsDepartements.get(code);
    if (nom) ajouter("departement", code, nom, `${LIBELLES_TYPES.departement} (${code})`);
  }
  for (const tranche of tranches(parType.epci)) for (const e of await db.select({ code: epci.code, nom: epci.nom }).from(epci).where(inArray(epci.code, tranche))) ajouter("epci", e.code, e.nom, LIBELLES_TYPES.epci);
  for (const tranche of tranches(parType.commune)) {
    const lignes = await db
      .select({ code: communes.code, nom: communes.nom, departement: communes.codeDepartement, codesPostaux: communes.codesPostaux })
      .from(communes)
      .where(and(inArray(communes.code, tranche), eq(communes.type, "commune-actuelle")));
    for (const c of lignes) ajouter("commune", c.code, c.nom, `Commune — ${c.departement} ${nomsDepartements.get(c.departement) ?? ""}${c.codesPostaux?.length ? ` (${c.codesPostaux.join(", ")})` : ""}`);
  }
  return trouvees;
}

function* tranches<T>(valeurs: T[], taille = 1000): Generator<T[]> {
  for (let i = 0; i < valeurs.length; i += taille) yield valeurs.slice(i, i + taille);
}

// Lower case, without accents, apostrophes or hyphens: the same on both sides of the comparison.
const AVEC_ACCENTS = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ'’-";
const SANS_ACCENTS = "aaaaaaceeeeiiiinooooouuuuyy   ";
const sansAccents = (colonne: unknown) => sql`translate(lower(${colonne}), ${AVEC_ACCENTS}, ${SANS_ACCENTS})`;

/** "Hors territoire" search: any région, département, EPCI or commune of France, by name, code or postal code. */
export async function rechercherCollectivites(db: Executeur, texte: unknown): Promise<Resultat<CollectiviteTrouvee[], "rechercheInvalide">> {
  if (typeof texte !== "string") return echec("rechercheInvalide");
  const q = texte.trim().replace(/\s+/g, " ");
  if (q.length < 2 || q.length > 60 || q.includes("\u0000")) return echec("rechercheInvalide");
  const motif = sql`'%' || translate(lower(${q}), ${AVEC_ACCENTS}, ${SANS_ACCENTS}) || '%'`;
  const cles: string[] = [];
  for (const r of await db.select({ code: regions.code }).from(regions).where(sql`${sansAccents(regions.nom)} like ${motif}`).limit(5)) cles.push(cleDePartenaire("region", r.code));
  for (const d of await db
    .select({ code: departements.code })
    .from(departements)
    .where(and(eq(departements.collectiviteOutreMer, false), sql`(${sansAccents(departements.nom)} like ${motif} or ${departements.code} = ${q.toUpperCase()})`))
    .limit(5))
    cles.push(cleDePartenaire("departement", d.code));
  for (const e of await db
    .select({ code: epci.code })
    .from(epci)
    .where(and(ne(epci.nature, "EPT"), sql`(${sansAccents(epci.nom)} like ${motif} or ${epci.code} = ${q})`))
    .orderBy(asc(epci.nom))
    .limit(10))
    cles.push(cleDePartenaire("epci", e.code));
  for (const c of await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.type, "commune-actuelle"), sql`(${sansAccents(communes.nom)} like ${motif} or ${communes.code} = ${q} or ${q} = any(${communes.codesPostaux}))`))
    .orderBy(sql`${communes.population} desc nulls last`, asc(communes.code))
    .limit(15))
    cles.push(cleDePartenaire("commune", c.code));
  const decrites = await decrireCollectivites(db, cles);
  const normalise = q.toLowerCase();
  const trouvees = cles.map((c) => decrites.get(c)).filter((c): c is CollectiviteTrouvee => Boolean(c));
  // Names starting with what was typed first, then in the order above (régions, départements, EPCI, communes by population).
  const commence = (c: CollectiviteTrouvee) => (c.nom.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").startsWith(normalise.normalize("NFD").replace(/\p{M}/gu, "")) ? 0 : 1);
  return succes(
    trouvees
      .map((c, i) => ({ c, i }))
      .sort((a, b) => commence(a.c) - commence(b.c) || a.i - b.i)
      .map(({ c }) => c)
      .slice(0, 20),
  );
}

type ErreurPorter = ErreurFormulaire | "intentionInvalide";

/** A "porter" draft of the acting person, with the collectivité chosen in step 1. */
async function porterAModifier(db: Executeur, acteur: Acteur | null, id: string): Promise<Resultat<Formulaire & { typePorteur: TypePorteur }, ErreurPorter>> {
  const lu = await formulaireAModifier(db, acteur, id);
  if (!lu.ok) return lu;
  const type = DEFINITIONS_PERSONAS[lu.valeur.persona].typeCandidat;
  if (lu.valeur.intention !== "porter" || !estPorteur(type)) return echec("intentionInvalide");
  return succes({ ...lu.valeur, typePorteur: type });
}

export const MAXIMUM_PARTENAIRES = 20_000;
export const MAXIMUM_STRUCTURES = 100;

/**
 * Step 2: adds and removes ticked collectivités (keys "type:code"). Any collectivité of France may
 * be named (outside the territory, it is "hors territoire"); never the porteur itself.
 */
export async function modifierPerimetre(params: {
  db: Executeur;
  acteur: Acteur | null;
  id: string;
  modification: unknown;
  maintenant: Date;
}): Promise<Resultat<{ collectivites: number }, ErreurPorter | "perimetreInvalide">> {
  const lu = await porterAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  const forme = z
    .object({ ajouter: z.array(z.string()).max(MAXIMUM_PARTENAIRES), retirer: z.array(z.string()).max(MAXIMUM_PARTENAIRES) })
    .safeParse(params.modification);
  if (!forme.success) return echec("perimetreInvalide");
  const { ajouter, retirer } = forme.data as ModificationPerimetre;
  const soi = lu.valeur.brouillon.code ? cleDePartenaire(lu.valeur.typePorteur, lu.valeur.brouillon.code) : null;
  const aAjouter = ajouter.map(lireCleDePartenaire);
  const aRetirer = retirer.map(lireCleDePartenaire);
  if ([...aAjouter, ...aRetirer].some((c) => c === null) || new Set([...ajouter, ...retirer]).size !== ajouter.length + retirer.length) return echec("perimetreInvalide");
  if (soi && ajouter.includes(soi)) return echec("perimetreInvalide");
  const connues = await decrireCollectivites(params.db, ajouter);
  if (connues.size !== ajouter.length) return echec("perimetreInvalide");
  await params.db.transaction(async (tx) => {
    for (const cles of tranches(aRetirer as Array<{ type: TypeCollectivitePartenaire; code: string }>)) {
      if (cles.length === 0) continue;
      await tx
        .delete(partenairesManifestation)
        .where(
          and(
            eq(partenairesManifestation.formulaireId, params.id),
            inArray(sql`${partenairesManifestation.type} || ':' || ${partenairesManifestation.code}`, cles.map((c) => cleDePartenaire(c.type, c.code))),
          ),
        );
    }
    for (const cles of tranches(aAjouter as Array<{ type: TypeCollectivitePartenaire; code: string }>)) {
      if (cles.length === 0) continue;
      await tx
        .insert(partenairesManifestation)
        .values(cles.map((c) => ({ formulaireId: params.id, type: c.type, code: c.code, ajouteLe: params.maintenant })))
        .onConflictDoNothing();
    }
    await tx.update(formulairesManifestation).set({ modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  });
  const [compte] = await params.db
    .select({ n: sql<number>`count(*)` })
    .from(partenairesManifestation)
    .where(and(eq(partenairesManifestation.formulaireId, params.id), ne(partenairesManifestation.type, "structure")));
  return succes({ collectivites: Number(compte?.n ?? 0) });
}

export interface PartenaireDuFormulaire {
  cle: string;
  type: TypeCollectivitePartenaire;
  code: string;
  nom: string;
  detail: string;
  horsTerritoire: boolean;
  contact: Contact | null;
}

export interface StructureDuFormulaire {
  code: string;
  nom: string;
  contact: Contact | null;
}

export interface EtatPorter {
  formulaire: Formulaire;
  typePorteur: TypePorteur;
  /** The porteur's territory, once step 1 names a known collectivité. */
  territoire: TerritoirePerimetre | null;
  collectivites: PartenaireDuFormulaire[];
  structures: StructureDuFormulaire[];
}

const contactLu = (v: unknown): Contact | null => {
  const lu = schemaContact.safeParse(v);
  return lu.success ? lu.data : null;
};

/** Everything the steps show: the territory, the ticked collectivités (named), the structures. */
export async function lirePorter(params: { db: Executeur; acteur: Acteur | null; id: string }): Promise<Resultat<EtatPorter, ErreurPorter>> {
  const lu = await porterAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  const { typePorteur, ...formulaire } = lu.valeur;
  const code = formulaire.brouillon.code;
  const territoire = code ? await territoireDuPorteur(params.db, typePorteur, code) : null;
  const lignes = await params.db.select().from(partenairesManifestation).where(eq(partenairesManifestation.formulaireId, params.id)).orderBy(asc(partenairesManifestation.ajouteLe));
  const cles = lignes.filter((l) => l.type !== "structure").map((l) => `${l.type}:${l.code}`);
  const decrites = await decrireCollectivites(params.db, cles);
  const dedans = territoire ? dansLeTerritoire(territoire) : () => false;
  const collectivites: PartenaireDuFormulaire[] = [];
  const structures: StructureDuFormulaire[] = [];
  for (const l of lignes) {
    if (l.type === "structure") {
      structures.push({ code: l.code, nom: l.nom ?? "", contact: contactLu(l.contact) });
      continue;
    }
    const cle = `${l.type}:${l.code}`;
    const d = decrites.get(cle);
    const type = lireCleDePartenaire(cle)?.type;
    if (!d || !type) continue; // a collectivité that left the reference
    collectivites.push({ cle, type, code: l.code, nom: d.nom, detail: d.detail, horsTerritoire: !dedans(cle), contact: contactLu(l.contact) });
  }
  const ordre: Record<TypeCollectivitePartenaire, number> = { region: 0, departement: 1, epci: 2, commune: 3 };
  collectivites.sort((a, b) => Number(a.horsTerritoire) - Number(b.horsTerritoire) || ordre[a.type] - ordre[b.type] || a.nom.localeCompare(b.nom, "fr"));
  return succes({ formulaire, typePorteur, territoire, collectivites, structures });
}

/** Step 3: the contact of one ticked collectivité, checked strictly. */
export async function enregistrerContactPartenaire(params: {
  db: Executeur;
  acteur: Acteur | null;
  id: string;
  cle: unknown;
  contact: unknown;
  maintenant: Date;
}): Promise<Resultat<Contact, ErreurPorter | "partenaireInconnu" | "formulaireIncomplet">> {
  const lu = await porterAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  const cle = lireCleDePartenaire(params.cle);
  if (!cle) return echec("partenaireInconnu");
  const contact = schemaContact.safeParse(params.contact ?? {});
  if (!contact.success) return echec("formulaireIncomplet", { erreurs: erreursDe(contact.error.issues) });
  const modifies = await params.db
    .update(partenairesManifestation)
    .set({ contact: contact.data })
    .where(and(eq(partenairesManifestation.formulaireId, params.id), eq(partenairesManifestation.type, cle.type), eq(partenairesManifestation.code, cle.code)))
    .returning({ code: partenairesManifestation.code });
  if (modifies.length === 0) return echec("partenaireInconnu");
  await params.db.update(formulairesManifestation).set({ modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes(contact.data);
}

const schemaStructure = z.object({ nom: requis("le nom de la structure"), contact: schemaContact });

/** Step 4: adds a structure, or changes one (`code` given), checked strictly. */
export async function enregistrerStructure(params: {
  db: Executeur;
  acteur: Acteur | null;
  id: string;
  code?: unknown;
  structure: unknown;
  maintenant: Date;
}): Promise<Resultat<StructureDuFormulaire, ErreurPorter | "partenaireInconnu" | "formulaireIncomplet" | "tropDeStructures">> {
  const lu = await porterAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  const structure = schemaStructure.safeParse(params.structure ?? {});
  if (!structure.success) return echec("formulaireIncomplet", { erreurs: erreursDe(structure.error.issues) });
  const { nom, contact } = structure.data;
  if (params.code !== undefined) {
    if (typeof params.code !== "string" || !z.uuid().safeParse(params.code).success) return echec("partenaireInconnu");
    const modifies = await params.db
      .update(partenairesManifestation)
      .set({ nom, contact })
      .where(and(eq(partenairesManifestation.formulaireId, params.id), eq(partenairesManifestation.type, "structure"), eq(partenairesManifestation.code, params.code)))
      .returning({ code: partenairesManifestation.code });
    if (modifies.length === 0) return echec("partenaireInconnu");
    return succes({ code: params.code, nom, contact });
  }
  const [compte] = await params.db
    .select({ n: sql<number>`count(*)` })
    .from(partenairesManifestation)
    .where(and(eq(partenairesManifestation.formulaireId, params.id), eq(partenairesManifestation.type, "structure")));
  if (Number(compte?.n ?? 0) >= MAXIMUM_STRUCTURES) return echec("tropDeStructures", { maximum: MAXIMUM_STRUCTURES });
  const code = randomUUID();
  await params.db.insert(partenairesManifestation).values({ formulaireId: params.id, type: "structure", code, nom, contact, ajouteLe: params.maintenant });
  await params.db.update(formulairesManifestation).set({ modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes({ code, nom, contact });
}

export async function supprimerStructure(params: { db: Executeur; acteur: Acteur | null; id: string; code: unknown; maintenant: Date }): Promise<Resultat<void, ErreurPorter | "partenaireInconnu">> {
  const lu = await porterAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  if (typeof params.code !== "string" || !z.uuid().safeParse(params.code).success) return echec("partenaireInconnu");
  const supprimes = await params.db
    .delete(partenairesManifestation)
    .where(and(eq(partenairesManifestation.formulaireId, params.id), eq(partenairesManifestation.type, "structure"), eq(partenairesManifestation.code, params.code)))
    .returning({ code: partenairesManifestation.code });
  if (supprimes.length === 0) return echec("partenaireInconnu");
  return succes(undefined);
}

export type ErreurEtape = ErreurPorter | "etapeInaccessible" | "formulaireIncomplet" | "perimetreVide" | "contactsManquants";

/**
 * Ends a step ("Valider et continuer"): checks it strictly and records it. Step 1 checks the
 * collectivité and its contacts; step 2 needs at least one collectivité; step 3 every contact, or
 * the box "je n'ai pas encore les contacts"; step 4 nothing more than what was saved.
 */
export async function terminerEtape(params: {
  db: Executeur;
  acteur: Acteur | null;
  id: string;
  etape: unknown;
  /** Step 3: the box "Je souhaite porter une feuille de route, mais je n'ai pas encore les contacts…". */
  contactsPlusTard?: boolean;
  maintenant: Date;
}): Promise<Resultat<EtapesTerminees, ErreurEtape>> {
  const lu = await lirePorter(params);
  if (!lu.ok) return lu;
  const { formulaire, typePorteur } = lu.valeur;
  const { brouillon, etapes } = formulaire;
  const etape = params.etape;
  if (typeof etape !== "string" || !(ETAPES_PORTER as readonly string[]).includes(etape) || etape === "recapitulatif") return echec("etapeInaccessible");
  const precedentes = ETAPES_PORTER.slice(0, ETAPES_PORTER.indexOf(etape as EtapePorter));
  if (precedentes.some((e) => !etapeTerminee(e, etapes, brouillon.code))) return echec("etapeInaccessible");
  const le = params.maintenant.toISOString();
  let suivantes: EtapesTerminees;
  if (etape === "informations") {
    const verifie = await verifierCollectivite(params.db, brouillon, typePorteur, DEFINITIONS_PERSONAS[formulaire.persona].court);
    if (!verifie.identite) return echec("formulaireIncomplet", { erreurs: verifie.erreurs });
    suivantes = apresInformations(etapes, verifie.identite.code, le);
  } else if (etape === "perimetre") {
    if (lu.valeur.collectivites.length === 0) return echec("perimetreVide");
    suivantes = { ...etapes, perimetre: le };
  } else if (etape === "contacts") {
    const manquants = lu.valeur.collectivites.filter((c) => !c.contact).length;
    const plusTard = params.contactsPlusTard === true;
    if (manquants > 0 && !plusTard) return echec("contactsManquants", { nombre: manquants });
    await enregistrerBrouillon({ db: params.db, acteur: params.acteur, id: params.id, brouillon: { ...brouillon, contactsPlusTard: plusTard }, maintenant: params.maintenant });
    suivantes = { ...etapes, contacts: le };
  } else {
    suivantes = { ...etapes, structures: le };
  }
  await params.db.update(formulairesManifestation).set({ etapes: suivantes, modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes(suivantes);
}

/** The partners of a form as sent: each with its key and the départements it counts for. */
async function partenairesAEnvoyer(db: Executeur, etat: EtatPorter, departementsDuPorteur: string[]): Promise<PartenaireEnvoye[]> {
  const communesVues = etat.collectivites.filter((c) => c.type === "commune").map((c) => c.code);
  const epciVus = etat.collectivites.filter((c) => c.type === "epci").map((c) => c.code);
  const departementDeLaCommune = new Map<string, string>();
  for (const tranche of tranches(communesVues)) {
    for (const c of await db.select({ code: communes.code, departement: communes.codeDepartement }).from(communes).where(inArray(communes.code, tranche))) departementDeLaCommune.set(c.code, c.departement);
  }
  const departementsDeLEpci = new Map<string, string[]>();
  for (const tranche of tranches(epciVus)) {
    const lignes = await db
      .selectDistinct({ code: epciCommunes.codeEpci, departement: communes.codeDepartement })
      .from(epciCommunes)
      .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
      .where(inArray(epciCommunes.codeEpci, tranche));
    for (const l of lignes) departementsDeLEpci.set(l.code, [...(departementsDeLEpci.get(l.code) ?? []), l.departement]);
  }
  const metropole = new Set((await db.select({ code: departements.code }).from(departements).where(eq(departements.collectiviteOutreMer, false))).map((d) => d.code));
  const collectivites = etat.collectivites.map((c): PartenaireEnvoye => {
    let propres: string[] = [];
    if (c.type === "commune") propres = [departementDeLaCommune.get(c.code) ?? ""];
    else if (c.type === "epci") propres = departementsDeLEpci.get(c.code) ?? [];
    else if (c.type === "departement") propres = [c.code];
    // Outside the porteur's territory (a région is always), a partner counts where the porteur's form counts.
    const ou = c.horsTerritoire || c.type === "region" ? departementsDuPorteur : propres.filter((d) => metropole.has(d)).sort();
    return { type: c.type, code: c.code, nom: c.nom, cle: cleDuCandidat({ type: c.type, code: c.code, nom: c.nom, codeDepartement: null }), departements: ou, horsTerritoire: c.horsTerritoire, contact: c.contact };
  });
  const structures = etat.structures.map(
    (s): PartenaireEnvoye => ({ type: "structure", code: null, nom: s.nom, cle: cleDuCandidat({ type: "structure", code: null, nom: s.nom, codeDepartement: null }), departements: departementsDuPorteur, horsTerritoire: false, contact: s.contact }),
  );
  return [...collectivites, ...structures];
}

/**
 * "Confirmer & envoyer": checks every step again, then, in one transaction, makes or updates the
 * candidate, records the form with its partners (missing contacts do not block: the form is marked
 * incomplete) and writes the acknowledgement.
 */
export async function envoyerFeuilleDeRoute(params: {
  connexion: Connexion;
  acteur: Acteur | null;
  email: string;
  id: string;
  maintenant: Date;
}): Promise<Resultat<Formulaire, ErreurEtape>> {
  const { db } = params.connexion;
  const lu = await lirePorter({ db, acteur: params.acteur, id: params.id });
  if (!lu.ok) return lu;
  const { formulaire, typePorteur } = lu.valeur;
  const premiere = ETAPES_PORTER.find((e) => e !== "recapitulatif" && !etapeTerminee(e, formulaire.etapes, formulaire.brouillon.code));
  if (premiere) return echec("etapeInaccessible", { etape: premiere });
  const verifie = await verifierCollectivite(db, formulaire.brouillon, typePorteur, DEFINITIONS_PERSONAS[formulaire.persona].court);
  if (!verifie.identite) return echec("formulaireIncomplet", { erreurs: verifie.erreurs });
  if (lu.valeur.collectivites.length === 0) return echec("perimetreVide");
  const partenaires = await partenairesAEnvoyer(db, lu.valeur, verifie.departements);
  const contenu: ContenuPorter = {
    ...verifie.identite,
    type: typePorteur,
    gouvernanceLocale: formulaire.brouillon.gouvernanceLocale?.trim() || null,
    partenaires,
    contactsManquants: lu.valeur.collectivites.filter((c) => !c.contact).length,
  };
  await db.transaction(async (tx) => {
    const candidatId = await enregistrerCandidature(tx, { formulaireId: formulaire.id, contenu, departements: verifie.departements, maintenant: params.maintenant, demonstration: false });
    await tx.insert(journalAudit).values({
      acteur: (params.acteur as Acteur).id,
      action: "manifestation.envoyer",
      cible: `candidat:${candidatId}`,
      avant: null,
      apres: { formulaire: formulaire.id, persona: formulaire.persona, intention: "porter", nom: contenu.nom, partenaires: partenaires.length, contactsManquants: contenu.contactsManquants },
      le: params.maintenant,
    });
    await ecrireCourriel({ db: tx, maintenant: params.maintenant, destinataire: params.email, sujet: "Votre réponse a bien été envoyée — France Numérique Ensemble", texte: accuseDeReception(formulaire.persona, contenu) });
  });
  return succes({ ...formulaire, etat: "envoye", contenu, envoyeLe: params.maintenant });
}

export type { ErreursDeChamps };
