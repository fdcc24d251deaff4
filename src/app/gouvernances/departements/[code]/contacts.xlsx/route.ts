import { routeExport } from "../../../_espace/export";

export const dynamic = "force-dynamic";

/** The contacts of the departement, as a .xlsx file (PRODUCT §5 and §12). */
export const GET = routeExport("xlsx", (p) => ({ type: "departement", code: p.code ?? "" }));
