"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ajouterTaux, modifierTaux, supprimerTaux, type ChampTaux, type DonneesTaux, type ErreursChamps } from "@/services/diagnostic-publics";
import { messageErreur } from "@/ui/messages-erreur";
import { sessionCourante } from "../../../session";

/*
 * The national team's actions on the rates of the diagnostic des publics. The service checks the
 * permission policy and validates every field: what the browser sends is never trusted.
 */

export interface EtatFormulaireTaux {
  erreur?: string;
  champs?: ErreursChamps;
  valeurs?: DonneesTaux;
}

const CHAMPS: ChampTaux[] = ["libelle", "taux", "ageMin", "ageMax", "source", "annee", "lien", "ordre"];

function lireFormulaire(donnees: FormData): DonneesTaux {
  return Object.fromEntries(CHAMPS.map((c) => [c, typeof donnees.get(c) === "string" ? (donnees.get(c) as string).slice(0, 2000) : ""]));
}

const CHEMIN = "/administration/donnees/publics";

function enEtat(resultat: { erreur: Parameters<typeof messageErreur>[0]; details?: Record<string, unknown> }, valeurs: DonneesTaux): EtatFormulaireTaux {
  const champs = (resultat.details?.champs ?? undefined) as ErreursChamps | undefined;
  return {
    erreur: champs ? "Le formulaire contient des erreurs : corrigez les champs signalés." : messageErreur(resultat.erreur, resultat.details),
    champs,
    valeurs,
  };
}

export async function ajouter(_etat: EtatFormulaireTaux, donnees: FormData): Promise<EtatFormulaireTaux> {
  const session = await sessionCourante();
  const valeurs = lireFormulaire(donnees);
  const resultat = await ajouterTaux({ connexion: await connexionApplication(), acteur: session?.acteur ?? null, donnees: valeurs, maintenant: new Date() });
  if (!resultat.ok) return enEtat(resultat, valeurs);
  revalidatePath(CHEMIN);
  redirect(`${CHEMIN}?ajoute=1`);
}

export async function modifier(id: string, _etat: EtatFormulaireTaux, donnees: FormData): Promise<EtatFormulaireTaux> {
  const session = await sessionCourante();
  const valeurs = lireFormulaire(donnees);
  const version = donnees.get("version");
  const resultat = await modifierTaux({
    connexion: await connexionApplication(),
    acteur: session?.acteur ?? null,
    id,
    donnees: valeurs,
    version: typeof version === "string" ? version : undefined,
    maintenant: new Date(),
  });
  if (!resultat.ok) return enEtat(resultat, valeurs);
  revalidatePath(CHEMIN);
  redirect(`${CHEMIN}?modifie=1`);
}

export async function supprimer(id: string): Promise<EtatFormulaireTaux> {
  const session = await sessionCourante();
  const resultat = await supprimerTaux({ connexion: await connexionApplication(), acteur: session?.acteur ?? null, id, maintenant: new Date() });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur, resultat.details) };
  revalidatePath(CHEMIN);
  redirect(`${CHEMIN}?supprime=1`);
}
