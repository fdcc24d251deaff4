"use server";

import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { demanderLienDeConnexion } from "@/services/identite";
import {
  brouillonDepuisChamps,
  choisirIntention,
  commencerFormulaire,
  effacerFormulaire,
  enregistrerBrouillon,
  envoyerParticipation,
  rechercheEntreprisesConfiguree,
  type ErreursDeChamps,
} from "@/services/manifestations";
import { estPersona } from "@/domain/candidatures/personas";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../courrier";
import { adresseDuClient, sessionCourante, urlDuSite } from "../session";

/*
 * The public forms' actions. The services check who owns the form and validate every field; the
 * browser's word is never taken.
 */

import type { EtatFormulaireConnexion } from "../connexion/actions";

/** Persona page, not logged in: a login link that brings the person back to the form (account created if needed). */
export async function recevoirUnLien(persona: string, _etat: EtatFormulaireConnexion, donnees: FormData): Promise<EtatFormulaireConnexion> {
  if (!estPersona(persona)) return { erreur: messageErreur("personaInconnue") };
  const email = String(donnees.get("email") ?? "");
  const { db } = await connexionApplication();
  const resultat = await demanderLienDeConnexion({
    db,
    email,
    maintenant: new Date(),
    urlDeBase: await urlDuSite(),
    client: await adresseDuClient(),
    suite: `/gouvernance/formulaire?persona=${persona}`,
    creerUnContact: true,
  });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur), email };
  envoyerLesCourrielsApresLaReponse();
  redirect("/connexion/verification");
}

export async function commencer(donnees: FormData) {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const { db } = await connexionApplication();
  const resultat = await commencerFormulaire({ db, acteur: session.acteur, persona: donnees.get("persona"), maintenant: new Date() });
  if (!resultat.ok) redirect(`/gouvernance/formulaire?erreur=${resultat.erreur}`);
  redirect("/gouvernance/formulaire");
}

export async function choisirLIntention(id: string, donnees: FormData) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await choisirIntention({ db, acteur: session?.acteur ?? null, id, intention: donnees.get("intention"), maintenant: new Date() });
  if (!resultat.ok) redirect(`/gouvernance/formulaire?erreur=${resultat.erreur}`);
  redirect("/gouvernance/formulaire");
}

/** Automatic save, called by the page as the person types. */
export async function enregistrer(id: string, brouillon: unknown): Promise<{ ok: true; le: string } | { ok: false; erreur: string }> {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await enregistrerBrouillon({ db, acteur: session?.acteur ?? null, id, brouillon, maintenant: new Date() });
  if (!resultat.ok) return { ok: false, erreur: messageErreur(resultat.erreur, resultat.details) };
  return { ok: true, le: resultat.valeur.modifieLe.toISOString() };
}

export interface EtatEnvoi {
  erreur?: string;
  erreurs?: ErreursDeChamps;
}

export async function envoyer(id: string, _etat: EtatEnvoi, donnees: FormData): Promise<EtatEnvoi> {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const resultat = await envoyerParticipation({
    connexion: await connexionApplication(),
    acteur: session.acteur,
    email: session.utilisateur.email,
    id,
    brouillon: brouillonDepuisChamps(donnees.entries()),
    maintenant: new Date(),
    rechercherEntreprise: rechercheEntreprisesConfiguree(),
  });
  if (!resultat.ok) {
    const erreurs = (resultat.details?.erreurs as ErreursDeChamps | undefined) ?? undefined;
    return { erreur: messageErreur(resultat.erreur, resultat.details), erreurs };
  }
  envoyerLesCourrielsApresLaReponse();
  redirect("/gouvernance/formulaire");
}

export async function effacer(id: string) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  await effacerFormulaire({ db, acteur: session?.acteur ?? null, id, maintenant: new Date() });
  redirect("/gouvernance");
}
