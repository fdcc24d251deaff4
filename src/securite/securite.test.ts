import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { optionsCookie, nomCookie } from "./cookies";
import { creerNonce, EN_TETES_DE_SECURITE, politiqueDeSecuriteDuContenu } from "./csp";
import { verifierOrigine } from "./origine";
import { ROUTES } from "./routes";

describe("politique de sécurité du contenu", () => {
  it("n'autorise aucun script en ligne sans le nonce, ni eval en production, ni l'intégration dans un cadre", () => {
    const csp = politiqueDeSecuriteDuContenu({ nonce: "abc", developpement: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(politiqueDeSecuriteDuContenu({ nonce: "abc", developpement: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("n'envoie les formulaires qu'au site, et au fournisseur ProConnect quand il est configuré (déconnexion)", () => {
    expect(politiqueDeSecuriteDuContenu({ nonce: "abc", developpement: false, https: true })).toContain("form-action 'self';");
    const avecProConnect = politiqueDeSecuriteDuContenu({ nonce: "abc", developpement: false, https: true, formulairesVers: ["https://auth.agentconnect.gouv.fr"] });
    expect(avecProConnect).toContain("form-action 'self' https://auth.agentconnect.gouv.fr;");
  });

  it("tire un nonce différent à chaque requête", () => {
    const nonces = new Set(Array.from({ length: 50 }, creerNonce));
    expect(nonces.size).toBe(50);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("donne les en-têtes fixes attendus", () => {
    expect(Object.fromEntries(EN_TETES_DE_SECURITE.map((e) => [e.key, e.value]))).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
  });
});

describe("contrôle de l'origine des requêtes qui modifient l'état", () => {
  const site = "http://localhost:3000";
  it("laisse passer les lectures quelle que soit l'origine", () => {
    expect(verifierOrigine({ methode: "GET", origineDuSite: site, origin: "https://ailleurs.example", referer: null })).toEqual({ accepte: true });
  });
  it("accepte une écriture venue du site, par Origin ou à défaut par Referer", () => {
    expect(verifierOrigine({ methode: "POST", origineDuSite: site, origin: site, referer: null }).accepte).toBe(true);
    expect(verifierOrigine({ methode: "POST", origineDuSite: site, origin: null, referer: `${site}/gouvernance` }).accepte).toBe(true);
  });
  it("refuse une écriture d'une autre origine, d'un autre port, ou sans origine", () => {
    expect(verifierOrigine({ methode: "POST", origineDuSite: site, origin: "https://attaquant.example", referer: null })).toEqual({ accepte: false, raison: "origineEtrangere" });
    expect(verifierOrigine({ methode: "DELETE", origineDuSite: site, origin: "http://localhost:3001", referer: null }).accepte).toBe(false);
    expect(verifierOrigine({ methode: "PUT", origineDuSite: site, origin: null, referer: null })).toEqual({ accepte: false, raison: "origineAbsente" });
    expect(verifierOrigine({ methode: "POST", origineDuSite: site, origin: "null", referer: null }).accepte).toBe(false);
  });
  it("accepte les origines déclarées en configuration", () => {
    expect(verifierOrigine({ methode: "POST", origineDuSite: site, originesAutorisees: ["https://efne.anct.gouv.fr"], origin: "https://efne.anct.gouv.fr", referer: null }).accepte).toBe(true);
  });
});

describe("cookies", () => {
  it("sont par défaut inaccessibles aux scripts, SameSite=Lax, et Secure en HTTPS", () => {
    expect(optionsCookie({ https: true })).toEqual({ httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    expect(optionsCookie({ https: false, maxAge: 60 })).toEqual({ httpOnly: true, secure: false, sameSite: "lax", path: "/", maxAge: 60 });
    expect(nomCookie("session", true)).toBe("__Host-session");
    expect(nomCookie("session", false)).toBe("session");
  });
});

describe("liste des routes", () => {
  it("correspond exactement aux fichiers de routes de src/app", () => {
    const racine = join(process.cwd(), "src/app");
    const fichiers = (readdirSync(racine, { recursive: true }) as string[]).filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f));
    const chemins = fichiers
      .map((f) => `/${relative(racine, join(racine, f))}`.replace(/\/(page\.tsx|route\.ts)$/, "").replace(/\[(\w+)\]/g, "{$1}") || "/")
      .sort();
    expect(ROUTES.map((r) => r.chemin).sort()).toEqual(chemins);
  });
});
