/*
 * Measure 6: the national contacts exports (/gouvernances/national/contacts.csv and .xlsx) of a
 * database holding 100,000 generated contact lines, downloaded as a browser does (session cookie,
 * Accept-Encoding: gzip) while the resident memory of the server's processes is sampled from /proc.
 * The files are checked after the clock stops: number of lines or rows, header, and the formula
 * neutralisation of the cells that begin with = + - @.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { attendre } from "./http.mjs";

/** VmRSS of one process, in bytes (null when it is gone). /proc says "kB": KiB. */
export function rssDuProcessus(pid) {
  try {
    const ligne = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return ligne ? Number(ligne[1]) * 1024 : 0;
  } catch {
    return null;
  }
}

/** `pid` and every process below it (children of children…), from the parent pids of /proc. */
export function arbreDuProcessus(pid) {
  const parents = new Map();
  for (const entree of readdirSync("/proc")) {
    if (!/^\d+$/.test(entree)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${entree}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entree), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  const arbre = [pid];
  for (let i = 0; i < arbre.length; i++) for (const [enfant, parent] of parents) if (parent === arbre[i]) arbre.push(enfant);
  return arbre;
}

/** Sum of VmRSS over the tree of `pid`, with the processes counted. */
export function rssDeLArbre(pid) {
  const pids = arbreDuProcessus(pid);
  let total = 0;
  for (const p of pids) total += rssDuProcessus(p) ?? 0;
  return { octets: total, pids };
}

/**
 * Samples the tree's RSS every `intervalleMs` until stop() (the tree itself is looked up again every
 * second, in case the server forks a worker). stop() gives { max, dernier, echantillons, pids }.
 */
export function echantillonnerRss(pid, { intervalleMs = 50 } = {}) {
  let pids = arbreDuProcessus(pid);
  const vus = new Set(pids);
  let max = 0;
  let dernier = 0;
  let echantillons = 0;
  let depuisArbre = 0;
  const prendre = () => {
    if ((depuisArbre += intervalleMs) >= 1000) {
      depuisArbre = 0;
      pids = arbreDuProcessus(pid);
      for (const p of pids) vus.add(p);
    }
    let total = 0;
    for (const p of pids) total += rssDuProcessus(p) ?? 0;
    dernier = total;
    max = Math.max(max, total);
    echantillons += 1;
  };
  prendre();
  const minuterie = setInterval(prendre, intervalleMs);
  return {
    stop() {
      clearInterval(minuterie);
      prendre();
      return { max, dernier, echantillons, pids: [...vus] };
    },
  };
}

/** RSS once the server is left alone: `repos` ms of nothing, then the median of `n` samples. */
export async function rssAuRepos(pid, { repos = 5_000, n = 10, intervalleMs = 100 } = {}) {
  await attendre(repos);
  const valeurs = [];
  for (let i = 0; i < n; i++) {
    valeurs.push(rssDeLArbre(pid).octets);
    await attendre(intervalleMs);
  }
  valeurs.sort((a, b) => a - b);
  return { octets: valeurs[Math.floor(n / 2)], pids: arbreDuProcessus(pid) };
}

/**
 * Logs in with a one-time link the way a browser without JavaScript does: the link's page holds a
 * form (the server action's hidden fields and the token), posted as multipart/form-data; the answer
 * sets the session cookie. Resolves with the "name=value" of that cookie.
 */
export async function seConnecterParLeLien({ base, lien }) {
  const l = new URL(lien);
  const url = new URL(`${l.pathname}${l.search}`, base).href;
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`la page du lien de connexion répond HTTP ${page.status}`);
  const formulaire = /<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/i.exec(await page.text())?.[1];
  if (!formulaire) throw new Error("la page du lien de connexion n'a pas de formulaire « Me connecter »");
  const champs = new FormData();
  for (const m of formulaire.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\s*\/?>/g)) champs.append(m[1], (m[2] ?? "").replace(/&amp;/g, "&"));
  const reponse = await fetch(url, { method: "POST", body: champs, redirect: "manual", headers: { origin: new URL(base).origin } });
  const cookie = reponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => /^(__Host-)?efne_session=./.test(c));
  if (reponse.status !== 303 || !cookie) throw new Error(`« Me connecter » : HTTP ${reponse.status} vers ${reponse.headers.get("location")}, sans cookie de session`);
  return cookie;
}

/**
 * GET `url` with the cookie and Accept-Encoding: gzip, reading the body to its end. Times from the
 * request: first byte of the body, last byte, and the instant half of the bytes had arrived (a
 * second half much slower than the first means the server slows down as it goes). The body is kept
 * (decompressed) for the checks.
 */
export function telecharger(url, { cookie, delaiMs = 600_000 } = {}) {
  return new Promise((resoudre, rejeter) => {
    const debut = performance.now();
    const requete = http.get(url, { agent: false, headers: { cookie, "accept-encoding": "gzip", accept: "*/*" } }, (reponse) => {
      const jalons = [];
      let transferes = 0;
      let premierOctet = null;
      reponse.on("data", (morceau) => {
        premierOctet ??= performance.now() - debut;
        transferes += morceau.length;
        jalons.push([performance.now() - debut, transferes]);
      });
      const morceaux = [];
      const gzip = reponse.headers["content-encoding"] === "gzip";
      const corps = gzip ? reponse.pipe(zlib.createGunzip()) : reponse;
      corps.on("data", (m) => morceaux.push(m));
      corps.on("error", (erreur) => {
        clearTimeout(minuterie);
        rejeter(erreur);
      });
      corps.on("end", () => {
        const dernierOctet = (jalons.at(-1)?.[0] ?? performance.now() - debut) || 0;
        clearTimeout(minuterie);
        const moitie = jalons.find(([, octets]) => octets >= transferes / 2)?.[0] ?? dernierOctet;
        resoudre({
          statut: reponse.statusCode ?? 0,
          entetes: reponse.headers,
          gzip,
          transferes,
          corps: Buffer.concat(morceaux),
          premierOctetMs: premierOctet ?? dernierOctet,
          moitieMs: moitie,
          dernierOctetMs: dernierOctet,
        });
      });
    });
    const minuterie = setTimeout(() => requete.destroy(new Error(`pas de réponse complète en ${delaiMs / 1000} s : ${url}`)), delaiMs);
    requete.on("error", (erreur) => {
      clearTimeout(minuterie);
      rejeter(erreur);
    });
  });
}

const FORMULE = /^[=+\-@]/;
const NEUTRALISEE = /^'[=+\-@\t\r]/;

/** CSV: BOM, header, lines (CRLF; the generated values hold no line break), cells neutralised or not. */
export function verifierCsv(corps) {
  const texte = corps.toString("utf8");
  const bom = texte.charCodeAt(0) === 0xfeff;
  const lignes = texte.split("\r\n");
  if (lignes.at(-1) === "") lignes.pop();
  const separateur = lignes[0]?.includes('";"') ? ";" : ",";
  let neutralisees = 0;
  let formules = 0;
  for (const ligne of lignes) {
    // Every cell is quoted: split on the separator between quotes.
    for (const cellule of ligne.replace(/^\uFEFF/, "").slice(1, -1).split(`"${separateur}"`)) {
      if (NEUTRALISEE.test(cellule)) neutralisees += 1;
      else if (FORMULE.test(cellule)) formules += 1;
    }
  }
  return { bom, entete: lignes[0]?.replace(/^\uFEFF/, "") ?? "", lignes: lignes.length, neutralisees, formules };
}

/** XLSX: rows of the first sheet (read back with ExcelJS's streaming reader), date cells, cells neutralised or not, formulas. */
export async function verifierXlsx(corps) {
  const { default: ExcelJS } = await import("exceljs");
  const lecteur = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([corps]), { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore" });
  let feuilles = 0;
  let lignes = 0;
  let dates = 0;
  let neutralisees = 0;
  let formules = 0;
  let entete = "";
  for await (const feuille of lecteur) {
    feuilles += 1;
    for await (const ligne of feuille) {
      if (feuilles > 1) continue;
      lignes += 1;
      const valeurs = ligne.values.slice(1);
      if (lignes === 1) entete = valeurs.join(" | ");
      else if (valeurs[0] instanceof Date) dates += 1;
      for (const v of valeurs) {
        if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) formules += 1;
        else if (typeof v === "string" && NEUTRALISEE.test(v)) neutralisees += 1;
        else if (typeof v === "string" && FORMULE.test(v)) formules += 1;
      }
    }
  }
  return { feuilles, lignes, dates, neutralisees, formules, entete };
}

/**
 * Downloads each export in turn, the tree's RSS sampled every `intervalleMs` during the download,
 * `repos` ms of rest between two. `lignesAttendues`: data lines the export must hold.
 */
export async function mesurerExports({ base, pid, cookie, exports, lignesAttendues, rssRepos, intervalleMs = 50, repos = 3_000, journal = () => {} }) {
  const resultats = [];
  for (const { format, chemin } of exports) {
    await attendre(repos);
    const depart = rssDeLArbre(pid).octets;
    journal(`Export ${format} : GET ${chemin} (RSS au départ ${(depart / 1e6).toFixed(0)} MB)…`);
    const echantillonneur = echantillonnerRss(pid, { intervalleMs });
    let telechargement;
    let memoire;
    try {
      telechargement = await telecharger(new URL(chemin, base).href, { cookie });
    } finally {
      memoire = echantillonneur.stop();
    }
    if (telechargement.statut !== 200) throw new Error(`GET ${chemin} répond HTTP ${telechargement.statut} : ${telechargement.corps.toString("utf8").slice(0, 300)}`);
    await attendre(1_000);
    const apres = rssDeLArbre(pid).octets;
    journal(`Export ${format} : ${(telechargement.dernierOctetMs / 1000).toFixed(2)} s, ${telechargement.corps.length} octets ; vérification du fichier…`);
    const verification = format === "csv" ? verifierCsv(telechargement.corps) : await verifierXlsx(telechargement.corps);
    const lignes = verification.lignes;
    resultats.push({
      format,
      chemin,
      typeDeContenu: String(telechargement.entetes["content-type"] ?? ""),
      fichier: /filename="([^"]+)"/.exec(String(telechargement.entetes["content-disposition"] ?? ""))?.[1] ?? "",
      gzip: telechargement.gzip,
      transferes: telechargement.transferes,
      octets: telechargement.corps.length,
      premierOctetMs: telechargement.premierOctetMs,
      moitieMs: telechargement.moitieMs,
      dernierOctetMs: telechargement.dernierOctetMs,
      lignes,
      lignesAttendues: lignesAttendues + 1,
      lignesJustes: lignes === lignesAttendues + 1,
      verification,
      rss: { repos: rssRepos, depart, pic: memoire.max, apres, hausse: memoire.max - rssRepos, echantillons: memoire.echantillons, pids: memoire.pids },
    });
  }
  return resultats;
}
