import { describe, expect, it } from "vitest";
import { url, utiliserNavigateur, visiter } from "./outils";

const nouvelleSession = utiliserNavigateur();

const EN_TETES_ATTENDUS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

async function premierFichierStatique(): Promise<string> {
  const html = await (await fetch(url("/"))).text();
  const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/);
  if (!script?.[1]) throw new Error("Aucun script statique dans la page d'accueil");
  return script[1];
}

describe("socle de sécurité web", () => {
  it("met les en-têtes de sécurité et la politique de contenu sur les pages, l'API, les fichiers statiques et la 404", async () => {
    const chemins = ["/", "/donnees", "/api/health", "/api/v1/territoires/departements/58", "/inconnue", await premierFichierStatique()];
    for (const chemin of chemins) {
      const reponse = await fetch(url(chemin));
      for (const [nom, valeur] of Object.entries(EN_TETES_ATTENDUS)) expect(reponse.headers.get(nom), `${nom} sur ${chemin}`).toBe(valeur);
      const csp = reponse.headers.get("content-security-policy") ?? "";
      expect(csp, `CSP sur ${chemin}`).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).not.toContain("unsafe-eval");
    }
  });

  it("n'autorise que les scripts portant le nonce de la requête, renouvelé à chaque requête", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const reponse = await fetch(url("/"));
      const nonce = (reponse.headers.get("content-security-policy") ?? "").match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      const html = await reponse.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const balise of scripts) expect(balise, "script sans nonce").toContain(`nonce="${nonce}"`);
      nonces.push(nonce as string);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("dans Chromium, aucune ressource n'est bloquée par la politique de contenu et le thème s'applique avant l'affichage", async () => {
    const session = await nouvelleSession({ colorScheme: "dark" });
    await visiter(session, "/");
    expect(await session.page.locator("html").getAttribute("data-fr-theme")).toBe("dark");
    await session.contexte.close();
  });

  it("refuse une requête qui modifie l'état depuis une autre origine, ou sans origine", async () => {
    const etrangere = await fetch(url("/"), { method: "POST", headers: { origin: "https://attaquant.example" } });
    expect(etrangere.status).toBe(403);
    expect(await etrangere.json()).toEqual({ erreur: "Requête refusée : elle ne vient pas de ce site." });
    const sansOrigine = await fetch(url("/api/health"), { method: "DELETE" });
    expect(sansOrigine.status).toBe(403);
    expect(await sansOrigine.json()).toEqual({ erreur: "Requête refusée : son origine n'est pas indiquée." });
    const memeOrigine = await fetch(url("/api/health"), { method: "POST", headers: { origin: new URL(url("/")).origin } });
    expect(memeOrigine.status).not.toBe(403);
  });
});
