import { connexionApplication } from "@/db/connexion-application";
import { listerDepartements } from "@/services/territoires";
import { reponseErreur, reponseJson } from "../../../reponses";

export const dynamic = "force-dynamic";

export async function GET(requete: Request) {
  const parametre = new URL(requete.url).searchParams.get("inclureOutreMer");
  if (parametre !== null && parametre !== "true" && parametre !== "false") {
    return reponseErreur(400, "Le paramètre inclureOutreMer vaut « true » ou « false ».");
  }
  const { db } = await connexionApplication();
  return reponseJson(await listerDepartements(db, { inclureOutreMer: parametre === "true" }));
}
