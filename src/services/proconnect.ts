import { and, eq, gt, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { autorisationsProconnect, demandesAcces, journalAudit, utilisateurs } from "@/db/schema";
import { echec, succes, type Resultat } from "@/domain/resultat";
import {
  ErreurProConnect,
  parametresProConnect,
  preparerAutorisation,
  terminerAutorisation,
  urlDeDeconnexion,
  type ParametresProConnect,
} from "@/integrations/proconnect/proconnect";
import { ecrireCourriel } from "./courriels";
import { empreinte, ouvrirSession, secretAleatoire } from "./identite";

/*
 * Login through ProConnect. The browser holds the state (a cookie); the PKCE verifier and the nonce
 * wait in the database under the state's hash, so any app instance can finish the login. A person
 * ProConnect identified who has no account lands on "Accès non encore attribué" and may ask the
 * administrators for access once.
 */

export type { ParametresProConnect };

/** ProConnect's settings (PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET), or null when it is not configured. */
export function configurationProConnect(env: Record<string, string | undefined> = process.env): ParametresProConnect | null {
  return parametresProConnect(env);
}

/** How long the provider may take to send the person back. */
export const DUREE_AUTORISATION_MS = 10 * 60 * 1000;
/** How long the "Accès non encore attribué" page stays usable after the ProConnect login. */
export const DUREE_DEMANDE_ACCES_MS = 60 * 60 * 1000;

export async function commencerConnexionProConnect(params: {
  db: Executeur;
  parametres: ParametresProConnect;
  urlDeRetour: string;
  maintenant: Date;
}): Promise<Resultat<{ url: string; etat: string }, ErreurProConnect["code"]>> {
  try {
    const autorisation = await preparerAutorisation({ parametres: params.parametres, urlDeRetour: params.urlDeRetour });
    await params.db.delete(autorisationsProconnect).where(lte(autorisationsProconnect.expireLe, params.maintenant));
    await params.db.insert(autorisationsProconnect).values({
      empreinte: empreinte(autorisation.etat),
      verificateur: autorisation.verificateur,
      nonce: autorisation.nonce,
      creeLe: params.maintenant,
      expireLe: new Date(params.maintenant.getTime() + DUREE_AUTORISATION_MS),
    });
    return succes({ url: autorisation.url, etat: autorisation.etat });
  } catch (erreur) {
    if (erreur instanceof ErreurProConnect) return echec(erreur.code);
    throw erreur;
  }
}

export type IssueProConnect = { type: "session"; session: string; expireLe: Date } | { type: "accesNonAttribue"; jeton: string; expireLe: Date };
export type ErreurConnexionProConnect = ErreurProConnect["code"] | "etatInconnu" | "compteDesactive";

export async function terminerConnexionProConnect(params: {
  connexion: Connexion;
  parametres: ParametresProConnect;
  /** The address the provider sent the browser back to (code, state). */
  urlCourante: URL;
  /** The state the browser kept in its cookie. */
  etat: string | undefined;
  maintenant: Date;
}): Promise<Resultat<IssueProConnect, ErreurConnexionProConnect>> {
  if (params.urlCourante.searchParams.has("error")) return echec("refuseParLeFournisseur");
  if (!params.etat) return echec("etatInconnu");
  const { db } = params.connexion;
  // Single use: the pending login is removed whatever happens next.
  const [attente] = await db.delete(autorisationsProconnect).where(eq(autorisationsProconnect.empreinte, empreinte(params.etat))).returning();
  if (!attente || attente.expireLe <= params.maintenant) return echec("etatInconnu");

  let identite;
  try {
    identite = await terminerAutorisation({
      parametres: params.parametres,
      urlCourante: params.urlCourante,
      etat: params.etat,
      nonce: attente.nonce,
      verificateur: attente.verificateur,
    });
  } catch (erreur) {
    if (erreur instanceof ErreurProConnect) return echec(erreur.code);
    throw erreur;
  }

  return db.transaction(async (tx) => {
    // The account bound to this ProConnect identity, else the one invited at this address and not bound yet.
    const candidats = await tx
      .select()
      .from(utilisateurs)
      .where(or(eq(utilisateurs.proconnectSub, identite.sub), eq(utilisateurs.email, identite.email)));
    const compte = candidats.find((c) => c.proconnectSub === identite.sub) ?? candidats.find((c) => c.email === identite.email && c.proconnectSub === null);
    if (compte && !compte.actif) return echec("compteDesactive");
    if (compte) {
      if (compte.proconnectSub === null) {
        await tx.update(utilisateurs).set({ proconnectSub: identite.sub }).where(eq(utilisateurs.id, compte.id));
        await tx.insert(journalAudit).values({
          acteur: compte.id,
          action: "utilisateur.lierProConnect",
          cible: `utilisateur:${compte.id}`,
          avant: null,
          apres: { proconnect: true },
          le: params.maintenant,
        });
      }
      const ouverte = await ouvrirSession({ db: tx, utilisateurId: compte.id, maintenant: params.maintenant, jetonIdProconnect: identite.idToken });
      return succes({ type: "session" as const, ...ouverte });
    }
    const jeton = secretAleatoire();
    const expireLe = new Date(params.maintenant.getTime() + DUREE_DEMANDE_ACCES_MS);
    await tx.insert(demandesAcces).values({
      empreinte: empreinte(jeton),
      sub: identite.sub,
      email: identite.email,
      prenom: identite.prenom,
      nom: identite.nom,
      siret: identite.siret,
      creeLe: params.maintenant,
      expireLe,
    });
    return succes({ type: "accesNonAttribue" as const, jeton, expireLe });
  });
}

/** Where to send the browser to log out at the provider too (sessions opened through ProConnect). */
export async function deconnexionChezLeFournisseur(params: {
  parametres: ParametresProConnect | null;
  jetonIdProconnect: string | null | undefined;
  urlDeRetour: string;
}): Promise<string | null> {
  if (!params.parametres || !params.jetonIdProconnect) return null;
  try {
    return await urlDeDeconnexion({ parametres: params.parametres, idToken: params.jetonIdProconnect, urlDeRetour: params.urlDeRetour, etat: secretAleatoire() });
  } catch (erreur) {
    // The local session is closed anyway; the provider's one ends on its own.
    if (erreur instanceof ErreurProConnect) return null;
    throw erreur;
  }
}

export interface IdentiteEnAttente {
  email: string;
  prenom: string | null;
  nom: string | null;
  siret: string | null;
  demandeeLe: Date | null;
}

/** The person behind an "Accès non encore attribué" token, while it is valid. */
export async function lireDemandeAcces(params: { db: Executeur; jeton: string | undefined; maintenant: Date }): Promise<IdentiteEnAttente | null> {
  if (!params.jeton) return null;
  const [ligne] = await params.db
    .select()
    .from(demandesAcces)
    .where(and(eq(demandesAcces.empreinte, empreinte(params.jeton)), gt(demandesAcces.expireLe, params.maintenant)));
  return ligne ? { email: ligne.email, prenom: ligne.prenom, nom: ligne.nom, siret: ligne.siret, demandeeLe: ligne.demandeeLe } : null;
}

export const schemaMessageDemande = z
  .string()
  .trim()
  .max(1000, { error: "Votre message dépasse 1 000 caractères." })
  .optional()
  .transform((v) => v || null);

/** Sends the access request to every active administrator, once per ProConnect login. */
export async function envoyerDemandeAcces(params: {
  db: Executeur;
  jeton: string | undefined;
  message: unknown;
  maintenant: Date;
  urlDeBase: string;
}): Promise<Resultat<void, "demandeInconnue" | "demandeDejaEnvoyee" | "formulaireInvalide">> {
  const message = schemaMessageDemande.safeParse(params.message ?? undefined);
  if (!message.success) return echec("formulaireInvalide", { detail: message.error.issues[0]?.message ?? "" });
  if (!params.jeton) return echec("demandeInconnue");
  const [demande] = await params.db
    .select()
    .from(demandesAcces)
    .where(and(eq(demandesAcces.empreinte, empreinte(params.jeton)), gt(demandesAcces.expireLe, params.maintenant)));
  if (!demande) return echec("demandeInconnue");
  if (demande.demandeeLe) return echec("demandeDejaEnvoyee");
  await params.db.update(demandesAcces).set({ demandeeLe: params.maintenant, message: message.data }).where(eq(demandesAcces.id, demande.id));
  await params.db.insert(journalAudit).values({
    acteur: `proconnect:${demande.email}`,
    action: "demandeAcces.envoyer",
    cible: `demande-acces:${demande.id}`,
    avant: null,
    apres: { email: demande.email, siret: demande.siret, message: message.data },
    le: params.maintenant,
  });
  const administrateurs = await params.db
    .select({ email: utilisateurs.email })
    .from(utilisateurs)
    .where(and(eq(utilisateurs.role, "administrateur"), eq(utilisateurs.actif, true)));
  const qui = [demande.prenom, demande.nom].filter(Boolean).join(" ") || demande.email;
  for (const { email } of administrateurs) {
    await ecrireCourriel({
      db: params.db,
      maintenant: params.maintenant,
      destinataire: email,
      sujet: `Demande d'accès de ${qui}`,
      texte: [
        "Bonjour,",
        "",
        `${qui} (${demande.email}${demande.siret ? `, SIRET ${demande.siret}` : ""}) s'est identifié(e) avec ProConnect et demande un accès à l'Espace France Numérique Ensemble.`,
        ...(message.data ? ["", "Son message :", message.data] : []),
        "",
        `Pour lui attribuer un rôle et un périmètre : ${new URL("/administration/utilisateurs", params.urlDeBase).toString()}`,
      ].join("\n"),
    });
  }
  return succes(undefined);
}
