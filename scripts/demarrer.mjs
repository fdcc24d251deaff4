#!/usr/bin/env node
/*
 * `npm start`: builds the application when the build is missing or older than the sources, then
 * serves it on http://localhost:3000 (PORT) with the embedded database (or DATABASE_URL).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { construireSiNecessaire, racine } from "./construction.mjs";

process.chdir(racine);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT || "3000";
process.env.PORT = port;

if (!construireSiNecessaire()) {
  console.error("[efne] La construction a échoué : voir les messages ci-dessus.");
  process.exit(1);
}

const serveur = spawn(join(racine, "node_modules/.bin/next"), ["start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => serveur.kill(signal));
serveur.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
