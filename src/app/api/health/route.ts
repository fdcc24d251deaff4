import { connexionApplication } from "@/db/connexion-application";
import { nombreDeMigrations } from "@/db/migrer";
import { reponseJson } from "../reponses";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const connexion = await connexionApplication();
    const migrations = await nombreDeMigrations(connexion.db);
    return reponseJson({ statut: "ok", baseDeDonnees: connexion.type, migrations });
  } catch (erreur) {
    console.error(`[efne] Santé : ${(erreur as Error).message}`);
    return reponseJson({ statut: "indisponible", erreur: "La base de données ne répond pas." }, { status: 503 });
  }
}
