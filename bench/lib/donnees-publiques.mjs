/*
 * Measure 8: the public data dashboard (/donnees/national, /donnees/departements/{code}) and its
 * maps, on a database prepared as an operator would: a fresh embedded database, the territories,
 * the demonstration data (what a newcomer has), then the national real files (IFN of the communes
 * and of the EPCI, Aidants Connect structures, shapes of the départements, EPCI and communes) and
 * 20,000 generated places of the national standard, each loaded by the command line.
 *
 * This module prepares the database (every command timed, informational) and cuts the map out of
 * a page's HTML; bench/lancer.mjs starts the server, loads the routes and reports.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { ecrireFichierLieux } from "./generateur-lieux.mjs";
import { arbreDuProcessus } from "./export-contacts.mjs";
import { attendre } from "./http.mjs";
import { environnementCli } from "./imports.mjs";
import { executer } from "./processus.mjs";

/**
 * The real files of the preparation, in the order they are imported: nature, path under the data
 * directory (../shared/data or EFNE_DONNEES_REELLES), and the options of the command.
 */
export const FICHIERS_REELS = [
  { nature: "ifn-communes", chemin: "ifn/ifn-communes.csv" },
  { nature: "ifn-epci", chemin: "ifn/ifn-epci.csv" },
  { nature: "aidants-connect", chemin: "aidants-connect/structures.csv" },
  { nature: "geometrie", chemin: "geo/departements.topo.json", options: ["--niveau", "departements"] },
  { nature: "geometrie", chemin: "geo/epci-2026.topo.json", options: ["--niveau", "epci"] },
  { nature: "geometrie", chemin: "geo/communes", options: ["--niveau", "communes"], dossier: true },
];

/** The real files (or folder without any .json file) missing from `dossierDonnees`, as paths. */
export function fichiersManquants(dossierDonnees) {
  return FICHIERS_REELS.filter(({ chemin, dossier }) => {
    const absolu = join(dossierDonnees, chemin);
    if (!existsSync(absolu)) return true;
    if (!dossier) return !statSync(absolu).isFile();
    return !statSync(absolu).isDirectory() || !readdirSync(absolu).some((n) => n.endsWith(".json"));
  }).map(({ chemin }) => join(dossierDonnees, chemin));
}

/** Size of a file, or of the .json files of a folder (and their number). */
function tailleSource(absolu) {
  const info = statSync(absolu);
  if (!info.isDirectory()) return { octets: info.size, fichiers: 1 };
  const noms = readdirSync(absolu).filter((n) => n.endsWith(".json"));
  return { octets: noms.reduce((s, n) => s + statSync(join(absolu, n)).size, 0), fichiers: noms.length };
}

/**
 * Prepares the embedded database in `dossierPglite` (created by the first command): each step
 * is `node --import tsx src/cli/main.ts …` (what `npm run cli --` runs), timed from spawn to
 * exit. The places file (`lieux.nombre` rows, seed `lieux.graine`) is generated into
 * `lieux.fichier` just before its import. Throws (in French) when a command fails.
 * Resolves with { etapes: [{ libelle, dureeMs, ligne, octets?, fichiers? }], generation, dureeMs }.
 */
export async function preparerBaseDonnees({ racine, dossierPglite, dossierDonnees, lieux, journal }) {
  const env = environnementCli(dossierPglite);
  const debut = performance.now();
  const etapes = [];
  /** `affichage`: the command as the report shows it (paths shortened). */
  const commande = async (argv, complement = {}, affichage = argv.join(" ")) => {
    const libelle = argv.join(" ");
    journal(`  ${libelle}…`);
    const t0 = performance.now();
    const r = await executer({ racine, env, commande: process.execPath, argv: ["--import", "tsx", "src/cli/main.ts", ...argv], libelle: `npm run cli -- ${libelle}`, delaiMs: 900_000 });
    const dureeMs = performance.now() - t0;
    if (r.code !== 0) throw new Error(`« npm run cli -- ${libelle} » a échoué (code ${r.code}) après ${(dureeMs / 1000).toFixed(1)} s : ${(r.erreurs.trim() || r.sortie.trim()).slice(-600)}`);
    const lignes = r.sortie.split("\n").map((l) => l.trim()).filter(Boolean);
    // An importer prints the first lines of its report after its counts: keep the counts line.
    const ligne = [...lignes].reverse().find((l) => /rejetées|déjà celui en service|^COG |: chargées\.$/.test(l) && !/^ligne \d+ — /.test(l)) ?? lignes.at(-1) ?? "";
    journal(`    ${(dureeMs / 1000).toFixed(1)} s — ${ligne.length > 220 ? `${ligne.slice(0, 219)}…` : ligne}`);
    etapes.push({ libelle: `npm run cli -- ${affichage}`, dureeMs, ligne, ...complement });
  };

  await commande(["territoires:importer"]);
  await commande(["demo:charger"]);
  for (const f of FICHIERS_REELS) {
    const absolu = join(dossierDonnees, f.chemin);
    const options = f.options ?? [];
    await commande(["donnees:importer", f.nature, absolu, ...options], { ...tailleSource(absolu), nature: f.nature, chemin: f.chemin }, ["donnees:importer", f.nature, `…/${f.chemin}`, ...options].join(" "));
  }
  journal(`  génération de ${lieux.nombre} lieux (graine ${lieux.graine}) dans ${lieux.fichier}…`);
  const generation = await ecrireFichierLieux(lieux.fichier, { nombre: lieux.nombre, graine: lieux.graine });
  etapes.push({ libelle: `génération de ${lieux.nombre} lieux (bench/lib/generateur-lieux.mjs, graine ${lieux.graine})`, dureeMs: generation.dureeMs, ligne: `${generation.lignes} lignes, ${generation.communes} communes`, octets: generation.octets, fichiers: 1 });
  await commande(["donnees:importer", "lieux", lieux.fichier], { octets: generation.octets, fichiers: 1, nature: "lieux" }, `donnees:importer lieux ${basename(lieux.fichier)}`);
  return { etapes, generation, dureeMs: performance.now() - debut };
}

export const tailles = (texte) => {
  const tampon = Buffer.isBuffer(texte) ? texte : Buffer.from(texte, "utf8");
  return { octets: tampon.length, gzip: gzipSync(tampon).length };
};

/**
 * The map of a page: the outermost `<svg …role="group"…>…</svg>` element of the HTML that holds
 * `data-zone` attributes (nested svg elements followed), with its sizes and its counts of zones
 * and of places (circles); the one with the most zones when there are several. Null when none.
 */
export function extraireCarte(html) {
  const ouvertures = /<svg\b[^>]*>/gi;
  const balises = /<\/?svg\b[^>]*>/gi;
  let meilleure = null;
  for (let m = ouvertures.exec(html); m; m = ouvertures.exec(html)) {
    if (!/\brole="group"/.test(m[0])) continue;
    balises.lastIndex = m.index + m[0].length;
    let profondeur = 1;
    let fin = -1;
    for (let b = balises.exec(html); b; b = balises.exec(html)) {
      if (b[0].startsWith("</")) profondeur -= 1;
      else if (!b[0].endsWith("/>")) profondeur += 1;
      if (profondeur === 0) {
        fin = b.index + b[0].length;
        break;
      }
    }
    if (fin < 0) continue;
    const svg = html.slice(m.index, fin);
    const zones = (svg.match(/\sdata-zone="/g) ?? []).length;
    if (zones === 0) continue;
    if (!meilleure || zones > meilleure.zones) meilleure = { ...tailles(svg), zones, lieux: (svg.match(/<circle\b/g) ?? []).length };
    ouvertures.lastIndex = fin;
  }
  return meilleure;
}

/** CPU time (user + system, in clock ticks of 1/100 s) used so far by the tree of `pid`. */
function tempsProcesseur(pid) {
  let total = 0;
  for (const p of arbreDuProcessus(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const champs = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += Number(champs[11]) + Number(champs[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/**
 * Waits until the server's processes are at rest: two windows of `fenetreMs` in a row using less
 * than `seuil` of one core, at most `maxMs`. autocannon stops at the end of its duration with
 * requests still in flight, which the server keeps rendering: without this wait a slow page's
 * leftovers would be served during the next run. Resolves with { dureeMs, repos }.
 */
export async function attendreRepos(pid, { seuil = 0.1, fenetreMs = 500, maxMs = 120_000 } = {}) {
  const debut = performance.now();
  let avant = tempsProcesseur(pid);
  let calmes = 0;
  while (performance.now() - debut < maxMs) {
    await attendre(fenetreMs);
    const maintenant = tempsProcesseur(pid);
    const part = (maintenant - avant) / 100 / (fenetreMs / 1000);
    avant = maintenant;
    calmes = part < seuil ? calmes + 1 : 0;
    if (calmes >= 2) return { dureeMs: performance.now() - debut, repos: true };
  }
  return { dureeMs: performance.now() - debut, repos: false };
}
