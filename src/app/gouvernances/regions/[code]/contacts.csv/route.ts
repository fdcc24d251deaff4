import { routeExport } from "../../../_espace/export";

export const dynamic = "force-dynamic";

/** The contacts of the region, as a .csv file (PRODUCT §5 and §12). */
export const GET = routeExport("csv", (p) => ({ type: "region", code: p.code ?? "" }));
