import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { candidats, communes, contactsManifestation, departements, epci, epciCommunes, formulairesManifestation, journalAudit, regions } from "@/db/schema";
import { departementsDuCandidat, type CandidatAAttribuer, type ReferentielAttribution } from "@/domain/candidatures/attribution";
import { cleDuCandidat } from "@/domain/candidatures/cle";
import { lireEtapes, type EtapesTerminees } from "@/domain/candidatures/etapes";
import { DEFINITIONS_PERSONAS, estPersona, LIBELLES_INTENTIONS, type Intention, type Persona, type TypeCandidat } from "@/domain/candidatures/personas";
import { verifierSiret } from "@/domain/candidatures/siret";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { rechercherParSiret, urlRechercheEntreprises, type ResultatRecherche } from "@/integrations/entreprises/recherche-entreprises";
import { ecrireCourriel } from "./courriels";
import { schemaEmail } from "./identite";
import { listerCommunesDuDepartement, listerDepartements, listerRegionsEtDepartements, obtenirDepartement, type ErreurDepartement } from "./territoires";

/*
 * The public forms (PRODUCT §4): one current form per person, saved as the person types (loosely
 * checked), then checked strictly when sent. Sending makes or updates the candidate (an
 * organisation), records the contacts and writes an acknowledgement to the sender.
 */

export type EtatFormulaire = "brouillon" | "envoye" | "efface";

export interface Formulaire {
  id: string;
  persona: Persona;
  intention: Intention | null;
  etat: EtatFormulaire;
  brouillon: Brouillon;
  contenu: ContenuFormulaire | null;
  /** "Porter" forms: the steps done. */
  etapes: EtapesTerminees;
  envoyeLe: Date | null;
  modifieLe: Date;
}

type Refus = "nonConnecte";
export type ErreurFormulaire = Refus | "formulaireInconnu" | "formulaireEnvoye";

// What the person typed so far: every field optional, bounded, nothing else accepted.
// PostgreSQL stores no NUL character (and nobody types one).
const sansNul = (v: string) => !v.includes("\u0000");
const champ = (max = 200) =>
  z
    .string()
    .max(max, { error: `${max} caractères au plus.` })
    .refine(sansNul, { error: "Ce texte contient un caractère non autorisé." })
    .optional();
const contactBrouillon = z.strictObject({ nom: champ(), prenom: champ(), fonction: champ(), email: champ() }).optional();
export const schemaBrouillon = z.strictObject({
  code: champ(20),
  departement: champ(3),
  contactPolitique: contactBrouillon,
  avecContactTechnique: z.boolean().optional(),
  contactTechnique: contactBrouillon,
  structure: z.strictObject({ nom: champ(), siret: champ(30), sansSiret: z.boolean().optional(), departement: champ(3) }).optional(),
  contactStructure: contactBrouillon,
  /** "Porter", step 1: "Êtes vous impliqués dans un schéma ou une gouvernance locale…". */
  gouvernanceLocale: champ(1000),
  /** "Porter", step 3: "Je souhaite porter une feuille de route, mais je n'ai pas encore les contacts…". */
  contactsPlusTard: z.boolean().optional(),
});
export type Brouillon = z.infer<typeof schemaBrouillon>;

// What a sent form must hold.
export const requis = (libelle: string, max = 200) =>
  z
    .string({ error: `Indiquez ${libelle}.` })
    .trim()
    .min(1, { error: `Indiquez ${libelle}.` })
    .max(max, { error: `${max} caractères au plus.` });
export const schemaContact = z.object({
  nom: requis("le nom", 100),
  prenom: requis("le prénom", 100),
  fonction: requis("la fonction", 150),
  email: z.string({ error: "Indiquez une adresse e-mail." }).pipe(schemaEmail),
});
export type Contact = z.infer<typeof schemaContact>;

/** A partner a sent "porter" form names: a collectivité of its perimeter or another structure. */
export interface PartenaireEnvoye {
  type: TypeCandidat;
  code: string | null;
  nom: string;
  /** The organisation's key (as a candidate's), to count each partner once. */
  cle: string;
  /** Where it counts as a suggested partner: its own départements, or the porteur's when it lies outside the porteur's territory (and for a structure). */
  departements: string[];
  horsTerritoire: boolean;
  contact: Contact | null;
}

export interface ContenuPorter {
  type: "region" | "departement" | "epci";
  code: string;
  nom: string;
  contactPolitique: Contact;
  contactTechnique: Contact | null;
  gouvernanceLocale: string | null;
  partenaires: PartenaireEnvoye[];
  /** Partner collectivités sent without a contact (the form is then marked incomplete). */
  contactsManquants: number;
}

export type ContenuFormulaire = ContenuParticiper | ContenuPorter;

export function estContenuPorter(c: ContenuFormulaire | null): c is ContenuPorter {
  return c !== null && "partenaires" in c;
}

export type ContenuParticiper =
  | { type: Exclude<TypeCandidat, "structure">; code: string; nom: string; contactPolitique: Contact; contactTechnique: Contact | null }
  | { type: "structure"; nom: string; siret: string | null; siretVerifie: boolean | null; departement: string; contactStructure: Contact };

function versFormulaire(l: typeof formulairesManifestation.$inferSelect): Formulaire {
  return {
    id: l.id,
    persona: estPersona(l.persona) ? l.persona : "structure",
    intention: l.intention === "porter" || l.intention === "participer" ? l.intention : null,
    etat: l.etat as EtatFormulaire,
    brouillon: schemaBrouillon.safeParse(l.brouillon).data ?? {},
    contenu: (l.contenu as ContenuFormulaire | null) ?? null,
    etapes: lireEtapes(l.etapes),
    envoyeLe: l.envoyeLe,
    modifieLe: l.modifieLe,
  };
}

/** The company register lookup configured by EFNE_RECHERCHE_ENTREPRISES_URL, if any. */
export function rechercheEntreprisesConfiguree(env: Record<string, string | undefined> = process.env): ((siret: string) => Promise<ResultatRecherche>) | undefined {
  const urlDeBase = urlRechercheEntreprises(env);
  return urlDeBase ? (siret) => rechercherParSiret({ urlDeBase, siret }) : undefined;
}

/** The fields of the "participer" page, as a form posts them ("contactPolitique.nom"…), into a draft. */
export function brouillonDepuisChamps(champs: Iterable<[string, unknown]>): Record<string, unknown> {
  const brouillon: Record<string, unknown> = {};
  const groupes = new Set(["contactPolitique", "contactTechnique", "structure", "contactStructure"]);
  const booleens = new Set(["avecContactTechnique", "structure.sansSiret"]);
  for (const [nom, valeur] of champs) {
    if (typeof valeur !== "string") continue;
    const [groupe, cle] = nom.split(".");
    const v = booleens.has(nom) ? valeur === "on" || valeur === "true" : valeur;
    if (cle === undefined && (nom === "code" || nom === "departement" || nom === "avecContactTechnique" || nom === "gouvernanceLocale")) brouillon[nom] = v;
    else if (groupe && cle && groupes.has(groupe) && /^[a-zA-Z]{1,20}$/.test(cle)) {
      const objet = (brouillon[groupe] ??= {}) as Record<string, unknown>;
      objet[cle] = v;
    }
  }
  return brouillon;
}

export interface OptionDeListe {
  valeur: string;
  libelle: string;
}

/** The lists the "participer" page offers: the départements, and the collectivités to choose from (those of the chosen département for an EPCI or a commune). */
export async function listesPourParticiper(db: Executeur, type: TypeCandidat, departement: string | undefined): Promise<{ departements: OptionDeListe[]; collectivites: OptionDeListe[] }> {
  const tous = await listerDepartements(db);
  const departements = tous.map((d) => ({ valeur: d.code, libelle: `${d.code} — ${d.nom}` }));
  if (type === "region") return { departements, collectivites: (await listerRegionsEtDepartements(db)).map((r) => ({ valeur: r.code, libelle: r.nom })) };
  if (type === "departement") return { departements, collectivites: departements };
  if (type === "epci" && departement) {
    const d = await obtenirDepartement(db, departement);
    return { departements, collectivites: d.ok ? d.valeur.epci.map((e) => ({ valeur: e.code, libelle: e.nom })) : [] };
  }
  if (type === "commune" && departement) {
    const communes = await listerCommunesDuDepartement(db, departement);
    return { departements, collectivites: communes.map((c) => ({ valeur: c.code, libelle: `${c.nom}${c.codesPostaux.length ? ` (${c.codesPostaux.join(", ")})` : ""}` })) };
  }
  return { departements, collectivites: [] };
}

/** The person's current form: the latest one not erased (a sent one stays current, read-only). */
export async function formulaireCourant(params: { db: Executeur; acteur: Acteur | null }): Promise<Resultat<Formulaire | null, Refus>> {
  if (!params.acteur) return echec("nonConnecte");
  const [ligne] = await params.db
    .select()
    .from(formulairesManifestation)
    .where(and(eq(formulairesManifestation.utilisateurId, params.acteur.id), inArray(formulairesManifestation.etat, ["brouillon", "envoye"])))
    .orderBy(desc(formulairesManifestation.creeLe))
    .limit(1);
  return succes(ligne ? versFormulaire(ligne) : null);
}

/** A draft of the acting person, to change. */
export async function formulaireAModifier(db: Executeur, acteur: Acteur | null, id: string): Promise<Resultat<Formulaire, ErreurFormulaire>> {
  if (!acteur) return echec("nonConnecte");
  if (!z.uuid().safeParse(id).success) return echec("formulaireInconnu");
  const [ligne] = await db
    .select()
    .from(formulairesManifestation)
    .where(and(eq(formulairesManifestation.id, id), eq(formulairesManifestation.utilisateurId, acteur.id)));
  if (!ligne || ligne.etat === "efface") return echec("formulaireInconnu");
  if (ligne.etat === "envoye") return echec("formulaireEnvoye");
  return succes(versFormulaire(ligne));
}

/**
 * Starts (or resumes) a form for a persona. The same persona resumes the draft; another persona
 * erases the draft and starts a new form; after a sent form, a new one starts ("Recommencer").
 */
export async function commencerFormulaire(params: { db: Executeur; acteur: Acteur | null; persona: unknown; maintenant: Date; demonstration?: boolean }): Promise<Resultat<Formulaire, Refus | "personaInconnue">> {
  if (!params.acteur) return echec("nonConnecte");
  if (!estPersona(params.persona)) return echec("personaInconnue");
  const courant = await formulaireCourant(params);
  if (!courant.ok) return courant;
  const actuel = courant.valeur;
  if (actuel?.etat === "brouillon" && actuel.persona === params.persona) return succes(actuel);
  if (actuel?.etat === "brouillon") {
    await params.db.update(formulairesManifestation).set({ etat: "efface", effaceLe: params.maintenant, modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, actuel.id));
  }
  // "Recommencer": the same persona keeps its intention.
  const intention = actuel?.etat === "envoye" && actuel.persona === params.persona ? actuel.intention : null;
  const [ligne] = await params.db
    .insert(formulairesManifestation)
    .values({
      utilisateurId: params.acteur.id,
      persona: params.persona,
      intention: DEFINITIONS_PERSONAS[params.persona].peutPorter ? intention : "participer",
      demonstration: params.demonstration ?? false,
      creeLe: params.maintenant,
      modifieLe: params.maintenant,
    })
    .returning();
  return succes(versFormulaire(ligne as typeof formulairesManifestation.$inferSelect));
}

/** "Porter une feuille de route territoriale" or "Participer…", for the personas that may porter. */
export async function choisirIntention(params: { db: Executeur; acteur: Acteur | null; id: string; intention: unknown; maintenant: Date }): Promise<Resultat<Formulaire, ErreurFormulaire | "intentionInvalide">> {
  const lu = await formulaireAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  if (params.intention !== "porter" && params.intention !== "participer") return echec("intentionInvalide");
  if (!DEFINITIONS_PERSONAS[lu.valeur.persona].peutPorter && params.intention === "porter") return echec("intentionInvalide");
  await params.db.update(formulairesManifestation).set({ intention: params.intention, modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes({ ...lu.valeur, intention: params.intention });
}

/** Automatic save: what the person typed, bounded, whatever its completeness. */
export async function enregistrerBrouillon(params: { db: Executeur; acteur: Acteur | null; id: string; brouillon: unknown; maintenant: Date }): Promise<Resultat<Formulaire, ErreurFormulaire | "brouillonInvalide">> {
  const lu = await formulaireAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  const brouillon = schemaBrouillon.safeParse(params.brouillon);
  if (!brouillon.success) return echec("brouillonInvalide", { detail: brouillon.error.issues[0]?.message ?? "" });
  await params.db.update(formulairesManifestation).set({ brouillon: brouillon.data, modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes({ ...lu.valeur, brouillon: brouillon.data, modifieLe: params.maintenant });
}

/** "Effacer le formulaire": the draft is set aside; the next visit starts afresh. */
export async function effacerFormulaire(params: { db: Executeur; acteur: Acteur | null; id: string; maintenant: Date }): Promise<Resultat<void, ErreurFormulaire>> {
  const lu = await formulaireAModifier(params.db, params.acteur, params.id);
  if (!lu.ok) return lu;
  await params.db.update(formulairesManifestation).set({ etat: "efface", effaceLe: params.maintenant, modifieLe: params.maintenant }).where(eq(formulairesManifestation.id, params.id));
  return succes(undefined);
}

/** Errors of a form, by field path ("contactPolitique.email"), as the person reads them. */
export type ErreursDeChamps = Record<string, string>;

export function erreursDe(issues: z.core.$ZodIssue[]): ErreursDeChamps {
  const erreurs: ErreursDeChamps = {};
  for (const i of issues) {
    const chemin = i.path.join(".");
    erreurs[chemin] ??= i.message;
  }
  return erreurs;
}

/**
 * A candidate's official name (for a collectivité; null when the code is unknown) and the
 * départements it counts for (attribution rule; empty when its territory is unknown).
 */
export async function attribuer(db: Executeur, candidat: CandidatAAttribuer): Promise<{ nom: string | null; departements: string[] }> {
  const { type, code } = candidat;
  const tousDepartements = await db.select({ code: departements.code, codeRegion: departements.codeRegion, com: departements.collectiviteOutreMer }).from(departements);
  const existants = new Map(tousDepartements.filter((d) => !d.com).map((d) => [d.code, d.codeRegion]));
  let nom: string | null = null;
  let departementsEpci: string[] = [];
  let departementCommune: string | null = null;
  if (code && type === "region") nom = (await db.select({ nom: regions.nom }).from(regions).where(eq(regions.code, code)))[0]?.nom ?? null;
  if (code && type === "departement") nom = (await db.select({ nom: departements.nom }).from(departements).where(eq(departements.code, code)))[0]?.nom ?? null;
  if (code && type === "epci") {
    nom = (await db.select({ nom: epci.nom }).from(epci).where(eq(epci.code, code)))[0]?.nom ?? null;
    const lignes = await db
      .selectDistinct({ code: communes.codeDepartement })
      .from(epciCommunes)
      .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
      .where(eq(epciCommunes.codeEpci, code));
    departementsEpci = lignes.map((l) => l.code).filter((c): c is string => c !== null);
  }
  if (code && type === "commune") {
    const [c] = await db.select({ nom: communes.nom, departement: communes.codeDepartement }).from(communes).where(and(eq(communes.code, code), eq(communes.type, "commune-actuelle")));
    nom = c?.nom ?? null;
    departementCommune = c?.departement ?? null;
  }
  const referentiel: ReferentielAttribution = {
    departementsDeLaRegion: (r) => [...existants].filter(([, region]) => region === r).map(([d]) => d),
    departementsDeLEpci: () => departementsEpci.filter((d) => existants.has(d)),
    departementDeLaCommune: () => (departementCommune && existants.has(departementCommune) ? departementCommune : null),
    departementExiste: (d) => existants.has(d),
  };
  return { nom, departements: departementsDuCandidat(candidat, referentiel) };
}


/** The identity of a collectivité and its contacts, as a sent form must give them. */
export interface IdentiteCollectivite {
  type: Exclude<TypeCandidat, "structure">;
  code: string;
  nom: string;
  contactPolitique: Contact;
  contactTechnique: Contact | null;
}

/**
 * Checks strictly the collectivité a draft names and its contacts (politique, and technique when
 * asked for), against the reference territories; gives the départements it counts for.
 */
export async function verifierCollectivite(
  db: Executeur,
  b: Brouillon,
  typeCandidat: Exclude<TypeCandidat, "structure">,
  court: string,
): Promise<{ erreurs: ErreursDeChamps; identite: IdentiteCollectivite | null; departements: string[] }> {
  const erreurs: ErreursDeChamps = {};
  const avecTechnique = b.avecContactTechnique === true;
  const lu = z
    .object({
      code: z.string({ error: `Choisissez votre ${court}.` }).min(1, { error: `Choisissez votre ${court}.` }),
      contactPolitique: schemaContact,
      contactTechnique: avecTechnique ? schemaContact : z.any(),
    })
    .safeParse({ code: b.code, contactPolitique: b.contactPolitique ?? {}, contactTechnique: b.contactTechnique ?? {} });
  if (!lu.success) return { erreurs: erreursDe(lu.error.issues), identite: null, departements: [] };
  const { nom, departements: concernes } = await attribuer(db, { type: typeCandidat, code: lu.data.code, codeDepartement: null });
  if (!nom || concernes.length === 0) {
    erreurs.code = `Choisissez votre ${court} dans la liste.`;
    return { erreurs, identite: null, departements: [] };
  }
  return {
    erreurs,
    departements: concernes,
    identite: {
      type: typeCandidat,
      code: lu.data.code,
      nom,
      contactPolitique: lu.data.contactPolitique,
      contactTechnique: avecTechnique ? (lu.data.contactTechnique as Contact) : null,
    },
  };
}

/**
 * Sends a "participer" form: saves what was typed, checks it strictly (with the reference
 * territories and the SIRET), then, in one transaction, makes or updates the candidate, records
 * the contacts, closes the form and writes the acknowledgement.
 */
export async function envoyerParticipation(params: {
  connexion: Connexion;
  acteur: Acteur | null;
  /** The sender's address: the acknowledgement goes there. */
  email: string;
  id: string;
  brouillon: unknown;
  maintenant: Date;
  /** The company register, when configured (it never blocks the form). */
  rechercherEntreprise?: (siret: string) => Promise<ResultatRecherche>;
}): Promise<Resultat<Formulaire, ErreurFormulaire | "brouillonInvalide" | "formulaireIncomplet" | "intentionInvalide">> {
  const { db } = params.connexion;
  const enregistre = await enregistrerBrouillon({ db, acteur: params.acteur, id: params.id, brouillon: params.brouillon, maintenant: params.maintenant });
  if (!enregistre.ok) return enregistre;
  const formulaire = enregistre.valeur;
  if (formulaire.intention !== "participer") return echec("intentionInvalide");
  const b = formulaire.brouillon;
  const { typeCandidat, court } = DEFINITIONS_PERSONAS[formulaire.persona];
  const erreurs: ErreursDeChamps = {};
  let contenu: ContenuParticiper | null = null;
  let departementsConcernes: string[] = [];

  if (typeCandidat === "structure") {
    const lu = z
      .object({
        structure: z.object({
          nom: requis("le nom de la structure"),
          siret: z.string().optional(),
          sansSiret: z.boolean().optional(),
          departement: z.string({ error: "Choisissez le département de la structure." }).min(1, { error: "Choisissez le département de la structure." }),
        }),
        contactStructure: schemaContact,
      })
      .safeParse({ structure: b.structure ?? {}, contactStructure: b.contactStructure ?? {} });
    if (!lu.success) Object.assign(erreurs, erreursDe(lu.error.issues));
    let siret: string | null = null;
    if (!b.structure?.sansSiret) {
      const verifie = verifierSiret(b.structure?.siret ?? "");
      if (verifie.ok) siret = verifie.valeur;
      else erreurs["structure.siret"] = MESSAGES_SIRET[verifie.erreur];
    }
    const departement = b.structure?.departement ?? "";
    if (departement) {
      departementsConcernes = (await attribuer(db, { type: "structure", code: null, codeDepartement: departement })).departements;
      if (departementsConcernes.length === 0) erreurs["structure.departement"] = "Choisissez le département de la structure.";
    }
    if (lu.success && Object.keys(erreurs).length === 0) {
      let nom = lu.data.structure.nom;
      let siretVerifie: boolean | null = null;
      if (siret && params.rechercherEntreprise) {
        const trouve = await params.rechercherEntreprise(siret);
        // Found: the register's name. Not found or unreachable: the SIRET stays, marked "non vérifié"
        // (the register may not list every establishment): the lookup never blocks the form.
        if (trouve.statut === "trouve") {
          nom = trouve.nom;
          siretVerifie = true;
        } else siretVerifie = false;
      }
      contenu = { type: "structure", nom, siret, siretVerifie, departement, contactStructure: lu.data.contactStructure };
    }
  } else {
    const verifie = await verifierCollectivite(db, b, typeCandidat, court);
    Object.assign(erreurs, verifie.erreurs);
    departementsConcernes = verifie.departements;
    contenu = verifie.identite;
  }
  if (Object.keys(erreurs).length > 0 || !contenu) return echec("formulaireIncomplet", { erreurs });

  const valide = contenu;
  await params.connexion.db.transaction(async (tx) => {
    const candidatId = await enregistrerCandidature(tx, { formulaireId: formulaire.id, contenu: valide, departements: departementsConcernes, maintenant: params.maintenant, demonstration: false });
    await tx.insert(journalAudit).values({
      acteur: (params.acteur as Acteur).id,
      action: "manifestation.envoyer",
      cible: `candidat:${candidatId}`,
      avant: null,
      apres: { formulaire: formulaire.id, persona: formulaire.persona, intention: "participer", nom: valide.nom },
      le: params.maintenant,
    });
    await ecrireCourriel({ db: tx, maintenant: params.maintenant, destinataire: params.email, sujet: "Votre réponse a bien été envoyée — France Numérique Ensemble", texte: accuseDeReception(formulaire.persona, valide) });
  });
  return succes({ ...formulaire, etat: "envoye", contenu: valide, envoyeLe: params.maintenant });
}

/**
 * Records a sent form ("participer" or "porter"): makes or updates the candidate (one per organisation, with the
 * départements it counts for), keeps the contacts, and closes the form. Returns the candidate.
 */
export async function enregistrerCandidature(
  db: Executeur,
  /** `departements`: what attribuer() gave for this candidate. */
  p: { formulaireId: string; contenu: ContenuFormulaire; departements: string[]; maintenant: Date; demonstration: boolean },
): Promise<string> {
  const c = p.contenu;
  const codeDepartement = c.type === "structure" ? c.departement : null;
  const code = c.type === "structure" ? c.siret : c.code;
  const departementsConcernes = p.departements;
  const siretVerifie = c.type === "structure" ? c.siretVerifie : null;
  const [candidat] = await db
    .insert(candidats)
    .values({
      cle: cleDuCandidat({ type: c.type, code, nom: c.nom, codeDepartement }),
      type: c.type,
      code,
      nom: c.nom,
      codeDepartement,
      siretVerifie,
      departements: departementsConcernes,
      demonstration: p.demonstration,
      creeLe: p.maintenant,
      modifieLe: p.maintenant,
    })
    // A later form updates the organisation; the earlier forms stay as its history.
    // A real form for an organisation that only existed in the demonstration makes it real.
    .onConflictDoUpdate({
      target: candidats.cle,
      set: { nom: c.nom, departements: departementsConcernes, siretVerifie, modifieLe: p.maintenant, demonstration: sql`${candidats.demonstration} and ${p.demonstration}` },
    })
    .returning({ id: candidats.id });
  const candidatId = (candidat as { id: string }).id;
  // The lines of the préfectures' lists: this form's replace those of the organisation's earlier form of the same kind.
  const porteur = estContenuPorter(c);
  await db
    .delete(contactsManifestation)
    .where(and(eq(contactsManifestation.candidatId, candidatId), inArray(contactsManifestation.manifestation, porteur ? ["porteur", "partenaire"] : ["participant"])));
  const commun = { formulaireId: p.formulaireId, candidatId, deposeLe: p.maintenant, demonstration: p.demonstration };
  const dUnCandidat = {
    ...commun,
    organisation: c.nom,
    typologie: c.type,
    codeSiret: c.type === "structure" ? c.siret : null,
    codeInsee: c.type === "structure" ? null : c.code,
    manifestation: porteur ? "porteur" : "participant",
    departements: departementsConcernes,
  };
  const lignes: Array<typeof contactsManifestation.$inferInsert> =
    c.type === "structure"
      ? [{ ...dUnCandidat, role: "structure", ...c.contactStructure }]
      : [{ ...dUnCandidat, role: "politique", ...c.contactPolitique }, ...(c.contactTechnique ? [{ ...dUnCandidat, role: "technique", ...c.contactTechnique }] : [])];
  if (porteur) {
    for (const partenaire of c.partenaires) {
      if (!partenaire.contact) continue;
      lignes.push({
        ...commun,
        ...partenaire.contact,
        role: "partenaire",
        organisation: partenaire.nom,
        typologie: partenaire.type,
        codeSiret: null,
        codeInsee: partenaire.type === "structure" ? null : partenaire.code,
        manifestation: "partenaire",
        nomPorteur: c.nom,
        departements: partenaire.departements,
      });
    }
  }
  for (let i = 0; i < lignes.length; i += 1000) await db.insert(contactsManifestation).values(lignes.slice(i, i + 1000));
  await db
    .update(formulairesManifestation)
    .set({ etat: "envoye", intention: estContenuPorter(c) ? "porter" : "participer", contenu: c, candidatId, envoyeLe: p.maintenant, modifieLe: p.maintenant })
    .where(eq(formulairesManifestation.id, p.formulaireId));
  return candidatId;
}

const MESSAGES_SIRET = {
  siretVide: "Indiquez le SIRET de la structure, ou cochez « Je n'ai pas de SIRET ».",
  siretFormat: "Un SIRET compte 14 chiffres (exemple : 130 025 265 00013).",
  siretCle: "Ce SIRET n'est pas valide : vérifiez les 14 chiffres.",
} as const;

function ligneContact(titre: string, c: Contact) {
  return `${titre} : ${c.prenom} ${c.nom}, ${c.fonction}, ${c.email}`;
}

/** The summary of a sent form, in the acknowledgement e-mail. */
export function accuseDeReception(persona: Persona, c: ContenuFormulaire): string {
  const lignes = [
    "Bonjour,",
    "",
    "Votre réponse au formulaire France Numérique Ensemble a bien été envoyée. Elle est transmise à la préfecture de votre département.",
    "",
    `Formulaire : ${DEFINITIONS_PERSONAS[persona].libelle} — ${LIBELLES_INTENTIONS[estContenuPorter(c) ? "porter" : "participer"]}`,
  ];
  if (c.type === "structure") {
    lignes.push(`Structure : ${c.nom}`, `SIRET : ${c.siret ?? "pas de SIRET"}`, `Département : ${c.departement}`, ligneContact("Contact de la structure", c.contactStructure));
  } else {
    lignes.push(`Collectivité : ${c.nom} (${c.code})`, ligneContact("Contact politique", c.contactPolitique));
    if (c.contactTechnique) lignes.push(ligneContact("Contact technique", c.contactTechnique));
  }
  if (estContenuPorter(c)) {
    if (c.gouvernanceLocale) lignes.push(`Schéma ou gouvernance locale : ${c.gouvernanceLocale}`);
    const collectivites = c.partenaires.filter((p) => p.type !== "structure");
    const structures = c.partenaires.filter((p) => p.type === "structure");
    lignes.push("", `Périmètre de votre feuille de route : ${collectivites.length} collectivité${collectivites.length > 1 ? "s" : ""}`);
    for (const p of collectivites.slice(0, 50)) lignes.push(`- ${p.nom}${p.horsTerritoire ? " (hors territoire)" : ""}${p.contact ? "" : " — contact à compléter"}`);
    if (collectivites.length > 50) lignes.push(`- … et ${collectivites.length - 50} autres`);
    if (structures.length > 0) {
      lignes.push("", "Autres structures impliquées :");
      for (const p of structures) lignes.push(`- ${p.nom}${p.contact ? ` : ${p.contact.prenom} ${p.contact.nom}, ${p.contact.email}` : ""}`);
    }
    if (c.contactsManquants > 0) {
      lignes.push(
        "",
        `Il manque le contact de ${c.contactsManquants} collectivité${c.contactsManquants > 1 ? "s" : ""} partenaire${c.contactsManquants > 1 ? "s" : ""} : votre feuille de route est marquée incomplète. Vous pourrez les transmettre à la préfecture.`,
      );
    }
  }
  lignes.push("", "Merci pour votre participation.");
  return lignes.join("\n");
}

export interface StatistiquesCandidatures {
  porteurs: { collectivites: number };
  partenairesSuggeres: { collectivites: number; structures: number };
  souhaitentParticiper: { collectivites: number; structures: number };
  /** True when demonstration candidates are counted. */
  demonstration: boolean;
}

/** SQL: the array column shares a code with the given départements. */
export function dansLesDepartements(colonne: unknown, codes: readonly string[]) {
  if (codes.length === 0) return sql`false`;
  return sql`${colonne} && array[${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`;
}

/** Per type of candidate, the distinct organisations with a sent form of each intention, in the départements. */
export async function candidatsParTypeEtIntention(db: Executeur, codes: readonly string[]) {
  const lignes = await db
    .select({
      intention: formulairesManifestation.intention,
      type: candidats.type,
      candidats: sql<number>`count(distinct ${candidats.id})`,
      demonstration: sql<boolean>`bool_or(${candidats.demonstration})`,
    })
    .from(candidats)
    .innerJoin(formulairesManifestation, and(eq(formulairesManifestation.candidatId, candidats.id), eq(formulairesManifestation.etat, "envoye")))
    .where(dansLesDepartements(candidats.departements, codes))
    .groupBy(formulairesManifestation.intention, candidats.type);
  return lignes.map((l) => ({ intention: l.intention as Intention, type: l.type as TypeCandidat, candidats: Number(l.candidats), demonstration: Boolean(l.demonstration) }));
}

/**
 * The counts of PRODUCT §12 for one département, or a set of them (a région, the nation): distinct
 * organisations attributed to them with a sent form, by intention. Partners suggested come from the
 * "porter" forms' perimeters.
 */
export async function statistiquesCandidatures(db: Executeur, departementOuListe: string | readonly string[]): Promise<StatistiquesCandidatures> {
  const codes = typeof departementOuListe === "string" ? [departementOuListe] : departementOuListe;
  const lignes = await candidatsParTypeEtIntention(db, codes);
  const compte = (intention: Intention, structure: boolean) =>
    lignes.filter((l) => l.intention === intention && (l.type === "structure") === structure).reduce((n, l) => n + l.candidats, 0);
  const partenaires = await partenairesSuggeres(db, codes);
  // An organisation is of one type: summing the types' distinct counts counts it once.
  return {
    porteurs: { collectivites: compte("porter", false) },
    partenairesSuggeres: partenaires,
    souhaitentParticiper: { collectivites: compte("participer", false), structures: compte("participer", true) },
    demonstration: lignes.some((l) => l.demonstration),
  };
}

/** The statistics of a département of the gouvernance scope (the collectivités d'outre-mer are not). */
export async function statistiquesDuDepartement(db: Executeur, code: string): Promise<Resultat<StatistiquesCandidatures, ErreurDepartement>> {
  const departement = await obtenirDepartement(db, code);
  if (!departement.ok) return departement;
  if (departement.valeur.collectiviteOutreMer) return echec("departementInconnu", { code });
  return succes(await statistiquesCandidatures(db, departement.valeur.code));
}

/** Partners named in the sent "porter" forms (their `contenu.partenaires`), distinct, attributed to the départements. */
async function partenairesSuggeres(db: Executeur, codes: readonly string[]): Promise<{ collectivites: number; structures: number }> {
  const porteurs = await db
    .select({ contenu: formulairesManifestation.contenu })
    .from(formulairesManifestation)
    .innerJoin(candidats, eq(candidats.id, formulairesManifestation.candidatId))
    .where(and(eq(formulairesManifestation.etat, "envoye"), eq(formulairesManifestation.intention, "porter"), dansLesDepartements(candidats.departements, codes)));
  const ici = new Set(codes);
  const collectivites = new Set<string>();
  const structures = new Set<string>();
  for (const { contenu } of porteurs) {
    const partenaires = (contenu as { partenaires?: Array<{ cle: string; type: string; departements: string[] }> } | null)?.partenaires ?? [];
    for (const p of partenaires) {
      if (!p.departements.some((d) => ici.has(d))) continue;
      (p.type === "structure" ? structures : collectivites).add(p.cle);
    }
  }
  return { collectivites: collectivites.size, structures: structures.size };
}
