import { routeExportBesoins } from "../_besoins/export";

export const dynamic = "force-dynamic";

/** Every département's besoins en ingénierie financière, as a .csv file (PRODUCT §7). */
export const GET = routeExportBesoins("csv");
