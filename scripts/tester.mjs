#!/usr/bin/env node
/*
 * `npm test`: every check and every test suite, in order, then one summary line
 * "N passed, N failed" over all suites. Each suite has a time budget that keeps the whole
 * command under 20 minutes on 2 cores. Exits non-zero when anything fails.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const racine = new URL("..", import.meta.url).pathname;
process.chdir(racine);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const bin = (nom) => join(racine, "node_modules/.bin", nom);
const resultats = join(racine, "test-results");
rmSync(resultats, { recursive: true, force: true });
mkdirSync(resultats, { recursive: true });

const MINUTE = 60_000;
const etapes = [];
let reussis = 0;
let echoues = 0;
let ignores = 0;

/*
 * Each step runs in its own process group: past its budget, the whole group is stopped (SIGTERM,
 * then SIGKILL), so that the servers an end-to-end run started never outlive it.
 */
async function executer(nom, commande, args, { budget, env = {} }) {
  const debut = Date.now();
  console.log(`\n=== ${nom} (budget ${budget / MINUTE} min) ===`);
  const enfant = spawn(commande, args, { stdio: "inherit", env: { ...process.env, ...env }, detached: true });
  const arreterLeGroupe = (signal) => {
    try {
      process.kill(-enfant.pid, signal);
    } catch {
      // already gone
    }
  };
  let horsBudget = false;
  const minuterie = setTimeout(() => {
    horsBudget = true;
    arreterLeGroupe("SIGTERM");
    setTimeout(() => arreterLeGroupe("SIGKILL"), 10_000).unref();
  }, budget);
  const interrompre = () => arreterLeGroupe("SIGKILL");
  process.once("SIGINT", interrompre);
  process.once("SIGTERM", interrompre);
  const code = await new Promise((resolve) => {
    enfant.on("error", () => resolve(1));
    enfant.on("exit", (c) => resolve(c ?? 1));
  });
  clearTimeout(minuterie);
  process.off("SIGINT", interrompre);
  process.off("SIGTERM", interrompre);
  // Anything the step left behind (a server whose test run crashed) goes with it.
  arreterLeGroupe("SIGKILL");
  const duree = Math.round((Date.now() - debut) / 1000);
  if (horsBudget) console.error(`✘ ${nom} : budget de ${budget / MINUTE} min dépassé, suite arrêtée.`);
  etapes.push({ nom, ok: code === 0 && !horsBudget, duree, horsBudget });
  return code === 0 && !horsBudget;
}

async function vitest(nom, projets, fichier, budget) {
  const ok = await executer(nom, bin("vitest"), ["run", ...projets.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${fichier}`], { budget });
  try {
    const rapport = JSON.parse(readFileSync(fichier, "utf8"));
    reussis += rapport.numPassedTests;
    echoues += rapport.numFailedTests;
    ignores += rapport.numPendingTests + rapport.numTodoTests;
    if (!ok && rapport.numFailedTests === 0) echoues += 1; // a suite that failed outside any test (set-up, budget)
  } catch {
    if (!ok) echoues += 1;
  }
}

/** End-to-end tests use Debian's Chromium, never a browser downloaded by a test tool. */
async function chromiumDisponible() {
  const chemin = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(chemin)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium introuvable (${chemin}) : installez-le (apt-get install -y chromium) ou indiquez CHROMIUM_PATH.`);
    return false;
  }
  console.log("Installation de Chromium (paquet Debian)…");
  return (
    (await executer("apt-get update", "apt-get", ["update", "-qq"], { budget: 5 * MINUTE })) &&
    (await executer("Installation de Chromium", "apt-get", ["install", "-y", "-qq", "chromium"], { budget: 8 * MINUTE, env: { DEBIAN_FRONTEND: "noninteractive" } }))
  );
}

await executer("Types (tsc)", bin("tsc"), ["--noEmit"], { budget: 3 * MINUTE });
await executer("Lint et règle des couches (eslint)", bin("eslint"), ["."], { budget: 3 * MINUTE });
/*
 * The two integration projects run at the same time, in two processes: each has its own database
 * (an embedded one per test file; one database on the server), so they share nothing, and the
 * machine's two cores are both used (PGlite works in the test process, PostgreSQL in its server).
 */
// Measured on the reference machine: PGlite with the unit tests 303 s, PostgreSQL alone 128 s; the unit tests go with the shorter one.
await Promise.all([
  vitest("Tests d'intégration sur PGlite", ["integration-pglite"], join(resultats, "vitest-pglite.json"), 8 * MINUTE),
  vitest("Tests unitaires et d'intégration sur PostgreSQL", ["unitaires", "integration-postgresql"], join(resultats, "vitest-postgresql.json"), 8 * MINUTE),
]);
if (await chromiumDisponible()) {
  await vitest("Tests de bout en bout (Chromium, axe)", ["e2e"], join(resultats, "e2e.json"), 14 * MINUTE);
} else {
  etapes.push({ nom: "Tests de bout en bout (Chromium absent)", ok: false, duree: 0 });
  echoues += 1;
}

console.log("\n=== Bilan ===");
for (const e of etapes) console.log(`${e.ok ? "✔" : "✘"} ${e.nom} (${e.duree} s)${e.horsBudget ? " — budget dépassé" : ""}`);
const toutVert = etapes.every((e) => e.ok);
if (!toutVert && echoues === 0) echoues = etapes.filter((e) => !e.ok).length;
console.log(`${reussis} passed, ${echoues} failed${ignores ? `, ${ignores} skipped` : ""}`);
process.exit(toutVert && echoues === 0 ? 0 : 1);
