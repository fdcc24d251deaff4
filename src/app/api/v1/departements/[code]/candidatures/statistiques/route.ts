import { connexionApplication } from "@/db/connexion-application";
import { statistiquesDuDepartement } from "@/services/manifestations";
import { messageErreur } from "@/ui/messages-erreur";
import { reponseErreur, reponseJson } from "../../../../../reponses";

export const dynamic = "force-dynamic";

/** Public aggregates only: counts of distinct organisations, never a name or a contact. */
export async function GET(_requete: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { db } = await connexionApplication();
  const resultat = await statistiquesDuDepartement(db, code);
  if (!resultat.ok) return reponseErreur(resultat.erreur === "departementInconnu" ? 404 : 400, messageErreur(resultat.erreur, { code }));
  return reponseJson(resultat.valeur);
}
