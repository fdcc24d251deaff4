/*
 * Measure 7: the data importers of the command line, each run as a real command on a fresh
 * embedded database: the IFN file of the communes (real, ~35,000 rows) and a generated file of
 * 20,000 places in the national standard (bench/lib/generateur-lieux.mjs), then the same places
 * file again (it must change nothing).
 *
 * Each import is `node --import tsx src/cli/main.ts donnees:importer …`
 * spawned directly (what `npm run cli` runs, without npm and sh in between: one node process with
 * tsx's loader). Measured: the wall time from spawn to exit, and the resident memory of the
 * process tree (the node process that imports, and any child it would start), read
 * from /proc every 50 ms: VmRSS summed over the tree (the peak of that sum is the figure judged),
 * and each process's VmHWM (the kernel's own high-water mark, which no sampling can miss). Every
 * line the command prints is time-stamped with the tree's RSS at that moment, so the report shows
 * when each phase ended and where the peak fell.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { arbreDuProcessus } from "./export-contacts.mjs";
import { ecrireFichierLieux } from "./generateur-lieux.mjs";
import { arreter, executer, lancer } from "./processus.mjs";

/** VmRSS and VmHWM of one process, in bytes (null when it is gone). /proc says "kB": KiB. */
export function memoireDuProcessus(pid) {
  try {
    const statut = readFileSync(`/proc/${pid}/status`, "utf8");
    const valeur = (cle) => Number(new RegExp(`^${cle}:\\s+(\\d+)\\s+kB$`, "m").exec(statut)?.[1] ?? 0) * 1024;
    const nom = /^Name:\s+(.*)$/m.exec(statut)?.[1] ?? "?";
    return { rss: valeur("VmRSS"), hwm: valeur("VmHWM"), nom };
  } catch {
    return null;
  }
}

/**
 * Follows the memory of the tree of `pid` until stop(): the sum of VmRSS every `intervalleMs`
 * (tree looked up again every sample during the first second, when tsx starts its worker, then
 * every 250 ms), its peak and when it came, and per process the highest VmRSS and VmHWM seen.
 */
function suivreMemoire(pid, debut, { intervalleMs = 50 } = {}) {
  let pids = [pid];
  const parProcessus = new Map();
  let pic = 0;
  let instantPic = 0;
  let dernier = 0;
  let echantillons = 0;
  let dernierArbre = -Infinity;
  const prendre = () => {
    const maintenant = performance.now() - debut;
    if (maintenant < 1000 || maintenant - dernierArbre >= 250) {
      pids = arbreDuProcessus(pid);
      dernierArbre = maintenant;
    }
    let total = 0;
    for (const p of pids) {
      const m = memoireDuProcessus(p);
      if (!m) continue;
      total += m.rss;
      const vu = parProcessus.get(p) ?? { pid: p, nom: p === pid ? "node de la commande" : m.nom, rss: 0, hwm: 0 };
      vu.rss = Math.max(vu.rss, m.rss);
      vu.hwm = Math.max(vu.hwm, m.hwm);
      parProcessus.set(p, vu);
    }
    dernier = total;
    if (total > pic) {
      pic = total;
      instantPic = maintenant;
    }
    echantillons += 1;
    return total;
  };
  prendre();
  const minuterie = setInterval(prendre, intervalleMs);
  return {
    /** One sample now (a line was printed): the tree's RSS at that instant. */
    maintenant: prendre,
    stop() {
      clearInterval(minuterie);
      const processus = [...parProcessus.values()].sort((a, b) => b.hwm - a.hwm);
      return { pic, instantPic, dernier, echantillons, processus };
    },
  };
}

/** A number of the command line's French output ("35 008", with a narrow no-break space). */
const NOMBRE = "(\\d[\\d\\s\\u00a0\\u202f]*)";
const entier = (texte) => Number(String(texte).replace(/\D/g, ""));

/** The counts of an importer's final line; null when the line is not there. */
export function lireBilan(lignes) {
  const comptes = new RegExp(`${NOMBRE} lignes lues, ${NOMBRE} acceptées \\(dont ${NOMBRE} corrigées\\), ${NOMBRE} rejetées`);
  const ligne = [...lignes].reverse().find((l) => comptes.test(l.texte));
  if (!ligne) return null;
  const [, lues, acceptees, corrigees, rejetees] = comptes.exec(ligne.texte);
  const bilan = { ligne: ligne.texte, instantMs: ligne.instantMs, lues: entier(lues), acceptees: entier(acceptees), corrigees: entier(corrigees), rejetees: entier(rejetees) };
  const fusion = new RegExp(`${NOMBRE} lieux décrits aussi par une autre source, fusionnés dans ${NOMBRE} lieux`).exec(ligne.texte);
  if (fusion) Object.assign(bilan, { fusionnes: entier(fusion[1]), groupes: entier(fusion[2]) });
  const ifn = new RegExp(`${NOMBRE} (communes|EPCI) avec un indice, ${NOMBRE} sans`).exec(ligne.texte);
  if (ifn) Object.assign(bilan, { avecIndice: entier(ifn[1]), sansIndice: entier(ifn[3]) });
  return bilan;
}

/**
 * Runs the command line (node with tsx's loader, as `npm run cli` does) with `argv` and measures it. Resolves with
 * { code, signal, dureeMs, lignes: [{ texte, instantMs, rss }], erreurs, memoire } ;
 * the command is stopped after `delaiMs` (then `delaiDepasse` is true).
 */
export async function mesurerCommande({ racine, env, argv, delaiMs = 600_000 }) {
  const debut = performance.now();
  const suivi = lancer({ racine, env, commande: process.execPath, argv: ["--import", "tsx", "src/cli/main.ts", ...argv] });
  const memoire = suivreMemoire(suivi.enfant.pid, debut);
  const lignes = [];
  let reste = "";
  let erreurs = "";
  suivi.enfant.stdout.setEncoding("utf8").on("data", (texte) => {
    const instantMs = performance.now() - debut;
    const rss = memoire.maintenant();
    const morceaux = (reste + texte).split("\n");
    reste = morceaux.pop() ?? "";
    for (const m of morceaux) lignes.push({ texte: m, instantMs, rss });
  });
  suivi.enfant.stderr.setEncoding("utf8").on("data", (texte) => (erreurs += texte));
  let delaiDepasse = false;
  const minuterie = setTimeout(() => {
    delaiDepasse = true;
    arreter(suivi, { delaiMs: 5_000 });
  }, delaiMs);
  const fin = await suivi.termine;
  const dureeMs = performance.now() - debut;
  clearTimeout(minuterie);
  if (reste) lignes.push({ texte: reste, instantMs: dureeMs, rss: 0 });
  if (fin.erreur) throw fin.erreur;
  return { code: fin.code, signal: fin.signal, dureeMs, lignes, erreurs, memoire: memoire.stop(), delaiDepasse };
}

/** The lines that mark a phase: reading progress, deduplication, "unchanged", the final counts. */
export function jalons(lignes) {
  return lignes.filter((l) => /lignes lues…$|éléments lus…$|^Dédoublonnage|déjà celui en service|lignes lues, .* rejetées/.test(l.texte));
}

/**
 * Environment of the command line: the embedded database in `dossierPglite`, never a DATABASE_URL
 * inherited from the shell (also used by measure 8 to prepare its database).
 */
export function environnementCli(dossierPglite) {
  const env = { ...process.env, PGLITE_DIR: dossierPglite };
  delete env.DATABASE_URL;
  delete env.EFNE_DEMONSTRATION;
  return env;
}

/**
 * The outcome of one import: `probleme` (in French) when it could not be measured (stopped,
 * failed, or no final counts where `bilanAttendu`), `inchange` when it said the file was already
 * the one in service.
 */
function resultatImport(mesure, { bilanAttendu }) {
  const bilan = lireBilan(mesure.lignes);
  const sortie = mesure.lignes.map((l) => l.texte);
  let probleme = null;
  if (mesure.delaiDepasse) probleme = `n'a pas terminé en ${Math.round(mesure.dureeMs / 1000)} s (arrêtée)`;
  else if (mesure.code !== 0) probleme = `a échoué (code ${mesure.code}${mesure.signal ? `, signal ${mesure.signal}` : ""}) : ${(mesure.erreurs.trim() || sortie.slice(-3).join(" ")).slice(-400)}`;
  else if (bilanAttendu && !bilan) probleme = `a rendu le code 0 sans sa ligne de bilan (« … lignes lues, … rejetées ») : ${sortie.slice(-2).join(" ").slice(-300)}`;
  const inchange = sortie.includes("Ce fichier est déjà celui en service : rien ne change.");
  return { ...mesure, bilan, probleme, inchange };
}

/** Data records of a CSV file whose values hold no line break: its non-empty lines but the header. */
function lignesDeDonnees(chemin) {
  return readFileSync(chemin, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "").length - 1;
}

/**
 * Measure 7 on a fresh embedded database in a temporary directory (removed at the end):
 * territories loaded by the command line (not measured), then the IFN import of `fichierIfn`
 * (relative to the project's root; reported as not measurable when missing), the generated places
 * (`nombre` rows, seed `graine`), and the same places file again.
 */
export async function mesurerImports({ racine, fichierIfn, nombre, graine, journal, dossiers }) {
  const dossier = mkdtempSync(join(os.tmpdir(), "efne-bench-imports-"));
  dossiers.add(dossier);
  try {
    const dossierPglite = join(dossier, "pglite");
    const env = environnementCli(dossierPglite);

    journal("Imports : base embarquée neuve, territoires chargés par « npm run -s cli -- territoires:importer » (non mesuré)…");
    const debutTerritoires = performance.now();
    const territoires = await executer({ racine, env, commande: "npm", argv: ["run", "--silent", "cli", "--", "territoires:importer"], libelle: "npm run cli -- territoires:importer", delaiMs: 600_000 });
    if (territoires.code !== 0) throw new Error(`« npm run cli -- territoires:importer » a échoué (code ${territoires.code}) : ${(territoires.erreurs.trim() || territoires.sortie.trim()).slice(-500)}`);
    const preparationMs = performance.now() - debutTerritoires;
    const territoiresLigne = territoires.sortie.trim().split("\n").pop() ?? "";
    journal(`  ${territoiresLigne} (${(preparationMs / 1000).toFixed(1)} s)`);

    // What any command costs on this database before it does anything: tsx, node, PGlite opened, migrations checked.
    journal("Socle : « statut » sur la même base (ouvrir la base et rien d'autre)…");
    const socle = resultatImport(await mesurerCommande({ racine, env, argv: ["statut"] }), { bilanAttendu: false });
    journal(socle.probleme ? `  ÉCHEC : la commande ${socle.probleme}` : `  ${(socle.dureeMs / 1000).toFixed(2)} s, pic ${(socle.memoire.pic / 1e6).toFixed(1)} MB.`);

    let ifn;
    if (!existsSync(join(racine, fichierIfn))) {
      ifn = { absent: true, probleme: `fichier ${fichierIfn} introuvable (données partagées absentes de cette machine)` };
      journal(`Import IFN des communes : non mesurable, ${ifn.probleme}.`);
    } else {
      journal(`Import IFN des communes : donnees:importer ifn-communes ${fichierIfn}…`);
      ifn = resultatImport(await mesurerCommande({ racine, env, argv: ["donnees:importer", "ifn-communes", fichierIfn] }), { bilanAttendu: true });
      ifn.octets = statSync(join(racine, fichierIfn)).size;
      ifn.lignesAttendues = lignesDeDonnees(join(racine, fichierIfn));
      journal(ifn.probleme ? `  ÉCHEC : la commande ${ifn.probleme}` : `  ${(ifn.dureeMs / 1000).toFixed(2)} s, pic ${(ifn.memoire.pic / 1e6).toFixed(1)} MB — ${ifn.bilan?.ligne ?? ""}`);
    }

    const fichierLieux = join(dossier, `lieux-banc-${nombre}-graine-${graine}.csv`);
    journal(`Génération de ${nombre} lieux (graine ${graine}) dans ${fichierLieux}…`);
    const generation = await ecrireFichierLieux(fichierLieux, { nombre, graine });
    journal(
      `  ${generation.lignes} lignes, ${(generation.octets / 1e6).toFixed(1)} MB, ${generation.communes} communes, ${generation.doublons} redescriptions par une autre source, ${generation.sansId + generation.communeInconnue} lignes invalides, en ${(generation.dureeMs / 1000).toFixed(2)} s.`,
    );

    journal(`Import des lieux : donnees:importer lieux ${fichierLieux}…`);
    const lieux = resultatImport(await mesurerCommande({ racine, env, argv: ["donnees:importer", "lieux", fichierLieux] }), { bilanAttendu: true });
    if (!lieux.probleme && lieux.bilan.fusionnes === undefined) lieux.probleme = `a rendu un bilan sans le nombre de lieux fusionnés : ${lieux.bilan.ligne}`;
    journal(lieux.probleme ? `  ÉCHEC : la commande ${lieux.probleme}` : `  ${(lieux.dureeMs / 1000).toFixed(2)} s, pic ${(lieux.memoire.pic / 1e6).toFixed(1)} MB — ${lieux.bilan?.ligne ?? ""}`);

    let reimport = null;
    if (!lieux.probleme) {
      journal("Même fichier de lieux une seconde fois (rien ne doit changer)…");
      reimport = resultatImport(await mesurerCommande({ racine, env, argv: ["donnees:importer", "lieux", fichierLieux] }), { bilanAttendu: false });
      journal(
        reimport.probleme
          ? `  ÉCHEC : la commande ${reimport.probleme}`
          : `  ${(reimport.dureeMs / 1000).toFixed(2)} s, pic ${(reimport.memoire.pic / 1e6).toFixed(1)} MB — ${reimport.inchange ? "« Ce fichier est déjà celui en service : rien ne change. »" : `ATTENTION, pas de « déjà celui en service » : ${reimport.lignes.at(-1)?.texte ?? ""}`}`,
      );
    }
    return { fichierIfn, preparationMs, territoires: territoiresLigne, socle, ifn, generation: { ...generation, nombre, graine, fichier: fichierLieux }, lieux, reimport };
  } finally {
    rmSync(dossier, { recursive: true, force: true });
    dossiers.delete(dossier);
  }
}
