#!/usr/bin/env node
/*
 * `npm test`: every check and every test suite, in order, then one summary line
 * "N passed, N failed" over all suites. Exits non-zero when anything fails.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const racine = new URL("..", import.meta.url).pathname;
process.chdir(racine);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const bin = (nom) => join(racine, "node_modules/.bin", nom);
const resultats = join(racine, "test-results");
rmSync(resultats, { recursive: true, force: true });
mkdirSync(resultats, { recursive: true });

const etapes = [];
let reussis = 0;
let echoues = 0;
let ignores = 0;

function executer(nom, commande, args, env = {}) {
  const debut = Date.now();
  console.log(`\n=== ${nom} ===`);
  const r = spawnSync(commande, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const duree = Math.round((Date.now() - debut) / 1000);
  etapes.push({ nom, ok: r.status === 0, duree });
  return r.status === 0;
}

function compterVitest(fichier) {
  try {
    const rapport = JSON.parse(readFileSync(fichier, "utf8"));
    reussis += rapport.numPassedTests;
    echoues += rapport.numFailedTests;
    ignores += rapport.numPendingTests + rapport.numTodoTests;
    return true;
  } catch {
    return false;
  }
}

executer("Types (tsc)", bin("tsc"), ["--noEmit"]);
executer("Lint (eslint)", bin("eslint"), ["."]);
const fichierVitest = join(resultats, "vitest.json");
const vitestOk = executer("Tests unitaires et d'intégration (PGlite et PostgreSQL)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${fichierVitest}`,
]);
if (!compterVitest(fichierVitest) && !vitestOk) echoues += 1;

console.log("\n=== Bilan ===");
for (const e of etapes) console.log(`${e.ok ? "✔" : "✘"} ${e.nom} (${e.duree} s)`);
const toutVert = etapes.every((e) => e.ok);
if (!toutVert && echoues === 0) echoues = etapes.filter((e) => !e.ok).length;
console.log(`${reussis} passed, ${echoues} failed${ignores ? `, ${ignores} skipped` : ""}`);
process.exit(toutVert && echoues === 0 ? 0 : 1);
