import { connexionApplication } from "@/db/connexion-application";
import { etatDeSante } from "@/services/sante";
import { reponseJson } from "../reponses";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return reponseJson(await etatDeSante(await connexionApplication()));
  } catch (erreur) {
    console.error(`[efne] Santé : ${(erreur as Error).message}`);
    return reponseJson({ statut: "indisponible", erreur: "La base de données ne répond pas." }, { status: 503 });
  }
}
