import { routeTelechargement } from "../../../../_espace/documents";

export const dynamic = "force-dynamic";

/** One version of the document of a feuille de route, as an attachment (lireEspaceDepartement). */
export const GET = routeTelechargement();
