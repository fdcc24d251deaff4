"use server";

import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { configurationProConnect, deconnexionChezLeFournisseur } from "@/services/proconnect";
import { changerAbonnementResumes } from "@/services/resumes";
import { suiteValide, demanderLienDeConnexion, fermerSession, fermerToutesLesSessions, utiliserLienDeConnexion } from "@/services/identite";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../courrier";
import { adresseDuClient, identifiantDeSession, poserCookieDeSession, retirerCookieDeSession, sessionCourante, urlDuSite } from "../session";

export interface EtatFormulaireConnexion {
  erreur?: string;
  email?: string;
}

export async function demanderLien(_etat: EtatFormulaireConnexion, donnees: FormData): Promise<EtatFormulaireConnexion> {
  const email = String(donnees.get("email") ?? "");
  const { db } = await connexionApplication();
  const resultat = await demanderLienDeConnexion({ db, email, maintenant: new Date(), urlDeBase: await urlDuSite(), client: await adresseDuClient() });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur), email };
  envoyerLesCourrielsApresLaReponse();
  redirect("/connexion/verification");
}

export async function seConnecter(donnees: FormData) {
  const jeton = String(donnees.get("jeton") ?? "");
  const connexion = await connexionApplication();
  const resultat = await utiliserLienDeConnexion({ connexion, jeton, maintenant: new Date() });
  if (!resultat.ok) redirect(`/connexion/erreur?motif=${resultat.erreur}`);
  // A new identifier at every login; the previous session of this browser, if any, is closed.
  await fermerSession({ db: connexion.db, session: await identifiantDeSession() });
  await poserCookieDeSession(resultat.valeur.session);
  // Only a path of this site (the public forms bring the person back to their form).
  redirect(suiteValide(donnees.get("suite")) ?? "/profil");
}

export async function seDeconnecter() {
  const { db } = await connexionApplication();
  const fermee = await fermerSession({ db, session: await identifiantDeSession() });
  await retirerCookieDeSession();
  // A session opened through ProConnect ends at the provider too, which then sends the browser home.
  const chezLeFournisseur = await deconnexionChezLeFournisseur({
    parametres: configurationProConnect(),
    jetonIdProconnect: fermee?.jetonIdProconnect,
    urlDeRetour: new URL("/", await urlDuSite()).toString(),
  });
  redirect(chezLeFournisseur ?? "/");
}

export async function seDeconnecterPartout() {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  if (session) await fermerToutesLesSessions({ db, utilisateurId: session.utilisateur.id });
  await retirerCookieDeSession();
  redirect("/");
}

export async function changerResumes(donnees: FormData) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await changerAbonnementResumes({ db, acteur: session?.acteur ?? null, recevoir: donnees.get("recevoir") === "on" });
  if (!resultat.ok && resultat.erreur === "nonConnecte") redirect("/connexion");
  redirect("/profil");
}
