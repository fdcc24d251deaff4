import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { demandesAcces, journalAudit, perimetresUtilisateurs, sessions, utilisateurs } from "@/db/schema";
import { estRole, perimetresValides, ROLES, type Acteur, type Perimetre, type Role } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { ecrireCourriel } from "./courriels";
import { peutAdministrer } from "./espaces";
import { creerUtilisateur, territoireInconnu, type ErreurCreationUtilisateur, type Utilisateur } from "./identite";

/*
 * User administration (/administration/utilisateurs), for administrators only: every function asks
 * the permission policy first. Every change is written to the audit trail with before and after.
 */

type Refus = "nonConnecte" | "nonAutorise";

export interface LigneUtilisateur extends Utilisateur {
  creeLe: Date;
  derniereConnexion: Date | null;
}

export const UTILISATEURS_PAR_PAGE = 50;

/** The roles an administrator may give (contact accounts come from the public forms). */
export const ROLES_ATTRIBUABLES = ROLES.filter((r): r is Exclude<Role, "contact"> => r !== "contact");

/** The access fields of the invitation and change forms, as they come from the browser. */
export const schemaAcces = z
  .object({
    role: z.string().refine((r) => (ROLES_ATTRIBUABLES as readonly string[]).includes(r), { error: "Choisissez un rôle." }),
    departements: z.array(z.string().trim().max(3)).max(200).default([]),
    regions: z.array(z.string().trim().max(3)).max(50).default([]),
  })
  .transform(({ role, departements, regions }) => {
    const perimetres: Perimetre[] =
      role === "prefecture-departement"
        ? [...new Set(departements)].map((code) => ({ type: "departement", code }))
        : role === "prefecture-region"
          ? [...new Set(regions)].map((code) => ({ type: "region", code }))
          : [];
    return { role: role as Role, perimetres };
  });

const nomFacultatif = z
  .string()
  .trim()
  .max(100, { error: "100 caractères au plus." })
  .optional()
  .transform((v) => v || undefined);

export const schemaInvitation = z.object({ email: z.string(), prenom: nomFacultatif, nom: nomFacultatif }).and(schemaAcces);

async function avecPerimetres(db: Executeur, lignes: Array<typeof utilisateurs.$inferSelect>): Promise<LigneUtilisateur[]> {
  const ids = lignes.map((l) => l.id);
  const perimetres = ids.length
    ? await db.select().from(perimetresUtilisateurs).where(inArray(perimetresUtilisateurs.utilisateurId, ids))
    : [];
  return lignes.map((l) => ({
    id: l.id,
    email: l.email,
    prenom: l.prenom,
    nom: l.nom,
    role: estRole(l.role) ? l.role : "contact",
    actif: l.actif,
    creeLe: l.creeLe,
    derniereConnexion: l.derniereConnexion,
    perimetres: perimetres
      .filter((p) => p.utilisateurId === l.id)
      .map((p) => ({ type: p.type as Perimetre["type"], code: p.code }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  }));
}

/** Lists accounts, newest first, with a search on e-mail and names and a filter by role. */
export async function listerUtilisateurs(params: {
  db: Executeur;
  acteur: Acteur | null;
  recherche?: string;
  role?: string;
  page?: number;
}): Promise<Resultat<{ utilisateurs: LigneUtilisateur[]; total: number; page: number; pages: number }, Refus>> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const conditions: SQL[] = [];
  const recherche = (params.recherche ?? "").trim().slice(0, 100);
  if (recherche) {
    const motif = `%${recherche.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(utilisateurs.email, motif), ilike(utilisateurs.nom, motif), ilike(utilisateurs.prenom, motif)) as SQL);
  }
  if (params.role && estRole(params.role)) conditions.push(eq(utilisateurs.role, params.role));
  const filtre = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = (await params.db.select({ total: count() }).from(utilisateurs).where(filtre)) as [{ total: number | string }];
  const nombre = Number(total);
  const pages = Math.max(1, Math.ceil(nombre / UTILISATEURS_PAR_PAGE));
  const page = Math.min(Math.max(1, Math.floor(params.page ?? 1) || 1), pages);
  const lignes = await params.db
    .select()
    .from(utilisateurs)
    .where(filtre)
    .orderBy(desc(utilisateurs.creeLe), utilisateurs.email)
    .limit(UTILISATEURS_PAR_PAGE)
    .offset((page - 1) * UTILISATEURS_PAR_PAGE);
  return succes({ utilisateurs: await avecPerimetres(params.db, lignes), total: nombre, page, pages });
}

export async function obtenirUtilisateur(params: { db: Executeur; acteur: Acteur | null; id: string }): Promise<Resultat<LigneUtilisateur, Refus | "utilisateurInconnu">> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  if (!z.uuid().safeParse(params.id).success) return echec("utilisateurInconnu");
  const [ligne] = await params.db.select().from(utilisateurs).where(eq(utilisateurs.id, params.id));
  if (!ligne) return echec("utilisateurInconnu");
  const [resultat] = await avecPerimetres(params.db, [ligne]);
  return succes(resultat as LigneUtilisateur);
}

/**
 * Invites a person: creates the account with its role and scopes and writes the invitation mail.
 * The person then logs in with ProConnect or asks a link on /connexion. Pending access requests of
 * that address are marked as handled.
 */
export async function inviterUtilisateur(params: {
  connexion: Connexion;
  acteur: Acteur | null;
  donnees: unknown;
  maintenant: Date;
  urlDeBase: string;
}): Promise<Resultat<Utilisateur, Refus | "formulaireInvalide" | ErreurCreationUtilisateur>> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const acteur = params.acteur as Acteur;
  const lu = schemaInvitation.safeParse(params.donnees);
  if (!lu.success) return echec("formulaireInvalide", { detail: lu.error.issues[0]?.message ?? "" });
  const { email, prenom, nom, role, perimetres } = lu.data;
  const cree = await creerUtilisateur({ connexion: params.connexion, acteur: acteur.id, email, role, perimetres, prenom, nom, maintenant: params.maintenant });
  if (!cree.ok) return cree;
  const utilisateur = cree.valeur;
  const { db } = params.connexion;
  await ecrireCourriel({
    db,
    maintenant: params.maintenant,
    destinataire: utilisateur.email,
    sujet: "Vous êtes invité(e) sur l'Espace France Numérique Ensemble",
    texte: [
      "Bonjour,",
      "",
      "L'équipe nationale France Numérique Ensemble vous a ouvert un accès à l'Espace France Numérique Ensemble.",
      "",
      `Pour vous connecter, ouvrez ${new URL("/connexion", params.urlDeBase).toString()}`,
      "puis choisissez ProConnect (agents de l'État) ou demandez un lien de connexion à cette adresse e-mail.",
    ].join("\n"),
  });
  await db
    .update(demandesAcces)
    .set({ traiteeLe: params.maintenant, traiteePar: acteur.id })
    .where(and(eq(demandesAcces.email, utilisateur.email), isNull(demandesAcces.traiteeLe)));
  return succes(utilisateur);
}

/** Changes the role and scopes of an account. An administrator cannot change their own role. */
export async function modifierAcces(params: {
  connexion: Connexion;
  acteur: Acteur | null;
  id: string;
  donnees: unknown;
  maintenant: Date;
}): Promise<Resultat<LigneUtilisateur, Refus | "utilisateurInconnu" | "formulaireInvalide" | "perimetresInvalides" | "territoireInconnu" | "modificationDeSoiMeme">> {
  const actuel = await obtenirUtilisateur({ db: params.connexion.db, acteur: params.acteur, id: params.id });
  if (!actuel.ok) return actuel;
  const acteur = params.acteur as Acteur;
  const lu = schemaAcces.safeParse(params.donnees);
  if (!lu.success) return echec("formulaireInvalide", { detail: lu.error.issues[0]?.message ?? "" });
  const { role, perimetres } = lu.data;
  if (actuel.valeur.id === acteur.id && role !== actuel.valeur.role) return echec("modificationDeSoiMeme");
  if (!perimetresValides(role, perimetres)) return echec("perimetresInvalides", { role });
  const inconnu = await territoireInconnu(params.connexion.db, perimetres);
  if (inconnu) return echec("territoireInconnu", { ...inconnu });
  const avant = { role: actuel.valeur.role, perimetres: actuel.valeur.perimetres };
  const apres = { role, perimetres: [...perimetres].sort((a, b) => a.code.localeCompare(b.code)) };
  if (JSON.stringify(avant) === JSON.stringify(apres)) return actuel;
  await params.connexion.db.transaction(async (tx) => {
    await tx.update(utilisateurs).set({ role }).where(eq(utilisateurs.id, params.id));
    await tx.delete(perimetresUtilisateurs).where(eq(perimetresUtilisateurs.utilisateurId, params.id));
    if (perimetres.length > 0) {
      await tx.insert(perimetresUtilisateurs).values(perimetres.map((p) => ({ utilisateurId: params.id, type: p.type, code: p.code })));
    }
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "utilisateur.modifierAcces", cible: `utilisateur:${params.id}`, avant, apres, le: params.maintenant });
  });
  return succes({ ...actuel.valeur, ...apres });
}

/** Deactivates (closing every session at once) or reactivates an account. Not one's own. */
export async function changerEtatUtilisateur(params: {
  connexion: Connexion;
  acteur: Acteur | null;
  id: string;
  actif: boolean;
  maintenant: Date;
}): Promise<Resultat<LigneUtilisateur, Refus | "utilisateurInconnu" | "modificationDeSoiMeme">> {
  const actuel = await obtenirUtilisateur({ db: params.connexion.db, acteur: params.acteur, id: params.id });
  if (!actuel.ok) return actuel;
  const acteur = params.acteur as Acteur;
  if (actuel.valeur.id === acteur.id) return echec("modificationDeSoiMeme");
  if (actuel.valeur.actif === params.actif) return actuel;
  await params.connexion.db.transaction(async (tx) => {
    await tx.update(utilisateurs).set({ actif: params.actif }).where(eq(utilisateurs.id, params.id));
    if (!params.actif) await tx.delete(sessions).where(eq(sessions.utilisateurId, params.id));
    await tx.insert(journalAudit).values({
      acteur: acteur.id,
      action: params.actif ? "utilisateur.reactiver" : "utilisateur.desactiver",
      cible: `utilisateur:${params.id}`,
      avant: { actif: !params.actif },
      apres: { actif: params.actif },
      le: params.maintenant,
    });
  });
  return succes({ ...actuel.valeur, actif: params.actif });
}

export interface EntreeHistorique {
  id: string;
  action: string;
  /** The e-mail of the person who acted, or the name of the tool (command line, demonstration). */
  auteur: string;
  le: Date;
  avant: unknown;
  apres: unknown;
}

/** The audit trail of one account, newest first. */
export async function historiqueUtilisateur(params: { db: Executeur; acteur: Acteur | null; id: string }): Promise<Resultat<EntreeHistorique[], Refus | "utilisateurInconnu">> {
  const actuel = await obtenirUtilisateur(params);
  if (!actuel.ok) return actuel;
  const lignes = await params.db
    .select()
    .from(journalAudit)
    .where(eq(journalAudit.cible, `utilisateur:${params.id}`))
    .orderBy(desc(journalAudit.le));
  const idsAuteurs = [...new Set(lignes.map((l) => l.acteur).filter((a) => z.uuid().safeParse(a).success))];
  const auteurs = idsAuteurs.length
    ? await params.db.select({ id: utilisateurs.id, email: utilisateurs.email }).from(utilisateurs).where(inArray(utilisateurs.id, idsAuteurs))
    : [];
  const emailDe = new Map(auteurs.map((a) => [a.id, a.email]));
  return succes(lignes.map((l) => ({ id: l.id, action: l.action, auteur: emailDe.get(l.acteur) ?? l.acteur, le: l.le, avant: l.avant, apres: l.apres })));
}

export interface DemandeAcces {
  id: string;
  email: string;
  prenom: string | null;
  nom: string | null;
  siret: string | null;
  message: string | null;
  demandeeLe: Date;
}

/** Access requests sent by people ProConnect identified, not handled yet (oldest first). */
export async function listerDemandesAcces(params: { db: Executeur; acteur: Acteur | null }): Promise<Resultat<DemandeAcces[], Refus>> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const lignes = await params.db
    .select()
    .from(demandesAcces)
    .where(and(isNotNull(demandesAcces.demandeeLe), isNull(demandesAcces.traiteeLe)))
    .orderBy(demandesAcces.demandeeLe);
  return succes(lignes.map((l) => ({ id: l.id, email: l.email, prenom: l.prenom, nom: l.nom, siret: l.siret, message: l.message, demandeeLe: l.demandeeLe as Date })));
}

