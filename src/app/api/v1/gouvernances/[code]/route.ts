import { connexionApplication } from "@/db/connexion-application";
import { gouvernancePublique } from "@/services/gouvernance-publique";
import { messageErreur } from "@/ui/messages-erreur";
import { reponseErreur, reponseJson } from "../../../reponses";

export const dynamic = "force-dynamic";

/**
 * The public view of a département's gouvernance once déposée or validée (never the sous-préfet's
 * contact nor the note de contexte); before that, 200 with its state and `public: false`.
 */
export async function GET(_requete: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { db } = await connexionApplication();
  const resultat = await gouvernancePublique(db, code);
  if (!resultat.ok) return reponseErreur(resultat.erreur === "departementInconnu" ? 404 : 400, messageErreur(resultat.erreur, { code }));
  return reponseJson(resultat.valeur);
}
