import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { departements, jetonsConnexion, journalAudit, perimetresUtilisateurs, regions, sessions, utilisateurs } from "@/db/schema";
import { estRole, perimetresValides, type Acteur, type Perimetre, type Role } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { ecrireCourriel } from "./courriels";
import { cleDeQuota, consommerQuota, type Quota } from "./debit";

/** At most 5 links per address and 30 requests per client every 15 minutes. */
export const QUOTA_LIENS_PAR_ADRESSE: Quota = { limite: 5, fenetreMs: 15 * 60 * 1000 };
export const QUOTA_LIENS_PAR_CLIENT: Quota = { limite: 30, fenetreMs: 15 * 60 * 1000 };

/*
 * Identity: accounts, magic links and sessions. Tokens and session identifiers are random 256-bit
 * values; only their SHA-256 is stored. A link is single-use and valid 15 minutes.
 */

export const DUREE_LIEN_MS = 15 * 60 * 1000;
export const DUREE_SESSION_MS = 12 * 60 * 60 * 1000;
/** Where links point when no request tells: EFNE_URL_PUBLIQUE, else this machine's port (command line, start-up). */
export function urlDeBaseDesLiens(env: NodeJS.ProcessEnv = process.env): string {
  return env.EFNE_URL_PUBLIQUE || `http://localhost:${env.PORT || "3000"}`;
}

/** Who acts when an operator uses the command line. */
export const ACTEUR_LIGNE_DE_COMMANDE = "ligne-de-commande";

export const empreinte = (secret: string) => createHash("sha256").update(secret).digest("hex");
export const secretAleatoire = () => randomBytes(32).toString("base64url");

export const schemaEmail = z
  .string({ error: "Indiquez une adresse e-mail." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.gouv.fr)." }));

export interface Utilisateur {
  id: string;
  email: string;
  prenom: string | null;
  nom: string | null;
  role: Role;
  actif: boolean;
  perimetres: Perimetre[];
}

export async function perimetresDe(db: Executeur, utilisateurId: string): Promise<Perimetre[]> {
  const lignes = await db
    .select({ type: perimetresUtilisateurs.type, code: perimetresUtilisateurs.code })
    .from(perimetresUtilisateurs)
    .where(eq(perimetresUtilisateurs.utilisateurId, utilisateurId));
  return lignes.map((l) => ({ type: l.type as Perimetre["type"], code: l.code })).sort((a, b) => a.code.localeCompare(b.code));
}

export async function utilisateurParEmail(db: Executeur, email: string) {
  const [ligne] = await db.select().from(utilisateurs).where(eq(utilisateurs.email, email));
  return ligne ?? null;
}

/** The first scope whose territory does not exist, if any. */
export async function territoireInconnu(db: Executeur, perimetres: Perimetre[]): Promise<Perimetre | null> {
  for (const p of perimetres) {
    const table = p.type === "region" ? regions : departements;
    const [existe] = await db.select({ code: table.code }).from(table).where(eq(table.code, p.code));
    if (!existe) return p;
  }
  return null;
}

export type ErreurCreationUtilisateur = "emailInvalide" | "roleInconnu" | "perimetresInvalides" | "territoireInconnu" | "utilisateurExistant";

/** Creates an account (the command line now; the administrators' invitation later). Audited. */
export async function creerUtilisateur(params: {
  connexion: Connexion;
  acteur: string;
  email: string;
  role: string;
  perimetres: Perimetre[];
  prenom?: string;
  nom?: string;
  maintenant: Date;
}): Promise<Resultat<Utilisateur, ErreurCreationUtilisateur>> {
  const email = schemaEmail.safeParse(params.email);
  if (!email.success) return echec("emailInvalide", { email: params.email });
  if (!estRole(params.role)) return echec("roleInconnu", { role: params.role });
  const role = params.role;
  if (!perimetresValides(role, params.perimetres)) return echec("perimetresInvalides", { role });
  const { db } = params.connexion;
  const inconnu = await territoireInconnu(db, params.perimetres);
  if (inconnu) return echec("territoireInconnu", { ...inconnu });
  if (await utilisateurParEmail(db, email.data)) return echec("utilisateurExistant", { email: email.data });

  const cree = await db.transaction(async (tx) => {
    const [ligne] = await tx
      .insert(utilisateurs)
      .values({ email: email.data, role, prenom: params.prenom ?? null, nom: params.nom ?? null, creeLe: params.maintenant })
      .returning();
    const utilisateur = ligne as typeof utilisateurs.$inferSelect;
    if (params.perimetres.length > 0) {
      await tx.insert(perimetresUtilisateurs).values(params.perimetres.map((p) => ({ utilisateurId: utilisateur.id, type: p.type, code: p.code })));
    }
    const resultat: Utilisateur = { ...utilisateur, role, perimetres: [...params.perimetres] };
    await tx.insert(journalAudit).values({
      acteur: params.acteur,
      action: "utilisateur.creer",
      cible: `utilisateur:${utilisateur.id}`,
      avant: null,
      apres: { email: resultat.email, role, perimetres: resultat.perimetres, actif: true },
      le: params.maintenant,
    });
    return resultat;
  });
  return succes(cree);
}

/** A single-use login link for a known, active account; null otherwise. */
/** Where a link may lead after login: a path of this site only (never another host). */
export function suiteValide(suite: unknown): string | null {
  if (typeof suite !== "string" || suite.length > 300) return null;
  // Printable URL characters only (browsers drop tabs and newlines: "/\t/ailleurs" would become "//ailleurs").
  if (!/^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/.test(suite)) return null;
  return suite.startsWith("//") ? null : suite;
}

export async function emettreLienDeConnexion(params: {
  db: Executeur;
  email: string;
  maintenant: Date;
  urlDeBase: string;
  /** The page to open after login (a path of this site). */
  suite?: string;
}): Promise<{ lien: string; expireLe: Date; email: string } | null> {
  const email = schemaEmail.safeParse(params.email);
  if (!email.success) return null;
  const utilisateur = await utilisateurParEmail(params.db, email.data);
  if (!utilisateur || !utilisateur.actif) return null;
  const jeton = secretAleatoire();
  const expireLe = new Date(params.maintenant.getTime() + DUREE_LIEN_MS);
  await params.db.insert(jetonsConnexion).values({ empreinte: empreinte(jeton), utilisateurId: utilisateur.id, creeLe: params.maintenant, expireLe });
  const lien = new URL("/connexion/lien", params.urlDeBase);
  lien.searchParams.set("jeton", jeton);
  const suite = suiteValide(params.suite);
  if (suite) lien.searchParams.set("suite", suite);
  return { lien: lien.toString(), expireLe, email: utilisateur.email };
}

/**
 * What the login form does: sends a link when the account exists, nothing otherwise. The caller
 * answers the same either way, so the form does not reveal who has an account.
 */
export async function demanderLienDeConnexion(params: {
  db: Executeur;
  email: string;
  maintenant: Date;
  urlDeBase: string;
  /** The client's address when known (X-Forwarded-For behind a reverse proxy). */
  client?: string | null;
  /** The page to open after login. */
  suite?: string;
  /** The public forms' persona pages: an unknown address gets a contact account (and its link). */
  creerUnContact?: boolean;
}): Promise<Resultat<void, "emailInvalide" | "tropDeDemandes">> {
  const email = schemaEmail.safeParse(params.email);
  if (!email.success) return echec("emailInvalide");
  // Counted before looking the account up: the answer says nothing about who has an account.
  if (params.client && !(await consommerQuota({ db: params.db, cle: cleDeQuota("lien-client", params.client), quota: QUOTA_LIENS_PAR_CLIENT, maintenant: params.maintenant }))) {
    return echec("tropDeDemandes");
  }
  if (!(await consommerQuota({ db: params.db, cle: cleDeQuota("lien-adresse", email.data), quota: QUOTA_LIENS_PAR_ADRESSE, maintenant: params.maintenant }))) {
    return echec("tropDeDemandes");
  }
  if (params.creerUnContact && !(await utilisateurParEmail(params.db, email.data))) {
    await inscrireContact(params.db, email.data, params.maintenant);
  }
  const emis = await emettreLienDeConnexion({ db: params.db, maintenant: params.maintenant, urlDeBase: params.urlDeBase, email: email.data, suite: params.suite });
  if (emis) {
    await ecrireCourriel({
      db: params.db,
      maintenant: params.maintenant,
      destinataire: emis.email,
      sujet: "Votre lien de connexion à l'Espace France Numérique Ensemble",
      texte: [
        "Bonjour,",
        "",
        "Pour vous connecter à l'Espace France Numérique Ensemble, ouvrez ce lien :",
        emis.lien,
        "",
        "Il ne sert qu'une fois et expire dans 15 minutes. Si vous n'avez pas demandé à vous connecter, ignorez ce message.",
      ].join("\n"),
    });
  }
  return succes(undefined);
}

/** A contact account, created by the persona pages of the public forms. Audited. */
async function inscrireContact(db: Executeur, email: string, maintenant: Date) {
  const [cree] = await db.insert(utilisateurs).values({ email, role: "contact", creeLe: maintenant }).onConflictDoNothing().returning({ id: utilisateurs.id });
  if (!cree) return;
  await db.insert(journalAudit).values({
    acteur: "formulaire-public",
    action: "utilisateur.creer",
    cible: `utilisateur:${cree.id}`,
    avant: null,
    apres: { email, role: "contact", perimetres: [], actif: true },
    le: maintenant,
  });
}

export type ErreurLien = "lienInconnu" | "lienDejaUtilise" | "lienExpire" | "compteDesactive";

/** Uses a link: opens a new session (a fresh identifier at every login). */
export async function utiliserLienDeConnexion(params: { connexion: Connexion; jeton: string; maintenant: Date }): Promise<Resultat<{ session: string; expireLe: Date }, ErreurLien>> {
  const { db } = params.connexion;
  return db.transaction(async (tx) => {
    const [jeton] = await tx.select().from(jetonsConnexion).where(eq(jetonsConnexion.empreinte, empreinte(params.jeton))).for("update");
    if (!jeton) return echec("lienInconnu");
    if (jeton.utiliseLe) return echec("lienDejaUtilise");
    if (jeton.expireLe <= params.maintenant) return echec("lienExpire");
    const [utilisateur] = await tx.select().from(utilisateurs).where(eq(utilisateurs.id, jeton.utilisateurId));
    if (!utilisateur?.actif) return echec("compteDesactive");
    await tx.update(jetonsConnexion).set({ utiliseLe: params.maintenant }).where(eq(jetonsConnexion.empreinte, jeton.empreinte));
    return succes(await ouvrirSession({ db: tx, utilisateurId: utilisateur.id, maintenant: params.maintenant }));
  });
}

/** A new session (a fresh identifier at every login, whatever the way in). */
export async function ouvrirSession(params: { db: Executeur; utilisateurId: string; maintenant: Date; jetonIdProconnect?: string }): Promise<{ session: string; expireLe: Date }> {
  const session = secretAleatoire();
  const expireLe = new Date(params.maintenant.getTime() + DUREE_SESSION_MS);
  await params.db.insert(sessions).values({
    empreinte: empreinte(session),
    utilisateurId: params.utilisateurId,
    creeLe: params.maintenant,
    expireLe,
    jetonIdProconnect: params.jetonIdProconnect ?? null,
  });
  await params.db.update(utilisateurs).set({ derniereConnexion: params.maintenant }).where(eq(utilisateurs.id, params.utilisateurId));
  return { session, expireLe };
}

export interface SessionOuverte {
  acteur: Acteur;
  utilisateur: Utilisateur;
}

/** The person behind a session identifier, when the session is open and the account active. */
export async function lireSession(params: { db: Executeur; session: string | undefined; maintenant: Date }): Promise<SessionOuverte | null> {
  if (!params.session) return null;
  const [ligne] = await params.db
    .select({ utilisateur: utilisateurs })
    .from(sessions)
    .innerJoin(utilisateurs, eq(utilisateurs.id, sessions.utilisateurId))
    .where(and(eq(sessions.empreinte, empreinte(params.session)), gt(sessions.expireLe, params.maintenant), eq(utilisateurs.actif, true)));
  if (!ligne) return null;
  const u = ligne.utilisateur;
  if (!estRole(u.role)) return null;
  const perimetres = await perimetresDe(params.db, u.id);
  return { acteur: { id: u.id, role: u.role, perimetres }, utilisateur: { ...u, role: u.role, perimetres } };
}

/** Closes a session; returns the ProConnect ID token when it was opened through ProConnect (for the logout there). */
export async function fermerSession(params: { db: Executeur; session: string | undefined }): Promise<{ jetonIdProconnect: string | null } | null> {
  if (!params.session) return null;
  const [fermee] = await params.db
    .delete(sessions)
    .where(eq(sessions.empreinte, empreinte(params.session)))
    .returning({ jetonIdProconnect: sessions.jetonIdProconnect });
  return fermee ?? null;
}

/** "Se déconnecter de tous les appareils". */
export async function fermerToutesLesSessions(params: { db: Executeur; utilisateurId: string }) {
  await params.db.delete(sessions).where(eq(sessions.utilisateurId, params.utilisateurId));
}

/** Removes expired sessions and links (run by the scheduled jobs later). */
export async function purgerIdentifiantsExpires(params: { db: Executeur; maintenant: Date }) {
  await params.db.delete(sessions).where(lte(sessions.expireLe, params.maintenant));
  await params.db.delete(jetonsConnexion).where(and(lte(jetonsConnexion.expireLe, params.maintenant), isNull(jetonsConnexion.utiliseLe)));
}
