import { connexionApplication } from "@/db/connexion-application";
import type { Acteur } from "@/domain/identite/roles";
import { exporterBesoinsNationaux } from "@/services/besoins-nationaux";
import { reponseErreur } from "../../../api/reponses";
import { sessionCourante } from "../../../session";

/*
 * The national downloads of the besoins en ingénierie financière (/gouvernances/national/besoins.csv
 * and .xlsx): the permission policy decides (lireEspaceNational), then the file. Separated from the
 * route files so tests call it with an actor.
 */

const TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

export async function repondreExportBesoins(p: { acteur: Acteur | null; format: "csv" | "xlsx"; url: string; maintenant: Date }): Promise<Response> {
  const { db } = await connexionApplication();
  const separateur = new URL(p.url).searchParams.get("separateur") ?? undefined;
  const fichier = await exporterBesoinsNationaux({ db, acteur: p.acteur, format: p.format, separateur, maintenant: p.maintenant });
  if (!fichier.ok) {
    if (fichier.erreur === "nonConnecte") return reponseErreur(401, "Connexion requise : connectez-vous pour télécharger les besoins.");
    if (fichier.erreur === "nonAutorise") return reponseErreur(403, "Votre compte ne donne pas accès aux besoins de tous les départements.");
    return reponseErreur(400, "Le paramètre separateur vaut « point-virgule » ou « virgule ».");
  }
  return new Response(fichier.valeur.contenu as BodyInit, {
    status: 200,
    headers: {
      "content-type": TYPES[p.format],
      "content-disposition": `attachment; filename="${fichier.valeur.nom}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** The GET of a route file: the session's actor, then repondreExportBesoins. */
export function routeExportBesoins(format: "csv" | "xlsx") {
  return async (requete: Request) => {
    const session = await sessionCourante();
    return repondreExportBesoins({ acteur: session?.acteur ?? null, format, url: requete.url, maintenant: new Date() });
  };
}
