import { connexionApplication } from "@/db/connexion-application";
import { versApiNational } from "@/domain/donnees/tableau-de-bord";
import { tableauDeBordNational } from "@/services/tableau-de-bord";
import { reponseJson } from "../../../reponses";

export const dynamic = "force-dynamic";

/** The national dashboard, each figure with its source and date, and a line per département. */
export async function GET() {
  const { db } = await connexionApplication();
  return reponseJson(versApiNational(await tableauDeBordNational(db)));
}
