import { connexionApplication } from "@/db/connexion-application";
import { versApiDepartement } from "@/domain/donnees/tableau-de-bord";
import { tableauDeBordDepartement } from "@/services/tableau-de-bord";
import { messageErreur } from "@/ui/messages-erreur";
import { reponseErreur, reponseJson } from "../../../../reponses";

export const dynamic = "force-dynamic";

/** The dashboard of a département, each figure with its source and date, and the IFN of its communes. */
export async function GET(_requete: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { db } = await connexionApplication();
  const resultat = await tableauDeBordDepartement(db, code);
  if (!resultat.ok) return reponseErreur(resultat.erreur === "departementInconnu" ? 404 : 400, messageErreur(resultat.erreur, { code }));
  return reponseJson(versApiDepartement(resultat.valeur));
}
