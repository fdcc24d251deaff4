#!/usr/bin/env node
/*
 * `npm run bench`: performance figures of the built application, each beside its target.
 *
 *   1. first start on an empty embedded database, spawn -> first 200 of /api/health  (< 60 s)
 *   2. warm start on the same database after SIGTERM                              (< 10 s)
 *   3. throughput and p99 latency of GET /api/v1/territoires/departements and GET /, each
 *      beside a static file of the same byte size served by bench/serveur-statique.mjs
 *      (JSON route >= 50 % of the static throughput; `/` informational)
 *   4. gzipped JavaScript loaded by each public page                           (< 150 kB)
 *   5. the perimeter picker of the "porter" form for the région with the most communes, in
 *      Chromium through the real pages (login link printed by the command line): step loaded and
 *      hydrated (< 3 s), one commune ticked -> counter (< 100 ms), "Sélectionner toutes les
 *      communes" on the largest list -> counter (< 200 ms) and -> "Enregistré" (< 2 s), every list
 *      open (informational), then one commune ticked with everything open (< 100 ms)
 *   6. the national contacts exports with 100,000 generated contact lines (bench/generer-contacts.ts
 *      run on the stopped server's database, then the server started again): CSV and XLSX
 *      downloaded by an "administrateur" session, time to the last byte (< 10 s each) and peak rise
 *      of the server's resident memory above idle (< 300 MB each); lines and rows checked
 *   7. the data importers of the command line on a fresh embedded database, no build nor server
 *      (bench/lib/imports.mjs): the real IFN file of the communes and 20,000 generated places of
 *      the national standard (bench/lib/generateur-lieux.mjs), time from spawn to exit (< 30 s
 *      each) and peak resident memory of the command's processes (< 500 MB each); the places
 *      file imported a second time must change nothing (time informational)
 *   8. the public data dashboard and its maps on a database of its own, prepared by the command
 *      line as an operator would (bench/lib/donnees-publiques.mjs): territories, demonstration data,
 *      then the national real files of ../shared/data (or EFNE_DONNEES_REELLES: IFN of the communes
 *      and EPCI, Aidants Connect, shapes of the départements, EPCI and communes) and 20,000
 *      generated places (preparation timed, informational); the built app started on it, then
 *      requests/s, p50 and p99 of the dashboard's pages, JSON and CSV routes under autocannon
 *      (p99 < 100 ms each, no non-2xx answer), and the sizes of the HTML and of the map's SVG alone
 *      for /donnees/departements/62 (the largest commune map, ~890 communes) and /donnees/national
 *      (informational)
 *
 *   9. the perimeter engine of the feuilles de route (bench/lib/perimetres.ts), pure, on the real
 *      COG: the département with the most communes, each EPCI its own feuille de route (scenario 3),
 *      then beside a départemental one (scenario 2), then every EPCI twice (refused): median time
 *      of a check (< 5 ms), p99 and max informational
 *
 * It reports and never gates: exit 0 whether or not targets are met, 1 when a figure could not
 * be measured (build failed, server never healthy, page in error, import file missing, non-2xx
 * answers under load in 8...).
 * Everything listens on 127.0.0.1; child servers are stopped on every way out.
 *
 * bench/RESULTS.md has three parts, the application (1-6), the imports (7) and the public data
 * (8); a run rewrites the parts it measured and keeps the others from the previous file.
 *
 * Environment: BENCH_MESURES (which measures: "1-6", "7", "8", a list such as "7,8", or "1-8",
 * the default; 1 to 6 share one server and run together), BENCH_DUREE (s, measured load run,
 * default 10), BENCH_ECHAUFFEMENT (s, warm-up before each load run, default 2), BENCH_CONNEXIONS
 * (default 10), EFNE_DONNEES_REELLES (the real files of measure 8, default ../shared/data).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mesurerCharge } from "./lib/charge.mjs";
import { attendreRepos, extraireCarte, fichiersManquants, FICHIERS_REELS, preparerBaseDonnees, tailles } from "./lib/donnees-publiques.mjs";
import { mesurerExports, rssAuRepos, seConnecterParLeLien } from "./lib/export-contacts.mjs";
import { HOTE, obtenir, portLibre } from "./lib/http.mjs";
import { jalons, mesurerImports } from "./lib/imports.mjs";
import { mesurerPerimetre, statistiques } from "./lib/perimetre.mjs";
import { mesurerPoidsJs } from "./lib/poids-js.mjs";
import { arreter, arreterTout, attendreSante, dernieresLignes, executer, executerCli, executerGenerateurContacts, lancerNext, lancerServeurStatique, tuerToutSynchrone } from "./lib/processus.mjs";
import { kilooctets, megaoctets, millisecondes, parSeconde, pourcent, secondes, tableMarkdown, tableTexte, verdict } from "./lib/rapport.mjs";
import { constructionAJour, construireSiNecessaire as construireSiBesoin } from "../scripts/construction.mjs";

const racine = fileURLToPath(new URL("..", import.meta.url));
process.chdir(racine);

const CIBLES = {
  // 9. Perimeter engine, largest département, each EPCI its own feuille de route (median).
  perimetresMs: 5,
  premierDemarrageMs: 60_000,
  demarrageAChaudMs: 10_000,
  ratioJson: 0.5,
  jsParPageOctets: 150 * 1000,
  // 5. Perimeter picker of the "porter" form, largest région; verdicts on the medians.
  perimetrePretMs: 3_000,
  perimetreCaseMs: 100,
  perimetreToutesMs: 200,
  perimetreEnregistreMs: 2_000,
  // 6. National contacts export of 100,000 generated lines, each format (MB = 10^6 bytes).
  exportDernierOctetMs: 10_000,
  exportHausseRssOctets: 300 * 1e6,
  // 7. Imports by the command line, each file: spawn -> exit, and peak RSS of its processes (MB = 10^6 bytes).
  importDureeMs: 30_000,
  importPicRssOctets: 500 * 1e6,
  // 8. Public data dashboard under load, each route (and not a single non-2xx answer).
  donneesP99Ms: 100,
};
/** Repetitions of measure 5: loads of the step, single ticks (5b and 5f), clicks on "Sélectionner toutes les communes" each way. */
const PERIMETRE = { chargements: 5, cases: 20, toutes: 5 };
/** The "contact" account created by the command line for measure 5. */
const PORTEUR = { email: "bench.porteur@exemple.fr", role: "contact", prenom: "Banc", nom: "Porteur" };
/** The "administrateur" account of measure 6 (the national space is theirs). */
const ADMINISTRATEUR = { email: "bench.administrateur@exemple.fr", role: "administrateur", prenom: "Banc", nom: "Administrateur" };
/** Measure 6: contact lines generated (bench/lib/generateur-contacts.ts) and the seed; the exports, in this order. */
const CONTACTS = { nombre: 100_000, graine: 1 };
const EXPORTS = [
  { format: "csv", chemin: "/gouvernances/national/contacts.csv" },
  { format: "xlsx", chemin: "/gouvernances/national/contacts.xlsx" },
];
/** Measure 7: the real IFN file (path from the project's root), then the generated places and their seed. */
const IMPORTS = { fichierIfn: "../shared/data/ifn/ifn-communes.csv", lieux: 20_000, graine: 1 };
/**
 * Measure 8: the real files' directory, the generated places, the routes loaded in this order (the
 * first four are pages with a map) and the least number of commune shapes the map of the
 * Pas-de-Calais must draw (it has about 890 communes).
 */
const DONNEES = {
  dossier: resolve(process.env.EFNE_DONNEES_REELLES?.trim() || join(racine, "../shared/data")),
  lieux: 20_000,
  graine: 1,
  zonesMin62: 850,
};
const ROUTES_DONNEES = [
  "/donnees/national",
  "/donnees/departements/62",
  "/donnees/departements/58",
  "/donnees/departements/62?carte=epci",
  "/api/v1/donnees/national",
  "/api/v1/donnees/departements/62",
  "/donnees/departements/62/ifn-communes.csv",
];
/** The pages whose HTML and map are weighed. */
const PAGES_CARTE = ["/donnees/departements/62", "/donnees/national"];
const DELAI_SANTE_MS = 120_000;
const PAGES = ["/", "/donnees", "/gouvernance", "/accessibilite", "/mentions-legales", "/donnees-personnelles"];
const ROUTE_JSON = "/api/v1/territoires/departements";

function nombreEnv(nom, defaut, { min }) {
  const brut = process.env[nom];
  if (brut === undefined || brut.trim() === "") return defaut;
  const valeur = Number(brut);
  if (!Number.isFinite(valeur) || valeur < min) throw new Error(`${nom}=${brut} : un nombre ≥ ${min} est attendu.`);
  return valeur;
}

/**
 * BENCH_MESURES: "1-8" (default), "1-6", "7" or "8", or a list of numbers and ranges ("1-6,8").
 * Measures 1 to 6 follow one another on the same server and database: they run all together or
 * not at all. 7 and 8 each have their own database.
 */
function mesuresDemandees() {
  const brut = (process.env.BENCH_MESURES ?? "").trim();
  if (brut === "") return { application: true, imports: true, donnees: true, perimetres: true, brut: "1-9" };
  const numeros = new Set();
  for (const morceau of brut.split(/[\s,]+/).filter(Boolean)) {
    const plage = /^(\d+)(?:-(\d+))?$/.exec(morceau);
    const debut = Number(plage?.[1]);
    const fin = Number(plage?.[2] ?? plage?.[1]);
    if (!plage || debut < 1 || fin > 9 || debut > fin) throw new Error(`BENCH_MESURES=${brut} : des numéros de 1 à 9 sont attendus (par exemple « 7 », « 8 », « 9 », « 1-6 » ou « 1-9 »).`);
    for (let n = debut; n <= fin; n++) numeros.add(n);
  }
  const application = [1, 2, 3, 4, 5, 6].filter((n) => numeros.has(n));
  if (application.length > 0 && application.length < 6) {
    throw new Error(`BENCH_MESURES=${brut} : les mesures 1 à 6 s'enchaînent sur le même serveur et la même base ; demandez-les ensemble (« 1-6 ») ou pas du tout.`);
  }
  return { application: application.length === 6, imports: numeros.has(7), donnees: numeros.has(8), perimetres: numeros.has(9), brut };
}

const journal = (message) => console.log(`[bench] ${message}`);

let dossierTemporaire = null;
/** Temporary directories of measures 7 and 8 still there (removed by the measure itself, or at exit). */
const dossiersImports = new Set();
/** Log file of the Next.js server, shown on an error before the temporary directory goes. */
let journalNext = null;
/** BUILD_ID measured; a different one at the end means a `next build` ran during the benchmark. */
let idConstruction = null;
function constructionChangee() {
  try {
    return idConstruction !== null && readFileSync(join(racine, ".next/BUILD_ID"), "utf8").trim() !== idConstruction;
  } catch {
    return idConstruction !== null;
  }
}
function nettoyerDossier() {
  if (dossierTemporaire) rmSync(dossierTemporaire, { recursive: true, force: true });
  dossierTemporaire = null;
  for (const dossier of dossiersImports) rmSync(dossier, { recursive: true, force: true });
  dossiersImports.clear();
}

// Whatever the way out, no child server is left running and no temporary database is left behind.
process.on("exit", () => {
  tuerToutSynchrone();
  try {
    nettoyerDossier();
  } catch {
    // Best effort at exit.
  }
});
let interrompu = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
]) {
  process.on(signal, () => {
    if (interrompu) return;
    interrompu = true;
    console.error(`\n[bench] ${signal} reçu : arrêt des serveurs lancés par le benchmark…`);
    arreterTout({ delaiMs: 5_000 }).finally(() => {
      nettoyerDossier();
      process.exit(code);
    });
  });
}

/** Builds when the build is missing or older than the sources (the rule `npm start` follows), then names it. */
function construireSiNecessaire() {
  if (!construireSiBesoin({ journal })) throw new Error("next build a échoué.");
  const marqueur = join(racine, ".next/BUILD_ID");
  return { id: readFileSync(marqueur, "utf8").trim(), date: new Date(statSync(marqueur).mtimeMs), perimee: !constructionAJour() };
}

/** The build measured, built once per run (measures 1-6 and 8 measure the same one). */
let constructionRetenue = null;
function constructionMesuree() {
  if (constructionRetenue) return constructionRetenue;
  constructionRetenue = construireSiNecessaire();
  idConstruction = constructionRetenue.id;
  journal(`Construction mesurée : ${constructionRetenue.id} du ${constructionRetenue.date.toISOString()}`);
  if (constructionRetenue.perimee) journal("Attention : des sources sont plus récentes que cette construction (le benchmark ne reconstruit pas).");
  return constructionRetenue;
}

async function demarrer(etiquette, parametres) {
  journal(`${etiquette} : next start sur ${HOTE}:${parametres.port}…`);
  const serveur = lancerNext(parametres);
  const { dureeMs, sante } = await attendreSante(serveur, { delaiMaxMs: DELAI_SANTE_MS });
  journal(`${etiquette} : /api/health 200 après ${secondes(dureeMs)} (${JSON.stringify(sante)})`);
  return { serveur, dureeMs };
}

async function comparerAuStatique({ chemin, port, dossierStatique, config }) {
  const url = `http://${HOTE}:${port}${chemin}`;
  const modele = await obtenir(url);
  if (modele.statut !== 200) throw new Error(`GET ${chemin} répond HTTP ${modele.statut}`);
  const typeDeContenu = String(modele.entetes["content-type"] ?? "application/octet-stream");
  const fichier = join(dossierStatique, `${chemin === "/" ? "index" : chemin.replace(/^\/+/, "").replace(/[^a-z0-9.-]+/gi, "_")}.bin`);
  // The very bytes of the route's answer: same size by construction.
  writeFileSync(fichier, modele.corps);

  journal(`GET ${chemin} (${modele.corps.length} octets, ${typeDeContenu}) : Next.js seul sous charge…`);
  const route = await mesurerCharge({ url, ...config });

  journal(`GET ${chemin} : fichier statique de même taille, serveur Node http seul sous charge…`);
  const statique = await lancerServeurStatique({ racine, fichier, typeDeContenu });
  let referenceMesure;
  try {
    const urlStatique = `http://${HOTE}:${statique.port}/${chemin === "/" ? "" : chemin.replace(/^\/+/, "")}`;
    const controle = await obtenir(urlStatique);
    if (controle.statut !== 200 || controle.corps.length !== modele.corps.length) {
      throw new Error(`le serveur statique rend ${controle.corps.length} octets (HTTP ${controle.statut}), ${modele.corps.length} attendus`);
    }
    referenceMesure = await mesurerCharge({ url: urlStatique, ...config });
  } finally {
    await arreter(statique.suivi, { delaiMs: 5_000 });
  }
  return { chemin, octets: modele.corps.length, typeDeContenu, route, statique: referenceMesure, ratio: route.rps / referenceMesure.rps };
}

function machine() {
  const cpus = os.cpus();
  return {
    coeurs: cpus.length,
    modele: cpus[0]?.model?.trim() ?? "inconnu",
    memoire: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    systeme: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const charge1 = () => os.loadavg()[0].toFixed(2);

/** The région with the most communes, from the territories API's départements. */
function regionLaPlusGrande(departements) {
  const parRegion = new Map();
  for (const d of departements) parRegion.set(d.codeRegion, (parRegion.get(d.codeRegion) ?? 0) + d.communes);
  const [code, communes] = [...parRegion].reduce((max, r) => (r[1] > max[1] ? r : max));
  return { code, communes, departements: departements.filter((d) => d.codeRegion === code).length };
}

/**
 * An account and a one-time login link, by the command line run beside the server with its
 * environment (the application holds the database directory and runs the commands itself).
 */
async function lienDeConnexion({ port, dossierPglite, compte }) {
  const cli = async (argv) => {
    const r = await executerCli({ racine, port, dossierPglite, argv });
    if (r.code !== 0) throw new Error(`« npm run cli -- ${argv.join(" ")} » a échoué (code ${r.code}) : ${(r.erreurs.trim() || r.sortie.trim()).slice(0, 500)}`);
    return r;
  };
  const creation = await cli(["utilisateurs:creer", "--email", compte.email, "--role", compte.role, "--prenom", compte.prenom, "--nom", compte.nom]);
  journal(`Ligne de commande : ${creation.sortie.split("\n")[0]} ${creation.erreurs.trim()}`);
  const emission = await cli(["connexion:lien", "--email", compte.email]);
  const lien = /https?:\/\/\S+\/connexion\/lien\?\S+/.exec(emission.sortie)?.[0];
  if (!lien) throw new Error(`connexion:lien n'a pas affiché de lien : ${emission.sortie.trim()}`);
  return lien;
}

async function principal() {
  const mesures = mesuresDemandees();
  const config = {
    duree: nombreEnv("BENCH_DUREE", 10, { min: 1 }),
    echauffement: nombreEnv("BENCH_ECHAUFFEMENT", 2, { min: 0 }),
    connexions: Math.round(nombreEnv("BENCH_CONNEXIONS", 10, { min: 1 })),
  };
  if (mesures.brut !== "1-9") journal(`BENCH_MESURES=${mesures.brut} : ${[mesures.application && "mesures 1 à 6", mesures.imports && "mesure 7", mesures.donnees && "mesure 8", mesures.perimetres && "mesure 9"].filter(Boolean).join(", ")}.`);
  const application = mesures.application ? await mesurerApplication(config) : null;
  const imports = mesures.imports ? await mesurerMesureImports() : null;
  let donnees = null;
  let echecDonnees = null;
  if (mesures.donnees) {
    try {
      donnees = await mesurerDonneesPubliques(config);
    } catch (erreur) {
      // Alone, it fails like any measure; after others, their figures are still reported and written.
      if (!application && !imports) throw erreur;
      echecDonnees = erreur;
    }
  }
  const perimetres = mesures.perimetres ? await mesurerPerimetres() : null;
  return { application, imports, donnees, echecDonnees, perimetres };
}

/** Measure 9: the perimeter engine of the feuilles de route, pure, on the real COG (bench/lib/perimetres.ts). */
async function mesurerPerimetres() {
  journal("Moteur des périmètres des feuilles de route (bench/lib/perimetres.ts)…");
  const debut = new Date();
  const r = await executer({ racine, commande: process.execPath, argv: ["--import", "tsx", "bench/lib/perimetres.ts"], libelle: "bench/lib/perimetres.ts", env: process.env });
  if (r.code !== 0) throw new Error(`bench/lib/perimetres.ts a échoué (code ${r.code}) : ${r.erreurs.slice(-500)}`);
  return { ...JSON.parse(r.sortie.trim().split("\n").at(-1)), debut };
}

function rapportPerimetres(m) {
  const cas = [
    ["9a", `chaque EPCI sa feuille de route (${m.scenario3.feuilles}), scénario 3 accepté`, m.scenario3, CIBLES.perimetresMs],
    ["9b", `une départementale et chaque EPCI (${m.scenario2.feuilles}), scénario 2 accepté`, m.scenario2, CIBLES.perimetresMs],
    ["9c", `chaque EPCI deux fois (${m.chevauchements.feuilles}), chevauchements refusés (${m.chevauchements.erreurs} erreurs)`, m.chevauchements, null],
  ];
  const entete = ["#", "Mesure", "Valeur", "Cible", "Verdict"];
  const valide = (x, attendu) => (attendu === "refus" ? !x.ok : x.ok);
  const lignes = cas.map(([n, libelle, x, cible]) => [
    n,
    `Vérification des périmètres, département ${m.departement} (${m.communes} communes, ${m.epci} EPCI) : ${libelle}`,
    `${millisecondes(x.medianeMs)} (médiane) ; p99 ${millisecondes(x.p99Ms)} ; max ${millisecondes(x.maxMs)} ; ${m.repetitions} fois`,
    cible === null ? "aucune" : `< ${cible} ms (médiane)`,
    !valide(x, n === "9c" ? "refus" : "accepte") ? "FAIL" : verdict(cible === null ? null : x.medianeMs < cible),
  ]);
  const notes = [
    `- Date : ${m.debut.toISOString()} ; COG ${m.millesime} du paquet installé ; le département qui a le plus de communes.`,
    "- Fonction pure (src/domain/gouvernance/perimetres.ts), appelée dans ce processus après 50 appels d'échauffement ; le p99 et le maximum portent surtout les pauses du ramasse-miettes. 9c n'a pas de cible : c'est le refus le plus lourd (chaque commune dans deux feuilles de route), un FAIL y signale un jeu accepté à tort.",
  ];
  return {
    texte: ["", "Moteur des périmètres (mesure 9)", tableTexte(entete, lignes), ...notes].join("\n"),
    markdown: ["## Moteur des périmètres des feuilles de route (mesure 9)", "", tableMarkdown(entete, lignes), "", ...notes].join("\n"),
    mesuree: cas.every(([n, , x]) => valide(x, n === "9c" ? "refus" : "accepte")),
  };
}

/** Measure 7: the importers of the command line, no build and no server. */
async function mesurerMesureImports() {
  const debut = new Date();
  const chargeAvant = charge1();
  const resultats = await mesurerImports({ racine, fichierIfn: IMPORTS.fichierIfn, nombre: IMPORTS.lieux, graine: IMPORTS.graine, journal, dossiers: dossiersImports });
  return { ...resultats, debut, fin: new Date(), chargeAvant, chargeApres: charge1() };
}

/**
 * Measure 8: a fresh embedded database prepared by the command line (territories, demonstration
 * data, the national real files, 20,000 generated places), the built app started on it, each
 * route of the public data dashboard warmed once then loaded; the HTML and the map's SVG of the
 * pages with a map weighed.
 */
async function mesurerDonneesPubliques(config) {
  const debut = new Date();
  const chargeAvant = charge1();
  const manquants = fichiersManquants(DONNEES.dossier);
  if (manquants.length) {
    throw new Error(
      `mesure 8 : fichiers de données réelles introuvables (${manquants.join(", ")}). Ils sont lus dans ../shared/data ou dans le dossier que nomme EFNE_DONNEES_REELLES (actuellement ${DONNEES.dossier}).`,
    );
  }
  const construction = constructionMesuree();

  const dossier = mkdtempSync(join(os.tmpdir(), "efne-bench-donnees-"));
  dossiersImports.add(dossier);
  const dossierPglite = join(dossier, "pglite");
  const journalServeur = join(dossier, "next-start.log");
  journalNext = journalServeur;
  // On an error the directory stays until the server's log has been shown (then nettoyerDossier or exit removes it).
  let reussie = false;
  try {
    journal(`Données publiques : base embarquée neuve, préparée par la ligne de commande avec les fichiers de ${DONNEES.dossier}…`);
    const preparation = await preparerBaseDonnees({
      racine,
      dossierPglite,
      dossierDonnees: DONNEES.dossier,
      lieux: { nombre: DONNEES.lieux, graine: DONNEES.graine, fichier: join(dossier, `lieux-banc-${DONNEES.lieux}-graine-${DONNEES.graine}.csv`) },
      journal,
    });
    journal(`Préparation terminée en ${secondes(preparation.dureeMs)}.`);

    const port = await portLibre();
    const base = `http://${HOTE}:${port}`;
    const { serveur, dureeMs: demarrageMs } = await demarrer("Données publiques", { racine, port, dossierPglite, journal: journalServeur });
    try {
      // Each route once (the first answer builds the server's caches): it must answer 200.
      const reponses = new Map();
      for (const chemin of ROUTES_DONNEES) {
        const t0 = performance.now();
        const r = await obtenir(`${base}${chemin}`, { delaiMs: 60_000 });
        const premiereMs = performance.now() - t0;
        if (r.statut !== 200) throw new Error(`GET ${chemin} répond HTTP ${r.statut} : ${r.corps.toString("utf8").slice(0, 300)}`);
        reponses.set(chemin, { octets: r.corps.length, typeDeContenu: String(r.entetes["content-type"] ?? "?"), premiereMs, corps: r.corps });
        journal(`  GET ${chemin} : 200, ${r.corps.length} octets, première réponse en ${millisecondes(premiereMs)}`);
      }

      const pages = PAGES_CARTE.map((chemin) => {
        const { corps } = reponses.get(chemin);
        const html = corps.toString("utf8");
        // The page lists the département's geolocated places under the map ("Les N lieux placés sur la carte"); the map draws those inside its frame.
        const liste = /Les (?:<!-- -->)?([\d\s\u00a0\u202f]+?)(?:<!-- -->)? lieux placés sur la carte/.exec(html);
        return { chemin, html: tailles(corps), carte: extraireCarte(html), lieuxListes: liste ? Number(liste[1].replace(/\D/g, "")) : 0 };
      });
      const epci = extraireCarte(reponses.get("/donnees/departements/62?carte=epci").corps.toString("utf8"));
      const carte62 = pages[0].carte;
      if (!carte62 || carte62.zones <= DONNEES.zonesMin62) {
        throw new Error(
          `la carte des communes de /donnees/departements/62 dessine ${carte62 ? `${carte62.zones} zones (data-zone)` : "aucune zone (pas de <svg role=\"group\"> avec des data-zone)"}, plus de ${DONNEES.zonesMin62} attendues : la géométrie des communes n'est pas chargée.`,
        );
      }
      for (const p of pages) journal(`  ${p.chemin} : HTML ${kilooctets(p.html.octets)} (gzip ${kilooctets(p.html.gzip)}), carte ${p.carte ? `${kilooctets(p.carte.octets)} (gzip ${kilooctets(p.carte.gzip)}), ${p.carte.zones} zones, ${p.carte.lieux} lieux` : "absente"}.`);

      journal(`Charge : ${config.connexions} connexions, ${config.echauffement} s d'échauffement puis ${config.duree} s mesurées par route, l'une après l'autre, le serveur au repos avant chaque période.`);
      const pid = serveur.suivi.enfant.pid;
      const charges = [];
      for (const chemin of ROUTES_DONNEES) {
        const { octets, typeDeContenu, premiereMs } = reponses.get(chemin);
        const attentes = [await attendreRepos(pid)];
        const mesure = await mesurerCharge({ url: `${base}${chemin}`, ...config, entreDeux: async () => void attentes.push(await attendreRepos(pid)) });
        journal(
          `  GET ${chemin} : ${parSeconde(mesure.rps)}, p50 ${millisecondes(mesure.p50)}, p99 ${millisecondes(mesure.p99)}, ${mesure.total} requêtes, ${mesure.non2xx} non-2xx, ${mesure.erreurs} erreurs (${mesure.delaisDepasses} délais dépassés) ; repos attendu ${attentes.map((a) => `${secondes(a.dureeMs)}${a.repos ? "" : " (sans l'obtenir)"}`).join(" puis ")}`,
        );
        charges.push({ chemin, octets, typeDeContenu, premiereMs, attentes, ...mesure });
      }
      await attendreRepos(pid);
      reussie = true;
      return { config, debut, fin: new Date(), chargeAvant, chargeApres: charge1(), construction, constructionChangee: constructionChangee(), dossierDonnees: DONNEES.dossier, preparation, demarrageMs, pages, epci, charges };
    } finally {
      const arret = await arreter(serveur.suivi, { signal: "SIGTERM", delaiMs: 30_000 });
      journal(`Serveur arrêté (SIGTERM, ${secondes(arret.dureeMs)}${arret.force ? ", puis SIGKILL" : ""}).`);
    }
  } finally {
    if (reussie) {
      rmSync(dossier, { recursive: true, force: true });
      dossiersImports.delete(dossier);
      journalNext = null;
    }
  }
}

/** Measures 1 to 6: the built application on one server and one database. */
async function mesurerApplication(config) {
  const debutBench = new Date();
  const chargeAvant = charge1();
  const construction = constructionMesuree();

  dossierTemporaire = mkdtempSync(join(os.tmpdir(), "efne-bench-"));
  const dossierPglite = join(dossierTemporaire, "pglite");
  const dossierStatique = join(dossierTemporaire, "statique");
  mkdirSync(dossierStatique);
  const journalServeur = join(dossierTemporaire, "next-start.log");
  journalNext = journalServeur;
  const port = await portLibre();
  const parametres = { racine, port, dossierPglite, journal: journalServeur };

  // 1. First start on an empty database.
  const premier = await demarrer("Premier démarrage (base vide)", parametres);
  const departements = JSON.parse((await obtenir(`http://${HOTE}:${port}${ROUTE_JSON}`)).corps.toString("utf8"));
  if (!Array.isArray(departements) || departements.length === 0) throw new Error(`${ROUTE_JSON} ne rend aucun département après le premier démarrage.`);
  journal(`Territoires présents : ${departements.length} départements.`);
  const arret = await arreter(premier.serveur.suivi, { signal: "SIGTERM", delaiMs: 30_000 });
  if (arret.force) throw new Error("le serveur ne s'est pas arrêté dans les 30 s qui suivent SIGTERM (il a fallu SIGKILL).");
  journal(`Arrêt par SIGTERM en ${secondes(arret.dureeMs)} (code ${arret.code}, signal ${arret.signal}).`);

  // 2. Warm start on the same database.
  const chaud = await demarrer("Démarrage à chaud (même base)", parametres);

  // 3. Load, one server under load at a time.
  journal(`Charge : ${config.connexions} connexions, ${config.echauffement} s d'échauffement puis ${config.duree} s mesurées par serveur, l'un après l'autre.`);
  const comparaisons = [];
  for (const chemin of [ROUTE_JSON, "/"]) comparaisons.push(await comparerAuStatique({ chemin, port, dossierStatique, config }));

  // 4. JavaScript per page.
  journal(`JavaScript des pages publiques : ${PAGES.join(", ")}…`);
  const poids = await mesurerPoidsJs({ base: `http://${HOTE}:${port}`, chemins: PAGES, limiteOctets: CIBLES.jsParPageOctets });

  // 5. Perimeter picker of the "porter" form, for the région with the most communes.
  const region = regionLaPlusGrande(departements);
  journal(`Sélecteur de périmètre : région ${region.code} (${region.communes} communes, ${region.departements} départements), compte « contact » et lien de connexion par la ligne de commande…`);
  const lien = await lienDeConnexion({ port, dossierPglite, compte: PORTEUR });
  const perimetre = await mesurerPerimetre({ base: `http://${HOTE}:${port}`, lien, region, ...PERIMETRE, journal });

  const arretChaud = await arreter(chaud.serveur.suivi, { signal: "SIGTERM", delaiMs: 30_000 });
  journal(`Serveur arrêté (SIGTERM, ${secondes(arretChaud.dureeMs)}${arretChaud.force ? ", puis SIGKILL" : ""}).`);

  // 6. National contacts export, 100,000 more lines in the same database.
  const exportNational = await mesurerExportNational(parametres);
  nettoyerDossier();

  if (constructionChangee()) journal("Attention : .next a été reconstruit pendant la mesure ; les chiffres ne valent pas pour une seule construction.");
  return { config, debutBench, finBench: new Date(), constructionChangee: constructionChangee(), chargeAvant, chargeApres: charge1(), construction, premier, arret, chaud, departements: departements.length, comparaisons, poids, perimetre, exportNational };
}

/**
 * Measure 6. The server is stopped: bench/generer-contacts.ts writes the contact lines into its
 * database directory (and times the exports' keyset read in PGlite, without HTTP); the server is
 * started again, each export route answers an anonymous request once (401, so that the idle figure
 * holds the route modules: exceljs…), the idle RSS is read, an "administrateur" logs in, and the
 * CSV then the XLSX are downloaded with the RSS sampled every 50 ms.
 */
async function mesurerExportNational(parametres) {
  const { port, dossierPglite } = parametres;
  journal(`Export national : génération de ${CONTACTS.nombre} lignes de contacts dans la base du serveur arrêté (graine ${CONTACTS.graine})…`);
  const sortie = await executerGenerateurContacts({ racine, port, dossierPglite, nombre: CONTACTS.nombre, graine: CONTACTS.graine });
  if (sortie.code !== 0) throw new Error(`bench/generer-contacts.ts a échoué (code ${sortie.code}) : ${sortie.erreurs.trim().slice(-800)}`);
  const brut = /^RESULTAT (.+)$/m.exec(sortie.sortie)?.[1];
  if (!brut) throw new Error(`bench/generer-contacts.ts n'a pas donné de résultat : ${sortie.sortie.trim().slice(-500)}`);
  const generation = JSON.parse(brut);
  for (const ligne of sortie.erreurs.trim().split("\n").filter((l) => !/^\s+\d+ \/ \d+ lignes$/.test(l))) journal(`  ${ligne}`);

  const base = `http://${HOTE}:${port}`;
  const serveur = await demarrer(`Redémarrage avec ${generation.lignesNationales} lignes de contacts`, parametres);
  try {
    for (const { chemin } of EXPORTS) {
      const anonyme = await obtenir(`${base}${chemin}`);
      if (anonyme.statut !== 401) throw new Error(`GET ${chemin} sans session répond HTTP ${anonyme.statut} (401 attendu)`);
    }
    const pid = serveur.serveur.suivi.enfant.pid;
    const repos = await rssAuRepos(pid);
    journal(`RSS au repos du serveur (pid ${repos.pids.join(", ")}) : ${megaoctets(repos.octets)}.`);
    const lien = await lienDeConnexion({ port, dossierPglite, compte: ADMINISTRATEUR });
    const cookie = await seConnecterParLeLien({ base, lien });
    const exports = await mesurerExports({ base, pid, cookie, exports: EXPORTS, lignesAttendues: generation.lignesAvant + CONTACTS.nombre, rssRepos: repos.octets, journal });
    return { generation, demarrageMs: serveur.dureeMs, repos, exports };
  } finally {
    const arret = await arreter(serveur.serveur.suivi, { signal: "SIGTERM", delaiMs: 30_000 });
    journal(`Serveur arrêté (SIGTERM, ${secondes(arret.dureeMs)}).`);
  }
}

/** Summary rows of measure 5 (verdicts on the medians; the max is shown beside). */
function lignesResumePerimetre(p) {
  const medianeMax = (s, format) => `${format(s.mediane)} / ${format(s.max)} (médiane / max, ${s.n})`;
  return [
    [
      "5a",
      `Étape « Périmètre », ${p.region.nom} (${p.region.communes} communes) : navigation → page prête (hydratée, un département s'ouvre)`,
      medianeMax(p.chargement.pret, secondes),
      `< ${CIBLES.perimetrePretMs / 1000} s`,
      verdict(p.chargement.pret.mediane < CIBLES.perimetrePretMs),
    ],
    [
      "5b",
      "Cocher une commune, un département et une liste ouverts : clic → compteur",
      medianeMax(p.caseUne.compteur, millisecondes),
      `< ${CIBLES.perimetreCaseMs} ms`,
      verdict(p.caseUne.compteur.mediane < CIBLES.perimetreCaseMs),
    ],
    [
      "5c",
      `« Sélectionner toutes les communes », ${p.toutes.epci} (${p.toutes.n} communes) : clic → compteur`,
      medianeMax(p.toutes.compteur, millisecondes),
      `< ${CIBLES.perimetreToutesMs} ms`,
      verdict(p.toutes.compteur.mediane < CIBLES.perimetreToutesMs),
    ],
    [
      "5d",
      "Même case : clic → badge « Enregistré » (aller-retour de l'enregistrement)",
      medianeMax(p.toutes.enregistre, millisecondes),
      `< ${CIBLES.perimetreEnregistreMs / 1000} s`,
      verdict(p.toutes.enregistre.mediane < CIBLES.perimetreEnregistreMs),
    ],
    ["5e", `Ouvrir tous les départements et toutes les listes (${p.toutOuvert.clics} clics, ${p.toutOuvert.casesCommunes} cases de communes)`, secondes(p.toutOuvert.dureeMs), "aucune", verdict(null)],
    [
      "5f",
      "Tout ouvert : cocher une commune, clic → compteur",
      medianeMax(p.caseToutOuvert.compteur, millisecondes),
      `< ${CIBLES.perimetreCaseMs} ms`,
      verdict(p.caseToutOuvert.compteur.mediane < CIBLES.perimetreCaseMs),
    ],
  ];
}

/** Summary rows of measure 6: per format, the time to the last byte (rows checked) and the memory rise. */
function lignesResumeExport(e) {
  const nombre = (n) => n.toLocaleString("fr-FR");
  return e.exports.flatMap((x, i) => {
    const lettre = (k) => String.fromCharCode(97 + 2 * i + k);
    const nom = x.format.toUpperCase();
    return [
      [
        `6${lettre(0)}`,
        `Export national ${nom} (${nombre(e.generation.lignesNationales)} contacts) : requête → dernier octet`,
        `${secondes(x.dernierOctetMs)} (${megaoctets(x.octets)}, ${nombre(x.lignes)} ${x.format === "csv" ? "lignes" : "rangées"}${x.lignesJustes ? "" : `, ${nombre(x.lignesAttendues)} attendues`})`,
        `< ${CIBLES.exportDernierOctetMs / 1000} s`,
        `${verdict(x.dernierOctetMs < CIBLES.exportDernierOctetMs && x.lignesJustes && x.verification.formules === 0)}${x.lignesJustes ? "" : " (nombre de lignes faux)"}${x.verification.formules ? " (formules non neutralisées)" : ""}`,
      ],
      [
        `6${lettre(1)}`,
        `Export national ${nom} : pic de mémoire résidente du serveur au-dessus du repos`,
        `+${megaoctets(x.rss.hausse)} (repos ${megaoctets(x.rss.repos)}, pic ${megaoctets(x.rss.pic)})`,
        `< ${megaoctets(CIBLES.exportHausseRssOctets)}`,
        verdict(x.rss.hausse < CIBLES.exportHausseRssOctets),
      ],
    ];
  });
}

function rapportApplication(r) {
  const [json, accueil] = r.comparaisons;
  const pagesEnEchec = r.poids.pages.filter((p) => !p.respecte);
  const resume = [
    ["1", "Premier démarrage, base vide (spawn → /api/health 200)", secondes(r.premier.dureeMs), `< ${CIBLES.premierDemarrageMs / 1000} s`, verdict(r.premier.dureeMs < CIBLES.premierDemarrageMs)],
    ["2", "Démarrage à chaud, même base (spawn → /api/health 200)", secondes(r.chaud.dureeMs), `< ${CIBLES.demarrageAChaudMs / 1000} s`, verdict(r.chaud.dureeMs < CIBLES.demarrageAChaudMs)],
    [
      "3a",
      `GET ${json.chemin} : débit / fichier statique même taille`,
      `${pourcent(json.ratio)} (${parSeconde(json.route.rps)} / ${parSeconde(json.statique.rps)})`,
      `≥ ${pourcent(CIBLES.ratioJson)}`,
      verdict(json.ratio >= CIBLES.ratioJson && json.route.non2xx === 0 && json.route.erreurs === 0),
    ],
    ["3b", `GET ${accueil.chemin} : débit / fichier statique même taille`, `${pourcent(accueil.ratio)} (${parSeconde(accueil.route.rps)} / ${parSeconde(accueil.statique.rps)})`, "aucune", verdict(null)],
    [
      "4",
      "JavaScript par page publique (gzip), la plus lourde",
      `${r.poids.plusLourde.chemin} : ${kilooctets(r.poids.plusLourde.telecharge)} téléchargés par un navigateur actuel`,
      `< ${kilooctets(CIBLES.jsParPageOctets)} chaque page`,
      `${verdict(pagesEnEchec.length === 0)}${pagesEnEchec.length ? ` (${pagesEnEchec.length}/${r.poids.pages.length} pages au-dessus)` : ""}`,
    ],
    ...lignesResumePerimetre(r.perimetre),
    ...lignesResumeExport(r.exportNational),
  ];
  const enteteResume = ["#", "Mesure", "Valeur", "Cible", "Verdict"];

  const enteteCharge = ["Cible", "Corps", "req/s (moy.)", "p50", "p99", "max", "requêtes", "non-2xx", "erreurs", "ratio"];
  const lignesCharge = r.comparaisons.flatMap((c) => [
    [`Next.js GET ${c.chemin}`, `${c.octets} o`, parSeconde(c.route.rps), millisecondes(c.route.p50), millisecondes(c.route.p99), millisecondes(c.route.latenceMax), c.route.total, c.route.non2xx, c.route.erreurs, pourcent(c.ratio)],
    [`fichier statique (${c.typeDeContenu})`, `${c.octets} o`, parSeconde(c.statique.rps), millisecondes(c.statique.p50), millisecondes(c.statique.p99), millisecondes(c.statique.latenceMax), c.statique.total, c.statique.non2xx, c.statique.erreurs, "100 %"],
  ]);

  const entetePoids = ["Page", "scripts téléchargés", "dont nommés par le HTML", "JS brut", "JS gzip", "HTML gzip", "scripts en ligne (brut)", "Verdict (< 150 kB)"];
  const lignesPoids = r.poids.pages.map((p) => [p.chemin, p.nombreScripts, p.declares, kilooctets(p.brut), kilooctets(p.gzip), kilooctets(p.htmlGzip), kilooctets(p.enLigne), verdict(p.respecte)]);

  const p = r.perimetre;
  const entetePerimetreChargements = ["Chargement", "premier octet", "fin du HTML", "premier affichage", "compteur vu (sondé)", "document complet", "hydraté", "prêt"];
  const lignesPerimetreChargements = [
    ...p.chargement.mesures.map((c, i) => [String(i + 1), c.premierOctet, c.finHtml, c.premierAffichage, c.compteurVu, c.complet, c.hydrate, c.pret]),
    [
      "médiane",
      ...["premierOctet", "finHtml", "premierAffichage", "compteurVu", "complet", "hydrate", "pret"].map((cle) =>
        p.chargement.mesures.some((c) => c[cle] === null) ? null : statistiques(p.chargement.mesures.map((c) => c[cle])).mediane,
      ),
    ],
  ].map(([etiquette, ...valeurs]) => [etiquette, ...valeurs.map((v) => (v === null ? "—" : millisecondes(v)))]);
  const entetePerimetreClics = ["Mesure", "clics", "délai d'entrée (méd.)", "clic → compteur méd.", "max", "→ image suivante méd.", "max", "→ « Enregistré » méd.", "max"];
  const lignePerimetreClics = (etiquette, mesure) => [
    etiquette,
    mesure.compteur.n,
    millisecondes(mesure.entree.mediane),
    millisecondes(mesure.compteur.mediane),
    millisecondes(mesure.compteur.max),
    millisecondes(mesure.image.mediane),
    millisecondes(mesure.image.max),
    millisecondes(mesure.enregistre.mediane),
    millisecondes(mesure.enregistre.max),
  ];
  const lignesPerimetreClics = [
    lignePerimetreClics(`5b une commune, ${p.caseUne.departement} et ${p.caseUne.epci} (${p.caseUne.n}) ouverts`, p.caseUne),
    lignePerimetreClics(`5c/5d « Sélectionner toutes les communes », ${p.toutes.epci} (${p.toutes.n}), cocher puis décocher`, p.toutes),
    lignePerimetreClics(`5f une commune, tout ouvert (${p.toutOuvert.casesCommunes} communes)`, p.caseToutOuvert),
  ];
  const textePerimetre = [
    `Région ${p.region.nom} (${p.region.code}) : ${p.region.communes} communes d'après ${ROUTE_JSON}, ${p.chargement.departements} départements dans la page, ${p.toutOuvert.casesCommunes} cases de communes une fois tout ouvert.`,
    `Document de l'étape : ${kilooctets(p.chargement.transfert)} transférés (gzip), ${kilooctets(p.chargement.corps)} décompressés, dont ${kilooctets(p.chargement.enLigne)} de scripts en ligne (la charge RSC, qui porte tout le territoire).`,
    `Tout ouvrir (5e) : ${p.toutOuvert.clics} clics, ${secondes(p.toutOuvert.dureeMs)} en tout, ${millisecondes(p.toutOuvert.plusLongue)} pour l'ouverture la plus longue ; ensuite ${p.toutOuvert.cases} cases à cocher et ${p.toutOuvert.elements} éléments dans la page.`,
  ];

  const e = r.exportNational;
  const g = e.generation;
  const lots = g.lectureParLots;
  const enteteExport = ["Export", "HTTP gzip", "transférés", "fichier", "premier octet", "moitié des octets", "dernier octet", "lignes / attendues", "cellules neutralisées", "formules", "RSS départ", "RSS pic", "hausse / repos", "RSS après"];
  const lignesExport = e.exports.map((x) => [
    `${x.format.toUpperCase()} ${x.chemin}`,
    x.gzip ? "oui" : "non",
    megaoctets(x.transferes),
    megaoctets(x.octets),
    secondes(x.premierOctetMs),
    secondes(x.moitieMs),
    secondes(x.dernierOctetMs),
    `${x.lignes} / ${x.lignesAttendues}`,
    x.verification.neutralisees,
    x.verification.formules,
    megaoctets(x.rss.depart),
    megaoctets(x.rss.pic),
    `+${megaoctets(x.rss.hausse)}`,
    megaoctets(x.rss.apres),
  ]);
  const texteExport = [
    `Génération (bench/generer-contacts.ts, serveur arrêté, graine ${CONTACTS.graine}) : ${g.lignes} lignes de contacts, ${g.formulaires} formulaires envoyés, ${g.candidats} candidats sur ${g.departements} départements, en ${secondes(g.dureeMs)} (${g.lots} transactions) ; ${g.lignesAvant} lignes existaient avant (démonstration), l'export national en compte ${g.lignesNationales} selon la base.`,
    lots
      ? `Lecture par lots de l'export (lignesDeContacts, lots de 1000, dans PGlite sans HTTP) : ${lots.lots} lots, ${secondes(lots.totalMs)} en tout ; ${millisecondes(lots.premierDixiemeMs)} par lot en moyenne sur le premier dixième, ${millisecondes(lots.dernierDixiemeMs)} sur le dernier (médiane ${millisecondes(lots.medianeMs)}, max ${millisecondes(lots.maxMs)}).`
      : "Lecture par lots : non mesurée.",
    `Redémarrage sur cette base : /api/health 200 après ${secondes(e.demarrageMs)}. RSS au repos (processus ${e.repos.pids.join(", ")}, somme des VmRSS, 5 s après deux requêtes anonymes aux exports) : ${megaoctets(e.repos.octets)}.`,
    ...e.exports.map(
      (x) =>
        `${x.format.toUpperCase()} : « ${x.fichier} » (${x.typeDeContenu}) ; ${x.format === "csv" ? `BOM ${x.verification.bom ? "présent" : "ABSENT"}, ` : `${x.verification.feuilles} feuille(s), ${x.verification.dates} dates typées, `}en-tête « ${x.verification.entete.slice(0, 90)}… » ; RSS échantillonnée ${x.rss.echantillons} fois (processus ${x.rss.pids.join(", ")}).`,
    ),
  ];

  const m = machine();
  const notes = [
    `Charge : autocannon ${r.config.connexions} connexions, pipelining 1, ${r.config.echauffement} s d'échauffement non comptées puis ${r.config.duree} s mesurées par cible. Les serveurs sont mis sous charge l'un après l'autre, jamais en même temps (le serveur Next.js reste lancé mais inactif pendant la mesure du fichier statique ; le serveur statique n'existe que pendant la sienne), pour ne pas se partager les ${m.coeurs} cœurs. autocannon tourne sur la même machine et prend sa part du processeur dans les deux cas.`,
    "req/s = moyenne des échantillons d'une seconde d'autocannon ; latences en ms. Le fichier statique contient exactement les octets de la réponse de la route (même taille, même Content-Type), servi depuis la mémoire par bench/serveur-statique.mjs.",
    "JavaScript : ce que Chromium télécharge pour afficher la page (toutes les réponses de type script jusqu'au repos du réseau, y compris celles chargées après l'hydratation, comme le JavaScript du DSFR), chacune compressée par zlib gzipSync (niveau par défaut) ; un script partagé compte pour chaque page. kB = 1000 octets. Les scripts en ligne (charge RSC) font partie du HTML, montré à part, hors cible.",
    `Sélecteur de périmètre : Chromium de Debian, compte « contact » créé et lien de connexion affiché par la ligne de commande (exécutée par l'application en cours), puis les vraies pages : connexion, choix du formulaire, étape 1 remplie, étape 2. Chargement : de navigationStart au compteur affiché, au document complet et au premier bouton de département hydraté, qui ouvre sa liste au clic (prêt) ; le territoire est déjà en cache dans le serveur (première visite de l'étape). Clics : à la souris sur le libellé, le pointeur posé puis le bouton enfoncé avec un rendu entre chaque pas, la mesure partant de l'horodatage de l'événement click dans la page ; compteur = texte du compteur modifié (MutationObserver), image suivante = après requestAnimationFrame, « Enregistré » = badge après « Enregistrement… » (aller-retour de l'action serveur). Chaque clic attend l'enregistrement du précédent. Verdicts sur les médianes.`,
    `Export national : ${CONTACTS.nombre} lignes de contacts fictives (demonstration = true, @efne.invalid) générées dans la base du serveur arrêté, puis le serveur redémarré ; téléchargement comme un navigateur (cookie de session d'un administrateur connecté par le lien, Accept-Encoding: gzip), corps lu jusqu'au bout puis vérifié (lignes CRLF du CSV, rangées du XLSX relues par ExcelJS, cellules commençant par = + - @ neutralisées par une apostrophe). Mémoire : somme des VmRSS (/proc/<pid>/status) du serveur et de ses descendants, toutes les 50 ms pendant le téléchargement ; hausse = pic − repos. MB = 10⁶ octets.`,
    `Charge moyenne du système (1 min) : ${r.chargeAvant} au début, ${r.chargeApres} à la fin ; une charge élevée signale des chiffres bruités par d'autres processus.`,
  ];
  if (r.construction.perimee) notes.push("Des sources étaient plus récentes que la construction mesurée.");
  if (r.constructionChangee) notes.push("ATTENTION : .next a été reconstruit (next build) pendant la mesure ; relancer le benchmark sans construction en parallèle.");

  const texte = [
    "",
    "=== Benchmark : Espace France Numérique Ensemble ===",
    `${r.debutBench.toISOString()} — ${m.coeurs} cœurs (${m.modele}), ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    "",
    tableTexte(enteteResume, resume),
    "",
    `Arrêt par SIGTERM après le premier démarrage : ${secondes(r.arret.dureeMs)}. Territoires : ${r.departements} départements servis.`,
    "",
    "Charge (un serveur sous charge à la fois) :",
    tableTexte(enteteCharge, lignesCharge),
    "",
    `JavaScript par page (gzip, kB = 1000 octets ; ${r.poids.scriptsDistincts} scripts distincts) :`,
    tableTexte(entetePoids, lignesPoids),
    "",
    "Sélecteur de périmètre du formulaire « porter » :",
    ...textePerimetre,
    tableTexte(entetePerimetreChargements, lignesPerimetreChargements),
    "",
    tableTexte(entetePerimetreClics, lignesPerimetreClics),
    "",
    "Export national des contacts :",
    ...texteExport,
    tableTexte(enteteExport, lignesExport),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");

  const markdown = [
    `- Date : ${r.debutBench.toISOString()} (durée ${Math.round((r.finBench - r.debutBench) / 1000)} s)`,
    `- Machine : ${m.coeurs} cœurs (os.cpus().length ; ${m.modele}), mémoire totale ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    `- Construction mesurée : \`${r.construction.id}\` du ${r.construction.date.toISOString()}${r.construction.perimee ? " (des sources étaient plus récentes)" : ""}`,
    `- Paramètres : BENCH_DUREE=${r.config.duree} s, BENCH_ECHAUFFEMENT=${r.config.echauffement} s, BENCH_CONNEXIONS=${r.config.connexions}`,
    "",
    "## Résumé (mesures 1 à 6)",
    "",
    tableMarkdown(enteteResume, resume),
    "",
    "## Démarrages",
    "",
    tableMarkdown(
      ["Mesure", "Valeur"],
      [
        ["Premier démarrage, base embarquée vide (migrations, territoires, démonstration)", secondes(r.premier.dureeMs)],
        ["Arrêt par SIGTERM jusqu'à la fin du processus", secondes(r.arret.dureeMs)],
        ["Démarrage à chaud sur la même base", secondes(r.chaud.dureeMs)],
        ["Départements servis après le premier démarrage", r.departements],
      ],
    ),
    "",
    "## Charge",
    "",
    tableMarkdown(enteteCharge, lignesCharge),
    "",
    "## JavaScript par page publique",
    "",
    tableMarkdown(entetePoids, lignesPoids),
    "",
    `Page la plus lourde : \`${r.poids.plusLourde.chemin}\`, ${kilooctets(r.poids.plusLourde.telecharge)} gzip téléchargés (${kilooctets(r.poids.plusLourde.brut)} brut, noModule compris). ${r.poids.scriptsDistincts} scripts distincts sur l'ensemble des pages.`,
    "",
    "## Sélecteur de périmètre du formulaire « porter »",
    "",
    ...textePerimetre.map((t) => `- ${t}`),
    "",
    "Chargements de `/gouvernance/formulaire?etape=perimetre` (ms depuis le début de la navigation) :",
    "",
    tableMarkdown(entetePerimetreChargements, lignesPerimetreChargements),
    "",
    "Clics (ms depuis l'événement click) :",
    "",
    tableMarkdown(entetePerimetreClics, lignesPerimetreClics),
    "",
    "## Export national des contacts",
    "",
    ...texteExport.map((t) => `- ${t}`),
    "",
    tableMarkdown(enteteExport, lignesExport),
    "",
    "## Notes (mesures 1 à 6)",
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  return { texte, markdown };
}

/** Summary rows of measure 7: per file, time (with the counts, checked) and peak memory; the re-import's time. */
function lignesResumeImports(i) {
  const nombre = (n) => n.toLocaleString("fr-FR");
  const nonMesurable = (numero, mesure, probleme) => [numero, mesure, `non mesurable : ${probleme}`, "—", "non mesuré"];
  const comptes = (b) => `${nombre(b.lues)} lignes lues, ${nombre(b.acceptees)} acceptées dont ${nombre(b.corrigees)} corrigées, ${nombre(b.rejetees)} rejetées`;
  const memoire = (x) => {
    const travail = x.memoire.processus[0];
    return `${megaoctets(x.memoire.pic)} (somme de ${x.memoire.processus.length} processus ; VmHWM du processus d'import ${travail ? megaoctets(travail.hwm) : "?"})`;
  };
  const lignes = [];
  const ifn = i.ifn;
  const titreIfn = `Import IFN des communes (fichier réel ${i.fichierIfn})`;
  if (ifn.probleme) {
    lignes.push(nonMesurable("7a", `${titreIfn} : lancement → fin de la commande`, ifn.probleme), nonMesurable("7b", "Import IFN : pic de mémoire résidente de la commande", ifn.probleme));
  } else {
    const justes = ifn.bilan.lues === ifn.lignesAttendues;
    lignes.push(
      [
        "7a",
        `${titreIfn} : lancement → fin de la commande`,
        `${secondes(ifn.dureeMs)} (${comptes(ifn.bilan)})`,
        `< ${CIBLES.importDureeMs / 1000} s`,
        `${verdict(ifn.dureeMs < CIBLES.importDureeMs && justes)}${justes ? "" : ` (${nombre(ifn.lignesAttendues)} lignes dans le fichier)`}`,
      ],
      ["7b", "Import IFN : pic de mémoire résidente de la commande", memoire(ifn), `< ${megaoctets(CIBLES.importPicRssOctets)}`, verdict(ifn.memoire.pic < CIBLES.importPicRssOctets)],
    );
  }
  const lieux = i.lieux;
  const g = i.generation;
  const titreLieux = `Import de ${nombre(g.lignes)} lieux générés (standard 1.0, CSV)`;
  if (lieux.probleme) {
    lignes.push(nonMesurable("7c", `${titreLieux} : lancement → fin de la commande`, lieux.probleme), nonMesurable("7d", "Import des lieux : pic de mémoire résidente de la commande", lieux.probleme));
  } else {
    const b = lieux.bilan;
    const rejetsAttendus = g.sansId + g.communeInconnue;
    const justes = b.lues === g.lignes && b.rejetees === rejetsAttendus;
    lignes.push(
      [
        "7c",
        `${titreLieux} : lancement → fin de la commande`,
        `${secondes(lieux.dureeMs)} (${comptes(b)} ; ${nombre(b.fusionnes)} lieux fusionnés dans ${nombre(b.groupes)})`,
        `< ${CIBLES.importDureeMs / 1000} s`,
        `${verdict(lieux.dureeMs < CIBLES.importDureeMs && justes)}${justes ? "" : ` (attendu : ${nombre(g.lignes)} lues, ${nombre(rejetsAttendus)} rejetées)`}`,
      ],
      ["7d", "Import des lieux : pic de mémoire résidente de la commande", memoire(lieux), `< ${megaoctets(CIBLES.importPicRssOctets)}`, verdict(lieux.memoire.pic < CIBLES.importPicRssOctets)],
    );
  }
  const r = i.reimport;
  const titreReimport = "Même fichier de lieux importé une seconde fois (« déjà celui en service »)";
  if (!r) lignes.push(nonMesurable("7e", titreReimport, "le premier import des lieux n'a pas abouti"));
  else if (r.probleme) lignes.push(nonMesurable("7e", titreReimport, r.probleme));
  else lignes.push(["7e", titreReimport, `${secondes(r.dureeMs)} (pic ${megaoctets(r.memoire.pic)})`, "aucune", r.inchange ? verdict(null) : "FAIL (message « déjà celui en service » absent)"]);
  return lignes;
}

/** Measure 7 in the terminal and in its part of bench/RESULTS.md. */
function rapportImports(i) {
  const nombre = (n) => n.toLocaleString("fr-FR");
  const resume = lignesResumeImports(i);
  const enteteResume = ["#", "Mesure", "Valeur", "Cible", "Verdict"];
  const g = i.generation;
  const mesures = [
    ["IFN des communes", i.ifn],
    ["lieux générés", i.lieux],
    ["lieux, seconde fois", i.reimport],
  ].filter(([, x]) => x && !x.probleme);

  const enteteDetail = ["Import", "durée", "lignes lues", "acceptées", "corrigées", "rejetées", "RSS pic (somme)", "pic à", "VmHWM par processus", "échantillons"];
  const lignesDetail = mesures.map(([nom, x]) => [
    nom,
    secondes(x.dureeMs),
    x.bilan ? nombre(x.bilan.lues) : "—",
    x.bilan ? nombre(x.bilan.acceptees) : "—",
    x.bilan ? nombre(x.bilan.corrigees) : "—",
    x.bilan ? nombre(x.bilan.rejetees) : "—",
    megaoctets(x.memoire.pic),
    secondes(x.memoire.instantPic),
    x.memoire.processus.map((p) => `${p.nom} ${p.pid} : ${megaoctets(p.hwm)}`).join(" ; "),
    x.memoire.echantillons,
  ]);

  const enteteJalons = ["Import", "ligne affichée par la commande", "instant", "RSS (somme)"];
  const lignesJalons = mesures.flatMap(([nom, x]) => [
    ...jalons(x.lignes).map((l) => [nom, l.texte.length > 110 ? `${l.texte.slice(0, 107)}…` : l.texte, secondes(l.instantMs), megaoctets(l.rss)]),
    [nom, "(fin du processus)", secondes(x.dureeMs), "—"],
  ]);

  /** Between which printed lines the memory peak came. */
  const phaseDuPic = (x) => {
    const liste = jalons(x.lignes);
    const avant = [...liste].reverse().find((l) => l.instantMs <= x.memoire.instantPic);
    const apres = liste.find((l) => l.instantMs > x.memoire.instantPic);
    const citer = (l) => `« ${l.texte.length > 60 ? `${l.texte.slice(0, 59)}…` : l.texte} » (${secondes(l.instantMs)})`;
    if (!avant) return `avant la première ligne affichée${apres ? ` ${citer(apres)}` : ""} (démarrage)`;
    return apres ? `entre ${citer(avant)} et ${citer(apres)}` : `après la dernière étape affichée, ${citer(avant)}, fin du processus à ${secondes(x.dureeMs)}`;
  };

  const texteDetail = [
    `Préparation (non mesurée) : base embarquée neuve dans un dossier temporaire, « npm run -s cli -- territoires:importer » en ${secondes(i.preparationMs)} : ${i.territoires}`,
    i.socle.probleme
      ? `Socle : « statut » non mesuré, la commande ${i.socle.probleme}.`
      : `Socle, ce que coûte toute commande sur cette base avant de travailler (« statut » : node et tsx, PGlite ouvert, migrations vérifiées) : ${secondes(i.socle.dureeMs)}, pic ${megaoctets(i.socle.memoire.pic)} (${i.socle.memoire.processus.map((p) => `${p.nom} : VmHWM ${megaoctets(p.hwm)}`).join(", ")}).`,
    i.ifn.probleme ? `IFN des communes : non mesurable, ${i.ifn.probleme}.` : `IFN des communes : ${i.fichierIfn}, ${megaoctets(i.ifn.octets)}, ${nombre(i.ifn.lignesAttendues)} lignes de données. Bilan : « ${i.ifn.bilan.ligne} »`,
    `Lieux générés (bench/lib/generateur-lieux.mjs, graine ${g.graine}) : ${nombre(g.lignes)} lignes, ${megaoctets(g.octets)}, ${nombre(g.communes)} communes réelles tirées selon leur population ; ${nombre(g.doublons)} lignes redécrivent un lieu plus haut dans le fichier (autre source, même commune, même adresse, nom dans une autre casse), ${nombre(g.sansId)} sans id et ${nombre(g.communeInconnue)} à une commune inexistante (à rejeter : ${nombre(g.sansId + g.communeInconnue)}), ${nombre(g.defauts)} avec un défaut corrigible ; écrites en ${secondes(g.dureeMs)}.`,
    i.lieux.probleme ? `Import des lieux : non mesurable, la commande ${i.lieux.probleme}.` : `Import des lieux : « ${i.lieux.bilan.ligne} » (${nombre(g.doublons)} redescriptions générées).`,
    ...mesures.map(([nom, x]) => `Pic de mémoire (${nom}) : ${megaoctets(x.memoire.pic)} à ${secondes(x.memoire.instantPic)}, ${phaseDuPic(x)}.`),
  ];

  const notes = [
    "Chaque import est la vraie commande, lancée sans npm ni sh : node --import tsx src/cli/main.ts donnees:importer <nature> <fichier> (ce que lance « npm run cli », un seul processus), sur la même base embarquée neuve (PGLITE_DIR temporaire, sans DATABASE_URL), sans construction ni serveur. Durée : du lancement à la fin du processus (chargement de tsx, ouverture de PGlite et migrations compris).",
    "Mémoire : somme des VmRSS (/proc/<pid>/status) du processus lancé et de ses descendants, toutes les 50 ms et à chaque ligne affichée ; le pic de cette somme est comparé à la cible. VmHWM est le maximum de VmRSS tenu par le noyau pour chaque processus : aucun échantillonnage ne peut le manquer. MB = 10⁶ octets.",
    "Coordonnées des lieux générés : chaque commune reçoit une pseudo-position fixe tirée de son code (pas sa vraie position) et chaque lieu un point à ±0,01° de celle-ci ; les redescriptions sont à moins de 0,00015° (une quinzaine de mètres) du lieu qu'elles décrivent.",
    `Charge moyenne du système (1 min) : ${i.chargeAvant} au début, ${i.chargeApres} à la fin ; une charge élevée signale des chiffres bruités par d'autres processus.`,
  ];

  const m = machine();
  const texte = [
    "",
    "=== Benchmark : imports de données (mesure 7) ===",
    `${i.debut.toISOString()} — ${m.coeurs} cœurs (${m.modele}), ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    "",
    tableTexte(enteteResume, resume),
    "",
    ...texteDetail,
    "",
    tableTexte(enteteDetail, lignesDetail),
    "",
    tableTexte(enteteJalons, lignesJalons),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");

  const markdown = [
    "## Imports de données (mesure 7)",
    "",
    `- Date : ${i.debut.toISOString()} (durée ${Math.round((i.fin - i.debut) / 1000)} s)`,
    `- Machine : ${m.coeurs} cœurs (os.cpus().length ; ${m.modele}), mémoire totale ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    "",
    "### Résumé",
    "",
    tableMarkdown(enteteResume, resume),
    "",
    "### Détail",
    "",
    ...texteDetail.map((t) => `- ${t}`),
    "",
    tableMarkdown(enteteDetail, lignesDetail),
    "",
    "Lignes affichées par chaque commande, avec l'instant (depuis son lancement) et la mémoire résidente de ses processus à ce moment :",
    "",
    tableMarkdown(enteteJalons, lignesJalons),
    "",
    "### Notes",
    "",
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
  return { texte, markdown, mesuree: !i.ifn.probleme && !i.lieux.probleme && Boolean(i.reimport) && !i.reimport.probleme };
}

/** Measure 8 in the terminal and in its part of bench/RESULTS.md. */
function rapportDonnees(d) {
  const nombre = (n) => n.toLocaleString("fr-FR");
  const lettre = (i) => String.fromCharCode(97 + i);
  /** Why a route's figure is not a figure: no answer at all, a non-2xx answer, or errors other than timeouts. */
  const invalidite = (c) => {
    if (c.total === 0) return `aucune réponse complète en ${d.config.duree} s (${d.config.connexions} requêtes en cours à la fin)`;
    if (c.non2xx > 0 || c.erreurs > c.delaisDepasses) return `${c.non2xx} réponses non-2xx et ${c.erreurs - c.delaisDepasses} erreurs sur ${nombre(c.total)}`;
    return null;
  };
  const valide = (c) => invalidite(c) === null;
  const invalides = d.charges.filter((c) => !valide(c));
  const resume = [
    ...d.charges.map((c, i) => [
      `8${lettre(i)}`,
      `GET ${c.chemin} sous charge (${kilooctets(c.octets)}) : débit, p50, p99`,
      `${parSeconde(c.rps)} ; p50 ${millisecondes(c.p50)} ; p99 ${millisecondes(c.p99)}`,
      `p99 < ${CIBLES.donneesP99Ms} ms, 0 non-2xx`,
      valide(c)
        ? `${verdict(c.p99 < CIBLES.donneesP99Ms && c.delaisDepasses === 0)}${c.delaisDepasses ? ` (${c.delaisDepasses} requêtes sans réponse en 10 s)` : ""}`
        : `non mesurable : ${invalidite(c)}`,
    ]),
    ...d.pages.map((p, i) => [
      `8${lettre(d.charges.length + i)}`,
      `Taille de ${p.chemin} : HTML entier, puis la carte seule (<svg role="group"> aux data-zone)`,
      `HTML ${kilooctets(p.html.octets)} (gzip ${kilooctets(p.html.gzip)}) ; carte ${p.carte ? `${kilooctets(p.carte.octets)} (gzip ${kilooctets(p.carte.gzip)}), ${nombre(p.carte.zones)} zones, ${nombre(p.carte.lieux)} lieux` : "absente"}`,
      "aucune",
      verdict(null),
    ]),
    [`8${lettre(d.charges.length + d.pages.length)}`, "Préparation de la base par la ligne de commande (territoires, démonstration, fichiers réels, lieux)", secondes(d.preparation.dureeMs), "aucune", verdict(null)],
  ];
  const enteteResume = ["#", "Mesure", "Valeur", "Cible", "Verdict"];

  const enteteCharge = ["Route", "Corps", "Content-Type", "1re réponse", "req/s (moy.)", "p50", "p99", "max", "requêtes", "non-2xx", "erreurs", "délais dépassés", "repos attendu"];
  const lignesCharge = d.charges.map((c) => [
    `GET ${c.chemin}`,
    `${nombre(c.octets)} o`,
    c.typeDeContenu.split(";")[0],
    millisecondes(c.premiereMs),
    parSeconde(c.rps),
    millisecondes(c.p50),
    millisecondes(c.p99),
    millisecondes(c.latenceMax),
    c.total,
    c.non2xx,
    c.erreurs,
    c.delaisDepasses,
    c.attentes.map((a) => `${secondes(a.dureeMs)}${a.repos ? "" : " (non atteint)"}`).join(" + "),
  ]);

  const enteteTailles = ["Page", "HTML", "HTML gzip", "carte SVG", "carte gzip", "part de la carte (brut)", "zones (data-zone)", "lieux (cercles) / listés"];
  const lignesTailles = [...d.pages.map((p) => [p.chemin, p.html, p.carte, p.lieuxListes]), ["/donnees/departements/62?carte=epci", { octets: d.charges.find((c) => c.chemin.endsWith("?carte=epci"))?.octets ?? 0, gzip: null }, d.epci, null]].map(([chemin, html, carte, listes]) => [
    chemin,
    kilooctets(html.octets),
    html.gzip === null ? "—" : kilooctets(html.gzip),
    carte ? kilooctets(carte.octets) : "absente",
    carte ? kilooctets(carte.gzip) : "—",
    carte && html.octets ? pourcent(carte.octets / html.octets) : "—",
    carte ? nombre(carte.zones) : "—",
    carte ? `${nombre(carte.lieux)}${listes === null ? "" : ` / ${nombre(listes)}`}` : "—",
  ]);

  const entetePreparation = ["Étape (…/ = dossier des données réelles)", "source", "durée", "dernière ligne affichée"];
  const lignesPreparation = [
    ...d.preparation.etapes.map((e) => [
      e.libelle,
      e.octets === undefined ? "—" : `${megaoctets(e.octets)}${e.fichiers > 1 ? ` (${e.fichiers} fichiers)` : ""}`,
      secondes(e.dureeMs),
      e.ligne.length > 160 ? `${e.ligne.slice(0, 159)}…` : e.ligne,
    ]),
    ["total", "—", secondes(d.preparation.dureeMs), "—"],
  ];

  // "…/" in the commands below stands for this directory.
  const dossierLisible = relative(racine, d.dossierDonnees).startsWith("../..") ? d.dossierDonnees : relative(racine, d.dossierDonnees);
  const m = machine();
  const notes = [
    `Base : embarquée neuve (PGLITE_DIR dans un dossier temporaire, sans DATABASE_URL ni EFNE_DEMONSTRATION), préparée sans serveur par node --import tsx src/cli/main.ts (ce que lance « npm run cli -- ») : territoires:importer, demo:charger, puis donnees:importer avec les fichiers réels de ${dossierLisible} (${FICHIERS_REELS.map((f) => f.chemin).join(", ")}) et ${nombre(DONNEES.lieux)} lieux générés (bench/lib/generateur-lieux.mjs, graine ${DONNEES.graine} : communes réelles, positions fictives autour d'un point tiré du code de la commune). Les natures sans fichier réel gardent leurs données de démonstration, comme chez un nouvel arrivant qui importe ensuite les fichiers nationaux.`,
    `Serveur : next start de la construction mesurée sur cette base, /api/health 200 après ${secondes(d.demarrageMs)} ; chaque route demandée une fois avant la charge (colonne « 1re réponse », qui remplit les caches du serveur) et devant répondre 200.`,
    `Charge : autocannon ${d.config.connexions} connexions, pipelining 1, ${d.config.echauffement} s d'échauffement non comptées puis ${d.config.duree} s mesurées par route, une route à la fois ; sans Accept-Encoding (corps non compressés). req/s = moyenne des échantillons d'une seconde ; latences en ms ; une requête sans réponse en 10 s est un délai dépassé (FAIL). Avant l'échauffement et avant la période mesurée, le benchmark attend que le serveur soit au repos (deux fois 500 ms à moins de 10 % d'un cœur, d'après /proc/<pid>/stat de ses processus, 120 s au plus ; colonne « repos attendu ») : autocannon s'arrête avec ${d.config.connexions} requêtes en cours que le serveur finit de rendre, et une page lente les ferait sinon payer à la mesure suivante. Une seule réponse non-2xx ou erreur réseau, ou aucune réponse complète, rend le chiffre de la route non mesurable (code de sortie 1).`,
    "Tailles : le HTML tel que le sert le serveur sans compression, et sa compression par zlib gzipSync (niveau par défaut) ; la carte est l'élément <svg role=\"group\"> qui contient les attributs data-zone (découpé dans le HTML, de sa balise ouvrante à sa balise fermante), mesuré de même. Le HTML contient en plus la charge RSC (scripts en ligne) qui redit la carte pour React : la part de la carte dans la page l'en exclut. Lieux : cercles dessinés dans la carte / lieux géolocalisés du département listés sous elle ; les lieux générés ont des positions fictives (un point tiré du code de leur commune dans un cadre grossier de la métropole), si bien que peu tombent dans le cadre d'une carte départementale, à la différence de vrais lieux. kB = 1000 octets, MB = 10⁶ octets.",
    `Charge moyenne du système (1 min) : ${d.chargeAvant} au début, ${d.chargeApres} à la fin ; une charge élevée signale des chiffres bruités par d'autres processus.`,
  ];
  if (d.construction.perimee) notes.push("Des sources étaient plus récentes que la construction mesurée.");
  if (d.constructionChangee) notes.push("ATTENTION : .next a été reconstruit (next build) pendant la mesure ; relancer le benchmark sans construction en parallèle.");

  const texte = [
    "",
    "=== Benchmark : données publiques et cartes (mesure 8) ===",
    `${d.debut.toISOString()} — ${m.coeurs} cœurs (${m.modele}), ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    "",
    tableTexte(enteteResume, resume),
    "",
    "Charge (une route à la fois) :",
    tableTexte(enteteCharge, lignesCharge),
    "",
    "Tailles des pages à carte (sans compression HTTP ; gzip par zlib) :",
    tableTexte(enteteTailles, lignesTailles),
    "",
    "Préparation de la base :",
    tableTexte(entetePreparation, lignesPreparation),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");

  const markdown = [
    "## Données publiques et cartes (mesure 8)",
    "",
    `- Date : ${d.debut.toISOString()} (durée ${Math.round((d.fin - d.debut) / 1000)} s)`,
    `- Machine : ${m.coeurs} cœurs (os.cpus().length ; ${m.modele}), mémoire totale ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    `- Construction mesurée : \`${d.construction.id}\` du ${d.construction.date.toISOString()}${d.construction.perimee ? " (des sources étaient plus récentes)" : ""}`,
    `- Paramètres : BENCH_DUREE=${d.config.duree} s, BENCH_ECHAUFFEMENT=${d.config.echauffement} s, BENCH_CONNEXIONS=${d.config.connexions}`,
    "",
    "### Résumé",
    "",
    tableMarkdown(enteteResume, resume),
    "",
    "### Charge",
    "",
    tableMarkdown(enteteCharge, lignesCharge),
    "",
    "### Tailles des pages à carte",
    "",
    tableMarkdown(enteteTailles, lignesTailles),
    "",
    "### Préparation de la base",
    "",
    tableMarkdown(entetePreparation, lignesPreparation),
    "",
    "### Notes",
    "",
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
  return { texte, markdown, mesuree: invalides.length === 0 };
}

/** The three parts of bench/RESULTS.md, between these markers; a run rewrites the parts it measured. */
const PARTIES = {
  application: { debut: "<!-- bench:application -->", fin: "<!-- /bench:application -->", vide: "_Mesures 1 à 6 : pas encore mesurées (`npm run bench` ou `BENCH_MESURES=1-6 npm run bench`)._" },
  imports: { debut: "<!-- bench:imports -->", fin: "<!-- /bench:imports -->", vide: "## Imports de données (mesure 7)\n\n_Pas encore mesurés (`npm run bench` ou `BENCH_MESURES=7 npm run bench`)._" },
  donnees: { debut: "<!-- bench:donnees -->", fin: "<!-- /bench:donnees -->", vide: "## Données publiques et cartes (mesure 8)\n\n_Pas encore mesurées (`npm run bench` ou `BENCH_MESURES=8 npm run bench`)._" },
  perimetres: { debut: "<!-- bench:perimetres -->", fin: "<!-- /bench:perimetres -->", vide: "## Moteur des périmètres des feuilles de route (mesure 9)\n\n_Pas encore mesuré (`npm run bench` ou `BENCH_MESURES=9 npm run bench`)._" },
};

/** The parts of the previous bench/RESULTS.md (a file written before the parts existed holds the application's figures only). */
function partiesPrecedentes(cible) {
  let texte;
  try {
    texte = readFileSync(cible, "utf8");
  } catch {
    return {};
  }
  const parties = {};
  for (const [nom, { debut, fin }] of Object.entries(PARTIES)) {
    const i = texte.indexOf(debut);
    const j = texte.indexOf(fin);
    if (i >= 0 && j > i) parties[nom] = texte.slice(i + debut.length, j).trim();
  }
  if (!parties.application && !parties.imports && !parties.donnees && !parties.perimetres) {
    const k = texte.search(/^- Date : /m);
    if (k >= 0) parties.application = texte.slice(k).trim();
  }
  return parties;
}

function composerResultats(nouvelles, precedentes) {
  const partie = (nom) => [PARTIES[nom].debut, nouvelles[nom] ?? precedentes[nom] ?? PARTIES[nom].vide, PARTIES[nom].fin];
  return [
    "# Résultats du benchmark",
    "",
    "Produit par `npm run bench` (bench/lancer.mjs), en quatre parties : l'application construite (mesures 1 à 6), les imports de données (mesure 7), les données publiques et leurs cartes (mesure 8) et le moteur des périmètres des feuilles de route (mesure 9). Une exécution réécrit les parties qu'elle a mesurées et reprend les autres du fichier précédent (`BENCH_MESURES=7` ne touche qu'aux imports, `BENCH_MESURES=8` qu'aux données publiques, `BENCH_MESURES=9` qu'au moteur des périmètres) : chaque partie a sa propre date. Voir bench/README.md.",
    "",
    ...partie("application"),
    "",
    ...partie("imports"),
    "",
    ...partie("donnees"),
    "",
    ...partie("perimetres"),
    "",
  ].join("\n");
}

try {
  const { application, imports, donnees, echecDonnees, perimetres } = await principal();
  const nouvelles = {};
  let toutMesure = true;
  if (application) {
    const { texte, markdown } = rapportApplication(application);
    console.log(texte);
    nouvelles.application = markdown.trim();
  }
  if (imports) {
    const { texte, markdown, mesuree } = rapportImports(imports);
    console.log(texte);
    nouvelles.imports = markdown.trim();
    toutMesure &&= mesuree;
  }
  if (donnees) {
    const { texte, markdown, mesuree } = rapportDonnees(donnees);
    console.log(texte);
    nouvelles.donnees = markdown.trim();
    toutMesure &&= mesuree;
  }
  if (perimetres) {
    const { texte, markdown, mesuree } = rapportPerimetres(perimetres);
    console.log(texte);
    nouvelles.perimetres = markdown.trim();
    toutMesure &&= mesuree;
  }
  if (echecDonnees) {
    // Measure 8 failed after other measures: theirs are written, its part is kept from the previous file.
    console.error(`\n[bench] ÉCHEC de la mesure 8 : ${echecDonnees instanceof Error ? echecDonnees.message : String(echecDonnees)}`);
    if (journalNext && existsSync(journalNext)) console.error(`[bench] Fin du journal du serveur Next.js :\n${dernieresLignes(journalNext, 40)}`);
    toutMesure = false;
  }
  const cible = join(racine, "bench/RESULTS.md");
  const gardees = Object.keys(PARTIES).filter((nom) => !nouvelles[nom]);
  writeFileSync(`${cible}.tmp`, composerResultats(nouvelles, partiesPrecedentes(cible)));
  renameSync(`${cible}.tmp`, cible);
  journal(`Résultats écrits dans bench/RESULTS.md${gardees.length ? ` (partie${gardees.length > 1 ? "s" : ""} ${gardees.join(", ")} reprise${gardees.length > 1 ? "s" : ""} du fichier précédent)` : ""}.`);
  if (!toutMesure) journal("Des chiffres n'ont pas pu être mesurés (voir « non mesurable » ci-dessus) : code de sortie 1.");
  // Explicit exit: a lingering socket or timer must not keep the benchmark alive.
  process.exit(toutMesure ? 0 : 1);
} catch (erreur) {
  if (!interrompu) {
    console.error(`\n[bench] ÉCHEC de la mesure : ${erreur instanceof Error ? erreur.message : String(erreur)}`);
    await arreterTout({ delaiMs: 10_000 });
    if (constructionChangee()) console.error("[bench] .next a été reconstruit pendant la mesure (next build en parallèle ?) : relancer le benchmark quand aucune construction ne tourne.");
    if (journalNext && existsSync(journalNext)) console.error(`[bench] Fin du journal du serveur Next.js :\n${dernieresLignes(journalNext, 40)}`);
    nettoyerDossier();
    process.exit(1);
  }
}
