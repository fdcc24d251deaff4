/*
 * Builds the application (next build) when the build is missing or older than the sources.
 * Shared by `npm start`, the end-to-end tests and the benchmarks.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export const racine = new URL("..", import.meta.url).pathname;

function dateLaPlusRecente(chemin) {
  if (!existsSync(chemin)) return 0;
  const info = statSync(chemin);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entree of readdirSync(chemin)) max = Math.max(max, dateLaPlusRecente(join(chemin, entree)));
  return max;
}

export function constructionAJour() {
  const marqueur = join(racine, ".next/BUILD_ID");
  if (!existsSync(marqueur)) return false;
  const sources = ["src", "public", "next.config.ts", "package-lock.json", "tsconfig.json"].map((p) => join(racine, p));
  return Math.max(...sources.map(dateLaPlusRecente)) <= statSync(marqueur).mtimeMs;
}

/** Returns true when the build is usable. Prints the build's own output. */
export function construireSiNecessaire({ journal = console.log } = {}) {
  if (constructionAJour()) return true;
  journal("[efne] Construction de l'application (next build)…");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let build = spawnSync(join(racine, "node_modules/.bin/next"), ["build"], { cwd: racine, stdio: "inherit", env });
  if (build.status !== 0) {
    // A build interrupted earlier can leave a cache that breaks the next one: retry once without it.
    journal("[efne] La construction a échoué ; nouvel essai sans le cache de construction…");
    rmSync(join(racine, ".next/cache"), { recursive: true, force: true });
    build = spawnSync(join(racine, "node_modules/.bin/next"), ["build"], { cwd: racine, stdio: "inherit", env });
  }
  return build.status === 0;
}
