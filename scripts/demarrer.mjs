#!/usr/bin/env node
/*
 * `npm start`: builds the application when the build is missing or older than the sources, then
 * serves it on http://localhost:3000 (PORT) with the embedded database (or DATABASE_URL).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const racine = new URL("..", import.meta.url).pathname;
process.chdir(racine);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT || "3000";
process.env.PORT = port;
const next = join(racine, "node_modules/.bin/next");

function dateLaPlusRecente(chemin) {
  if (!existsSync(chemin)) return 0;
  const info = statSync(chemin);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entree of readdirSync(chemin)) max = Math.max(max, dateLaPlusRecente(join(chemin, entree)));
  return max;
}

const marqueur = join(racine, ".next/BUILD_ID");
const sources = ["src", "public", "next.config.ts", "package-lock.json", "tsconfig.json"].map((p) => join(racine, p));
const construit = existsSync(marqueur) ? statSync(marqueur).mtimeMs : 0;
if (construit === 0 || Math.max(...sources.map(dateLaPlusRecente)) > construit) {
  console.log("[efne] Construction de l'application (next build)…");
  const build = spawnSync(next, ["build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) {
    console.error("[efne] La construction a échoué. Si elle a été interrompue, supprimez .next/cache puis relancez.");
    process.exit(build.status ?? 1);
  }
}

const serveur = spawn(next, ["start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => serveur.kill(signal));
serveur.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
