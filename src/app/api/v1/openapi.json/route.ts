import { documentOpenApi } from "../openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(documentOpenApi);
}
