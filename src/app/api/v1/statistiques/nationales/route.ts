import { connexionApplication } from "@/db/connexion-application";
import { statistiquesNationales } from "@/services/espace-prefecture";
import { reponseJson } from "../../../reponses";

export const dynamic = "force-dynamic";

/** Public aggregates of the nation: distinct organisations by type, and the gouvernances by state. */
export async function GET() {
  const { db } = await connexionApplication();
  return reponseJson(await statistiquesNationales(db));
}
