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
 *
 * It reports and never gates: exit 0 whether or not targets are met, 1 when a figure could not
 * be measured (build failed, server never healthy, page in error...). Everything listens on
 * 127.0.0.1; child servers are stopped on every way out.
 *
 * Environment: BENCH_DUREE (s, measured load run, default 10), BENCH_ECHAUFFEMENT (s, warm-up
 * before each load run, default 2), BENCH_CONNEXIONS (default 10).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mesurerCharge } from "./lib/charge.mjs";
import { mesurerExports, rssAuRepos, seConnecterParLeLien } from "./lib/export-contacts.mjs";
import { HOTE, obtenir, portLibre } from "./lib/http.mjs";
import { mesurerPerimetre, statistiques } from "./lib/perimetre.mjs";
import { mesurerPoidsJs } from "./lib/poids-js.mjs";
import { arreter, arreterTout, attendreSante, dernieresLignes, executerCli, executerGenerateurContacts, lancerNext, lancerServeurStatique, tuerToutSynchrone } from "./lib/processus.mjs";
import { kilooctets, megaoctets, millisecondes, parSeconde, pourcent, secondes, tableMarkdown, tableTexte, verdict } from "./lib/rapport.mjs";
import { constructionAJour, construireSiNecessaire as construireSiBesoin } from "../scripts/construction.mjs";

const racine = fileURLToPath(new URL("..", import.meta.url));
process.chdir(racine);

const CIBLES = {
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

const journal = (message) => console.log(`[bench] ${message}`);

let dossierTemporaire = null;
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
  const config = {
    duree: nombreEnv("BENCH_DUREE", 10, { min: 1 }),
    echauffement: nombreEnv("BENCH_ECHAUFFEMENT", 2, { min: 0 }),
    connexions: Math.round(nombreEnv("BENCH_CONNEXIONS", 10, { min: 1 })),
  };
  const debutBench = new Date();
  const chargeAvant = charge1();
  const construction = construireSiNecessaire();
  idConstruction = construction.id;
  journal(`Construction mesurée : ${construction.id} du ${construction.date.toISOString()}`);
  if (construction.perimee) journal("Attention : des sources sont plus récentes que cette construction (le benchmark ne reconstruit pas).");

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

function rapport(r) {
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
    "# Résultats du benchmark",
    "",
    "Produit par `npm run bench` (bench/lancer.mjs) ; écrasé à chaque exécution. Voir bench/README.md.",
    "",
    `- Date : ${r.debutBench.toISOString()} (durée ${Math.round((r.finBench - r.debutBench) / 1000)} s)`,
    `- Machine : ${m.coeurs} cœurs (os.cpus().length ; ${m.modele}), mémoire totale ${m.memoire}, Node ${m.node}, ${m.systeme}`,
    `- Construction mesurée : \`${r.construction.id}\` du ${r.construction.date.toISOString()}${r.construction.perimee ? " (des sources étaient plus récentes)" : ""}`,
    `- Paramètres : BENCH_DUREE=${r.config.duree} s, BENCH_ECHAUFFEMENT=${r.config.echauffement} s, BENCH_CONNEXIONS=${r.config.connexions}`,
    "",
    "## Résumé",
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
    "## Notes",
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  return { texte, markdown };
}

try {
  const resultats = await principal();
  const { texte, markdown } = rapport(resultats);
  console.log(texte);
  const cible = join(racine, "bench/RESULTS.md");
  writeFileSync(`${cible}.tmp`, markdown);
  renameSync(`${cible}.tmp`, cible);
  journal("Résultats écrits dans bench/RESULTS.md.");
  // Explicit exit: a lingering socket or timer must not keep the benchmark alive.
  process.exit(0);
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
