import { NextResponse, type NextRequest } from "next/server";
import { creerNonce, EN_TETE_NONCE, POLITIQUE_SANS_DOCUMENT, politiqueDeSecuriteDuContenu } from "@/securite/csp";
import { verifierOrigine } from "@/securite/origine";

/*
 * Runs before every request: refuses state-changing requests from another origin and sets the
 * per-request Content-Security-Policy with its nonce (read by the root layout).
 */

function estHttps(requete: NextRequest): boolean {
  return requete.nextUrl.protocol === "https:" || requete.headers.get("x-forwarded-proto") === "https";
}

function origineDuSite(requete: NextRequest): string {
  const hote = requete.headers.get("x-forwarded-host") ?? requete.headers.get("host") ?? requete.nextUrl.host;
  return `${estHttps(requete) ? "https" : "http"}://${hote}`;
}

/** The ProConnect provider's origin: logging out sends the browser there after a form. */
function origineProConnect(): string[] {
  try {
    return process.env.PROCONNECT_ISSUER ? [new URL(process.env.PROCONNECT_ISSUER).origin] : [];
  } catch {
    return [];
  }
}

export function proxy(requete: NextRequest) {
  const verdict = verifierOrigine({
    methode: requete.method,
    origineDuSite: origineDuSite(requete),
    originesAutorisees: process.env.EFNE_ORIGINES_AUTORISEES?.split(",").map((o) => o.trim()).filter(Boolean),
    origin: requete.headers.get("origin"),
    referer: requete.headers.get("referer"),
  });
  if (!verdict.accepte) {
    return NextResponse.json(
      { erreur: verdict.raison === "origineAbsente" ? "Requête refusée : son origine n'est pas indiquée." : "Requête refusée : elle ne vient pas de ce site." },
      { status: 403 },
    );
  }

  // JSON and files need no nonce: a fixed, stricter policy, without rewriting the request.
  if (requete.nextUrl.pathname.startsWith("/api/")) {
    const reponse = NextResponse.next();
    reponse.headers.set("Content-Security-Policy", POLITIQUE_SANS_DOCUMENT);
    return reponse;
  }

  const nonce = creerNonce();
  const csp = politiqueDeSecuriteDuContenu({
    nonce,
    developpement: process.env.NODE_ENV === "development",
    https: estHttps(requete),
    formulairesVers: origineProConnect(),
  });
  const enTetes = new Headers(requete.headers);
  enTetes.set(EN_TETE_NONCE, nonce);
  enTetes.set("Content-Security-Policy", csp);
  const reponse = NextResponse.next({ request: { headers: enTetes } });
  reponse.headers.set("Content-Security-Policy", csp);
  return reponse;
}

export const config = {
  // Built files are served as they are: their headers come from next.config.ts.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
