import { routeExport } from "../../_espace/export";

export const dynamic = "force-dynamic";

/** Every contact of the nation, as a .csv file (PRODUCT §5 and §12). */
export const GET = routeExport("csv", () => ({ type: "national" }));
