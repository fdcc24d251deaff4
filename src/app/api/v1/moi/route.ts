import { peut } from "@/domain/identite/permissions";
import { sessionCourante } from "../../../session";
import { reponseErreur, reponseJson } from "../../reponses";

export const dynamic = "force-dynamic";

export async function GET() {
  const session = await sessionCourante();
  if (!session || !peut(session.acteur, "lireSonProfil", { type: "national" })) {
    return reponseErreur(401, "Connexion requise : connectez-vous pour accéder à cette information.");
  }
  const { utilisateur } = session;
  return reponseJson({ email: utilisateur.email, nom: utilisateur.nom, prenom: utilisateur.prenom, role: utilisateur.role, perimetres: utilisateur.perimetres });
}
