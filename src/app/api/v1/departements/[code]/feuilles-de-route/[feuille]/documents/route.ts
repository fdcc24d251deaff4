import { routeDepot } from "@/app/gouvernances/_espace/documents";

export const dynamic = "force-dynamic";

/** Deposits a new version of the document of a feuille de route (multipart/form-data, field "fichier"). */
export const POST = routeDepot();
