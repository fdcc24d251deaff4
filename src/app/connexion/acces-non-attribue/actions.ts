"use server";

import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { envoyerDemandeAcces } from "@/services/proconnect";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../../courrier";
import { lireCookie, urlDuSite } from "../../session";

export interface EtatDemandeAcces {
  erreur?: string;
  message?: string;
}

export async function demanderUnAcces(_etat: EtatDemandeAcces, donnees: FormData): Promise<EtatDemandeAcces> {
  const message = donnees.get("message");
  const { db } = await connexionApplication();
  const resultat = await envoyerDemandeAcces({
    db,
    jeton: await lireCookie("efne_demande_acces"),
    message: typeof message === "string" ? message : undefined,
    maintenant: new Date(),
    urlDeBase: await urlDuSite(),
  });
  if (!resultat.ok) return { erreur: messageErreur(resultat.erreur, resultat.details), message: typeof message === "string" ? message : "" };
  envoyerLesCourrielsApresLaReponse();
  redirect("/connexion/acces-non-attribue?envoyee=1");
}
