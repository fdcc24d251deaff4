/*
 * JavaScript a page makes the browser download, measured in Chromium: every script response,
 * each gzipped at zlib's default level. Inline scripts are part of the HTML and reported with it.
 */
import { gzipSync } from "node:zlib";

const ENTITES = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

function decoderEntites(texte) {
  return texte.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (tout, nom) => {
    if (nom[0] === "#") {
      const code = nom[1] === "x" || nom[1] === "X" ? parseInt(nom.slice(2), 16) : parseInt(nom.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : tout;
    }
    return ENTITES[nom.toLowerCase()] ?? tout;
  });
}

/** Attributes of one start tag's inside, names lower-cased; a bare attribute has the value "". */
function attributs(interieur) {
  const resultat = {};
  const motif = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const [, nom, v1, v2, v3] of interieur.matchAll(motif)) {
    const cle = nom.toLowerCase();
    if (!(cle in resultat)) resultat[cle] = decoderEntites(v1 ?? v2 ?? v3 ?? "");
  }
  return resultat;
}

const motsDe = (valeur) => (valeur ?? "").toLowerCase().split(/\s+/).filter(Boolean);

function estLienDeScript(attr) {
  const rel = motsDe(attr.rel);
  return rel.includes("modulepreload") || (rel.includes("preload") && (attr.as ?? "").toLowerCase() === "script");
}

/** Entries of a Link header: [{ href, rel, as }]. */
function entreesLink(entete) {
  const texte = Array.isArray(entete) ? entete.join(", ") : (entete ?? "");
  const entrees = [];
  for (const [, href, parametres] of texte.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const attr = { href };
    for (const [, nom, valeur] of parametres.matchAll(/;\s*([^=;,\s]+)\s*(?:=\s*("[^"]*"|[^;,]*))?/g)) {
      attr[nom.toLowerCase()] = (valeur ?? "").trim().replace(/^"|"$/g, "");
    }
    entrees.push(attr);
  }
  return entrees;
}

/**
 * External scripts of a page, in document order, each once: [{ url, noModule }].
 * Only same-origin URLs whose path starts with /_next/ are kept.
 */
export function scriptsDeLaPage(html, urlPage, enteteLink) {
  const origine = new URL(urlPage).origin;
  const trouves = new Map();
  const retenir = (href, noModule) => {
    if (!href) return;
    let url;
    try {
      url = new URL(href, urlPage);
    } catch {
      return;
    }
    if (url.origin !== origine || !url.pathname.startsWith("/_next/")) return;
    url.hash = "";
    const cle = url.href;
    const deja = trouves.get(cle);
    // A script that is also loaded as a module-capable one is downloaded by every browser.
    if (deja) deja.noModule = deja.noModule && noModule;
    else trouves.set(cle, { url: cle, noModule });
  };
  for (const entree of entreesLink(enteteLink)) if (estLienDeScript(entree)) retenir(entree.href, false);
  // Comments could hide tags; drop them first.
  const source = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const [, nom, interieur] of source.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attr = attributs(interieur);
    if (nom.toLowerCase() === "script") retenir(attr.src, "nomodule" in attr);
    else if (estLienDeScript(attr)) retenir(attr.href, false);
  }
  return [...trouves.values()];
}

/** Total size of the inline <script> bodies of a page (bytes, uncompressed). */
export function octetsScriptsEnLigne(html) {
  let total = 0;
  for (const [, interieur, corps] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!("src" in attributs(interieur))) total += Buffer.byteLength(corps);
  }
  return total;
}

/** Debian's Chromium (no download), headless, through playwright-core; CHROMIUM_PATH overrides the path. */
export async function lancerChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Measures every page of `chemins` on `base` as a browser receives it: Debian's Chromium loads the
 * page, waits until the network is idle (so the scripts loaded after hydration, such as the design
 * system's own JavaScript, are counted), and every script response is gzipped and summed. The
 * scripts the HTML names are listed too, to show what is declared and what is fetched later.
 */
export async function mesurerPoidsJs({ base, chemins, limiteOctets }) {
  const navigateur = await lancerChromium();
  const distincts = new Set();
  const pages = [];
  try {
    for (const chemin of chemins) {
      const urlPage = new URL(chemin, base).href;
      const contexte = await navigateur.newContext();
      const page = await contexte.newPage();
      const reponses = [];
      page.on("response", (r) => {
        if (r.request().resourceType() === "script") reponses.push(r.body().then((corps) => ({ url: r.url(), corps }), () => null));
      });
      const document = await page.goto(urlPage, { waitUntil: "networkidle" });
      if (!document || document.status() !== 200) throw new Error(`la page ${chemin} répond HTTP ${document?.status()}`);
      await page.waitForTimeout(500);
      const html = await document.text();
      const declares = scriptsDeLaPage(html, urlPage, document.headers().link);
      let brut = 0;
      let gzip = 0;
      let nombreScripts = 0;
      for (const r of await Promise.all(reponses)) {
        if (!r) continue;
        nombreScripts += 1;
        distincts.add(r.url);
        brut += r.corps.length;
        gzip += gzipSync(r.corps).length;
      }
      await contexte.close();
      pages.push({
        chemin,
        nombreScripts,
        declares: declares.filter((d) => !d.noModule).length,
        brut,
        gzip,
        telecharge: gzip,
        htmlGzip: gzipSync(Buffer.from(html)).length,
        enLigne: octetsScriptsEnLigne(html),
        respecte: gzip < limiteOctets,
      });
    }
  } finally {
    await navigateur.close();
  }
  const plusLourde = pages.reduce((max, page) => (!max || page.telecharge > max.telecharge ? page : max), null);
  return { pages, plusLourde, scriptsDistincts: distincts.size };
}
