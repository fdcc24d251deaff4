import { routeExportBesoins } from "../_besoins/export";

export const dynamic = "force-dynamic";

/** Every département's besoins en ingénierie financière, as a .xlsx file, with the synthesis per item of the catalogue on a second sheet (PRODUCT §7). */
export const GET = routeExportBesoins("xlsx");
