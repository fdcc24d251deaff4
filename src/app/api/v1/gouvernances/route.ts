import { connexionApplication } from "@/db/connexion-application";
import { listeDesGouvernances } from "@/services/gouvernance-publique";
import { reponseJson } from "../../reponses";

export const dynamic = "force-dynamic";

/** Every département with the state of its gouvernance; the number of feuilles de route of the public ones. */
export async function GET() {
  const { db } = await connexionApplication();
  return reponseJson(await listeDesGouvernances(db));
}
