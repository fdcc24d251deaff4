import { after } from "next/server";
import { connexionApplication } from "@/db/connexion-application";
import { envoyerCourrielsEnAttente, expediteurConfigure } from "@/services/courriels";

/**
 * Hands the outbox to the mail server once the answer has left (when SMTP_URL is set): the time a
 * request takes does not depend on whether it wrote a message.
 */
export function envoyerLesCourrielsApresLaReponse() {
  const expediteur = expediteurConfigure();
  if (!expediteur) return;
  after(async () => {
    const { db } = await connexionApplication();
    await envoyerCourrielsEnAttente({ db, expediteur, maintenant: new Date() });
  });
}
