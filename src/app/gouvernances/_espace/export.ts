import { connexionApplication } from "@/db/connexion-application";
import { nomDuFichier, SEPARATEURS, type Separateur } from "@/domain/exports/contacts";
import type { Acteur } from "@/domain/identite/roles";
import { ouvrirTerritoire, type DemandeTerritoire } from "@/services/espace-prefecture";
import { fluxCsv, fluxXlsx } from "@/services/exports";
import { reponseErreur } from "../../api/reponses";
import { sessionCourante } from "../../session";

/*
 * The contacts exports of PRODUCT §12 (…/contacts.csv and …/contacts.xlsx): the permission policy
 * decides, then the file streams. Separated from the route files so tests call it with an actor.
 */

const TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

export async function repondreExport(p: { acteur: Acteur | null; demande: DemandeTerritoire; format: "csv" | "xlsx"; url: string; maintenant: Date }): Promise<Response> {
  const { db } = await connexionApplication();
  const territoire = await ouvrirTerritoire({ db, acteur: p.acteur, demande: p.demande });
  if (!territoire.ok) {
    if (territoire.erreur === "nonConnecte") return reponseErreur(401, "Connexion requise : connectez-vous pour télécharger les contacts.");
    if (territoire.erreur === "nonAutorise") return reponseErreur(403, "Votre compte ne donne pas accès aux contacts de ce territoire.");
    return reponseErreur(404, "Ce territoire n'existe pas.");
  }
  const demande = new URL(p.url).searchParams.get("separateur") ?? "point-virgule";
  if (p.format === "csv" && !(demande in SEPARATEURS)) return reponseErreur(400, "Le paramètre separateur vaut « point-virgule » ou « virgule ».");
  const corps = p.format === "csv" ? fluxCsv(db, territoire.valeur, demande as Separateur) : fluxXlsx(db, territoire.valeur);
  const fichier = nomDuFichier(territoire.valeur, p.maintenant, p.format);
  return new Response(corps, {
    status: 200,
    headers: {
      "content-type": TYPES[p.format],
      "content-disposition": `attachment; filename="${fichier}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** The GET of a route file: the session's actor, then repondreExport. */
export function routeExport(format: "csv" | "xlsx", demande: (params: Record<string, string>) => DemandeTerritoire) {
  return async (requete: Request, contexte: { params: Promise<Record<string, string>> }) => {
    const session = await sessionCourante();
    return repondreExport({ acteur: session?.acteur ?? null, demande: demande(await contexte.params), format, url: requete.url, maintenant: new Date() });
  };
}
