/*
 * JavaScript a page makes the browser download: the external scripts its HTML names under
 * /_next/ (<script src>, <link rel="preload" as="script">, <link rel="modulepreload">, and the
 * same two link forms in the Link response header), each gzipped at zlib's default level.
 * Inline scripts are part of the HTML and reported with it, not here.
 */
import { gzipSync } from "node:zlib";
import { obtenir } from "./http.mjs";

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

/**
 * Measures every page of `chemins` on `base`. Each script URL is downloaded once; a script shared
 * by several pages counts for each page that loads it.
 */
export async function mesurerPoidsJs({ base, chemins, limiteOctets }) {
  const cache = new Map();
  const telecharger = (url) => {
    if (!cache.has(url)) {
      cache.set(
        url,
        obtenir(url).then(({ statut, corps }) => {
          if (statut !== 200) throw new Error(`${url} : HTTP ${statut}`);
          return { brut: corps.length, gzip: gzipSync(corps).length };
        }),
      );
    }
    return cache.get(url);
  };

  const pages = [];
  for (const chemin of chemins) {
    const urlPage = new URL(chemin, base).href;
    const { statut, entetes, corps } = await obtenir(urlPage);
    if (statut !== 200) throw new Error(`la page ${chemin} répond HTTP ${statut}`);
    const html = corps.toString("utf8");
    const scripts = scriptsDeLaPage(html, urlPage, entetes.link);
    let brut = 0;
    let gzip = 0;
    let gzipNoModule = 0;
    for (const script of scripts) {
      const taille = await telecharger(script.url);
      brut += taille.brut;
      gzip += taille.gzip;
      if (script.noModule) gzipNoModule += taille.gzip;
    }
    pages.push({
      chemin,
      nombreScripts: scripts.length,
      brut,
      gzip,
      gzipNoModule,
      htmlGzip: gzipSync(corps).length,
      enLigne: octetsScriptsEnLigne(html),
      respecte: gzip < limiteOctets,
    });
  }
  const plusLourde = pages.reduce((max, page) => (!max || page.gzip > max.gzip ? page : max), null);
  return { pages, plusLourde, scriptsDistincts: cache.size };
}
