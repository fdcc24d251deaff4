"use server";

import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { creerCampagne, prolongerDepartement } from "@/services/campagnes";
import { messageErreur } from "@/ui/messages-erreur";
import { sessionCourante } from "../../session";

/* "Campagnes": thin adapters; the services check the permission (administrer) and every value. */

const texte = (donnees: FormData, nom: string) => {
  const v = donnees.get(nom);
  return typeof v === "string" ? v.slice(0, 500) : "";
};
const retour = (parametres: Record<string, string>) => `/administration/campagnes?${new URLSearchParams(parametres).toString()}`;

export async function creerUneCampagne(donnees: FormData) {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const connexion = await connexionApplication();
  const r = await creerCampagne({ connexion, acteur: session.acteur, nom: texte(donnees, "nom"), ouverture: texte(donnees, "ouverture"), cloture: texte(donnees, "cloture"), maintenant: new Date() });
  redirect(r.ok ? retour({ succes: `Campagne « ${r.valeur.nom} » créée.` }) : retour({ erreur: messageErreur(r.erreur, r.details) }));
}

export async function prolongerUnDepartement(donnees: FormData) {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const connexion = await connexionApplication();
  const r = await prolongerDepartement({ connexion, acteur: session.acteur, campagne: texte(donnees, "campagne"), code: texte(donnees, "departement").trim().toUpperCase(), jusquau: texte(donnees, "jusquau"), maintenant: new Date() });
  redirect(r.ok ? retour({ succes: "Prolongation enregistrée." }) : retour({ erreur: messageErreur(r.erreur, r.details) }));
}
