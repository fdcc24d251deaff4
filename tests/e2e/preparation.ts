import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error: plain JavaScript module shared with the npm scripts
import { construireSiNecessaire, racine } from "../../scripts/construction.mjs";

/*
 * The end-to-end tests run against the built application, served by `next start` on a free port
 * with a fresh embedded database (first start: territories and demonstration data).
 */

declare module "vitest" {
  export interface ProvidedContext {
    e2e: { url: string; dossierPglite: string };
  }
}

function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const serveur = createServer();
    serveur.listen(0, "127.0.0.1", () => {
      const adresse = serveur.address();
      serveur.close(() => (typeof adresse === "object" && adresse ? resolve(adresse.port) : reject(new Error("port"))));
    });
  });
}

async function attendreSante(url: string, serveur: ChildProcess, journal: () => string, delaiMs: number) {
  const limite = Date.now() + delaiMs;
  while (Date.now() < limite) {
    if (serveur.exitCode !== null) throw new Error(`Le serveur s'est arrêté (code ${serveur.exitCode}) :\n${journal()}`);
    try {
      const reponse = await fetch(`${url}/api/health`);
      if (reponse.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Le serveur n'a pas répondu en ${delaiMs / 1000} s :\n${journal()}`);
}

export default async function preparer(projet: TestProject) {
  if (!construireSiNecessaire()) throw new Error("La construction de l'application a échoué.");
  const port = await portLibre();
  const dossierPglite = mkdtempSync(join(tmpdir(), "efne-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  let journal = "";
  const serveur = spawn(join(racine, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: racine,
    // Vitest sets NODE_ENV=test: the built app must run as in production.
    env: { ...process.env, NODE_ENV: "production", PGLITE_DIR: dossierPglite, PORT: String(port), DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
  });
  serveur.stdout?.on("data", (d) => (journal += d));
  serveur.stderr?.on("data", (d) => (journal += d));
  await attendreSante(url, serveur, () => journal, 120_000);
  projet.provide("e2e", { url, dossierPglite });

  return async () => {
    if (serveur.exitCode === null) {
      const fin = new Promise((r) => serveur.once("exit", r));
      serveur.kill("SIGTERM");
      await Promise.race([fin, new Promise((r) => setTimeout(r, 10_000))]);
      if (serveur.exitCode === null) serveur.kill("SIGKILL");
    }
    rmSync(dossierPglite, { recursive: true, force: true });
  };
}
