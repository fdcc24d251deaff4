import { connexionApplication } from "@/db/connexion-application";
import { avecCacheTerritoires, listerDepartements } from "@/services/territoires";
import { reponseErreur } from "../../../reponses";

export const dynamic = "force-dynamic";

interface CorpsEnCache {
  octets: Uint8Array<ArrayBuffer>;
  etag: string;
}

export async function GET(requete: Request) {
  const parametre = new URL(requete.url).searchParams.get("inclureOutreMer");
  if (parametre !== null && parametre !== "true" && parametre !== "false") {
    return reponseErreur(400, "Le paramètre inclureOutreMer vaut « true » ou « false ».");
  }
  const inclureOutreMer = parametre === "true";
  const { db } = await connexionApplication();
  // The answer only depends on the territories: serialised once per version of the reference.
  const corps = await avecCacheTerritoires<CorpsEnCache>(db, `api:departements:${inclureOutreMer}`, async () => {
    const octets = new TextEncoder().encode(JSON.stringify(await listerDepartements(db, { inclureOutreMer })));
    const empreinte = Buffer.from(await crypto.subtle.digest("SHA-256", octets)).toString("base64url").slice(0, 27);
    return { octets, etag: `"${empreinte}"` };
  });
  const enTetes = { "content-type": "application/json", etag: corps.etag, "cache-control": "public, max-age=0, must-revalidate" };
  if (requete.headers.get("if-none-match") === corps.etag) return new Response(null, { status: 304, headers: enTetes });
  return new Response(corps.octets, { headers: enTetes });
}
