import { echapperHtml } from "../html";

/*
 * The note de contexte (section 7) is rich text, kept as a document tree (the editor's JSON:
 * paragraphs, headings, lists, bold, italic, links), never as HTML. What arrives is checked
 * against a closed list of node and mark types (anything else refuses the whole note, it is not
 * silently dropped), and the HTML shown is written by `htmlDeLaNote`, which escapes every text and
 * every attribute: no markup from a user ever reaches a page.
 */

export type Marque = { type: "bold" } | { type: "italic" } | { type: "link"; attrs: { href: string } };

export type NoeudNote =
  | { type: "paragraph"; content?: NoeudNote[] }
  | { type: "heading"; attrs: { level: 2 | 3 | 4 }; content?: NoeudNote[] }
  | { type: "bulletList"; content: NoeudNote[] }
  | { type: "orderedList"; content: NoeudNote[] }
  | { type: "listItem"; content: NoeudNote[] }
  | { type: "hardBreak" }
  | { type: "text"; text: string; marks?: Marque[] };

export interface DocumentNote {
  type: "doc";
  content: NoeudNote[];
}

export const LONGUEUR_MAX_NOTE = 50_000;
const PROFONDEUR_MAX = 12;
const NOEUDS_MAX = 5_000;

export type LectureNote = { ok: true; document: DocumentNote } | { ok: false; raison: string };

const estObjet = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Only http(s) and mailto links: no javascript:, data:… */
export function lienAutorise(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2_000) return false;
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol);
  } catch {
    return false;
  }
}

/** Reads an untrusted document (parsed JSON) into a note, or says why it is refused. */
export function lireNote(brut: unknown): LectureNote {
  let noeuds = 0;
  let caracteres = 0;
  const refus = (raison: string): LectureNote => ({ ok: false, raison });

  function marques(v: unknown): Marque[] | string {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > 3) return "marques invalides";
    const lues: Marque[] = [];
    for (const m of v) {
      if (!estObjet(m)) return "marque invalide";
      if (m.type === "bold" || m.type === "italic") lues.push({ type: m.type });
      else if (m.type === "link" && estObjet(m.attrs) && lienAutorise(m.attrs.href)) lues.push({ type: "link", attrs: { href: m.attrs.href } });
      else return `marque refusée : ${String(m.type).slice(0, 30)}`;
    }
    return lues;
  }

  function enfants(v: unknown, profondeur: number, permis: ReadonlySet<string>, obligatoire: boolean): NoeudNote[] | string {
    if (v === undefined && !obligatoire) return [];
    if (!Array.isArray(v) || (obligatoire && v.length === 0)) return "contenu manquant";
    const lus: NoeudNote[] = [];
    for (const e of v) {
      const n = noeud(e, profondeur + 1);
      if (typeof n === "string") return n;
      if (!permis.has(n.type)) return `« ${n.type} » n'est pas permis ici`;
      lus.push(n);
    }
    return lus;
  }

  const EN_LIGNE = new Set(["text", "hardBreak"]);
  const BLOCS = new Set(["paragraph", "heading", "bulletList", "orderedList"]);
  const ELEMENTS = new Set(["listItem"]);
  const DANS_ELEMENT = new Set(["paragraph", "bulletList", "orderedList"]);

  function noeud(v: unknown, profondeur: number): NoeudNote | string {
    noeuds += 1;
    if (noeuds > NOEUDS_MAX) return "note trop longue";
    if (profondeur > PROFONDEUR_MAX) return "imbrication trop profonde";
    if (!estObjet(v)) return "élément invalide";
    switch (v.type) {
      case "text": {
        if (typeof v.text !== "string" || v.text.length === 0) return "texte invalide";
        caracteres += v.text.length;
        const m = marques(v.marks);
        if (typeof m === "string") return m;
        return m.length ? { type: "text", text: v.text, marks: m } : { type: "text", text: v.text };
      }
      case "hardBreak":
        return { type: "hardBreak" };
      case "paragraph": {
        const c = enfants(v.content, profondeur, EN_LIGNE, false);
        return typeof c === "string" ? c : c.length ? { type: "paragraph", content: c } : { type: "paragraph" };
      }
      case "heading": {
        const niveau = estObjet(v.attrs) ? v.attrs.level : undefined;
        if (niveau !== 2 && niveau !== 3 && niveau !== 4) return "niveau de titre invalide";
        const c = enfants(v.content, profondeur, EN_LIGNE, false);
        return typeof c === "string" ? c : { type: "heading", attrs: { level: niveau }, ...(c.length ? { content: c } : {}) };
      }
      case "bulletList":
      case "orderedList": {
        const c = enfants(v.content, profondeur, ELEMENTS, true);
        return typeof c === "string" ? c : { type: v.type, content: c };
      }
      case "listItem": {
        const c = enfants(v.content, profondeur, DANS_ELEMENT, true);
        return typeof c === "string" ? c : { type: "listItem", content: c };
      }
      default:
        return `élément refusé : ${String(v.type).slice(0, 30)}`;
    }
  }

  if (!estObjet(brut) || brut.type !== "doc") return refus("Ce n'est pas une note.");
  const contenu = enfants(brut.content, 0, BLOCS, false);
  if (typeof contenu === "string") return refus(`La note n'a pas pu être lue : ${contenu}.`);
  if (caracteres > LONGUEUR_MAX_NOTE) return refus(`La note dépasse ${LONGUEUR_MAX_NOTE.toLocaleString("fr-FR")} caractères.`);
  return { ok: true, document: { type: "doc", content: contenu } };
}

/** The text of the note, without formatting (emptiness, search, exports). */
export function texteDeLaNote(document: DocumentNote): string {
  const morceaux: string[] = [];
  const parcourir = (n: NoeudNote) => {
    if (n.type === "text") morceaux.push(n.text);
    else if (n.type === "hardBreak") morceaux.push("\n");
    else {
      for (const e of n.content ?? []) parcourir(e);
      morceaux.push("\n");
    }
  };
  for (const n of document.content) parcourir(n);
  return morceaux.join("").replace(/\n{3,}/g, "\n\n").trim();
}


/**
 * The note as HTML: every text and attribute escaped, links opened in the same tab with
 * rel="noopener". `decalage` lowers the headings (1: the note's level-2 titles become h3, under a
 * section's h2); they stop at h6.
 */
export function htmlDeLaNote(document: DocumentNote, decalage = 0): string {
  const rendre = (n: NoeudNote): string => {
    switch (n.type) {
      case "text": {
        let html = echapperHtml(n.text);
        for (const m of n.marks ?? []) {
          if (m.type === "bold") html = `<strong>${html}</strong>`;
          else if (m.type === "italic") html = `<em>${html}</em>`;
          else html = `<a href="${echapperHtml(m.attrs.href)}" rel="noopener noreferrer nofollow">${html}</a>`;
        }
        return html;
      }
      case "hardBreak":
        return "<br>";
      case "paragraph":
        return `<p>${(n.content ?? []).map(rendre).join("")}</p>`;
      case "heading": {
        const niveau = Math.min(6, Math.max(1, n.attrs.level + decalage));
        return `<h${niveau}>${(n.content ?? []).map(rendre).join("")}</h${niveau}>`;
      }
      case "bulletList":
        return `<ul>${n.content.map(rendre).join("")}</ul>`;
      case "orderedList":
        return `<ol>${n.content.map(rendre).join("")}</ol>`;
      case "listItem":
        return `<li>${n.content.map(rendre).join("")}</li>`;
    }
  };
  return document.content.map(rendre).join("");
}
