import { routeExport } from "../../_espace/export";

export const dynamic = "force-dynamic";

/** Every contact of the nation, as a .xlsx file (PRODUCT §5 and §12). */
export const GET = routeExport("xlsx", () => ({ type: "national" }));
