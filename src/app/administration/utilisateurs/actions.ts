"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { changerEtatUtilisateur, inviterUtilisateur, modifierAcces } from "@/services/utilisateurs";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../../courrier";
import { sessionCourante, urlDuSite } from "../../session";

/*
 * The administrators' actions on accounts. The services check the permission policy and validate
 * every field: what the browser sends is never trusted.
 */

export interface EtatFormulaireAcces {
  erreur?: string;
  valeurs?: { email?: string; prenom?: string; nom?: string; role?: string; departements?: string[]; regions?: string[] };
}

const texte = (donnees: FormData, nom: string) => {
  const v = donnees.get(nom);
  return typeof v === "string" ? v : undefined;
};
const liste = (donnees: FormData, nom: string) => donnees.getAll(nom).filter((v): v is string => typeof v === "string");

function lireFormulaire(donnees: FormData) {
  return {
    email: texte(donnees, "email") ?? "",
    prenom: texte(donnees, "prenom"),
    nom: texte(donnees, "nom"),
    role: texte(donnees, "role") ?? "",
    departements: liste(donnees, "departements"),
    regions: liste(donnees, "regions"),
  };
}

export async function inviter(_etat: EtatFormulaireAcces, donnees: FormData): Promise<EtatFormulaireAcces> {
  const session = await sessionCourante();
  const valeurs = lireFormulaire(donnees);
  const resultat = await inviterUtilisateur({
    connexion: await connexionApplication(),
    acteur: session?.acteur ?? null,
    donnees: valeurs,
    maintenant: new Date(),
    urlDeBase: await urlDuSite(),
  });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur, resultat.details), valeurs };
  envoyerLesCourrielsApresLaReponse();
  redirect(`/administration/utilisateurs/${resultat.valeur.id}?invite=1`);
}

export async function modifier(id: string, _etat: EtatFormulaireAcces, donnees: FormData): Promise<EtatFormulaireAcces> {
  const session = await sessionCourante();
  const valeurs = lireFormulaire(donnees);
  const resultat = await modifierAcces({ connexion: await connexionApplication(), acteur: session?.acteur ?? null, id, donnees: valeurs, maintenant: new Date() });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur, resultat.details), valeurs };
  revalidatePath(`/administration/utilisateurs/${id}`);
  redirect(`/administration/utilisateurs/${id}?modifie=1`);
}

export async function changerEtat(id: string, actif: boolean): Promise<EtatFormulaireAcces> {
  const session = await sessionCourante();
  const resultat = await changerEtatUtilisateur({ connexion: await connexionApplication(), acteur: session?.acteur ?? null, id, actif, maintenant: new Date() });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur, resultat.details) };
  redirect(`/administration/utilisateurs/${id}?${actif ? "reactive" : "desactive"}=1`);
}
