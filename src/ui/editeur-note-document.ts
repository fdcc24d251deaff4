import { lienAutorise, type DocumentNote, type Marque, type NoeudNote } from "@/domain/gouvernance/note";

/*
 * Between the editor's JSON and the note de contexte as the domain reads it (`lireNote`).
 *
 * The editor is configured with the same closed list of elements, but what it hands over still
 * carries its own attributes (`textAlign`, a link's `target`, `rel`, `class`, `title`, an ordered
 * list's `start`…), a trailing empty paragraph, and may, through a paste, hold a structure deeper
 * than the domain accepts. `restreindreNote` keeps only what `lireNote` accepts, and never drops a
 * text: a construct the note does not know gives its text to a paragraph, a heading of level 1
 * becomes level 2, one of level 5 or 6 level 4, lists nested too deeply are laid out flat, a link
 * whose address is neither http(s) nor mailto keeps its text and loses its link.
 *
 * Pure functions: no editor, no DOM.
 */

/** As in `lireNote`: a node deeper than this refuses the whole note (the document's blocks are at depth 1). */
export const PROFONDEUR_MAX_NOTE = 12;

/** A list at depth p puts its items at p + 1, their paragraphs at p + 2 and their texts at p + 3. */
const PROFONDEUR_MAX_LISTE = PROFONDEUR_MAX_NOTE - 3;

const BLOCS_CONNUS = new Set(["paragraph", "heading", "bulletList", "orderedList", "listItem", "blockquote", "codeBlock", "doc"]);

type Brut = Record<string, unknown>;

const estObjet = (v: unknown): v is Brut => typeof v === "object" && v !== null && !Array.isArray(v);

const enfantsDe = (n: Brut): unknown[] => (Array.isArray(n.content) ? n.content : []);

/** Bold, italic and an allowed link, each at most once, in the order given; every other mark dropped. */
function marquesDe(v: unknown): Marque[] {
  if (!Array.isArray(v)) return [];
  const lues: Marque[] = [];
  for (const m of v) {
    if (!estObjet(m) || lues.some((l) => l.type === m.type)) continue;
    if (m.type === "bold" || m.type === "italic") lues.push({ type: m.type });
    else if (m.type === "link" && estObjet(m.attrs) && typeof m.attrs.href === "string") {
      const href = m.attrs.href.trim();
      if (lienAutorise(href)) lues.push({ type: "link", attrs: { href } });
    }
  }
  return lues;
}

/** The inline content (texts and line breaks) of a list of nodes, flattening whatever else holds text. */
function enLigne(noeuds: unknown[], sortie: NoeudNote[]): NoeudNote[] {
  for (const n of noeuds) {
    if (!estObjet(n)) continue;
    if (n.type === "text") {
      if (typeof n.text !== "string" || n.text.length === 0) continue;
      const marques = marquesDe(n.marks);
      sortie.push(marques.length ? { type: "text", text: n.text, marks: marques } : { type: "text", text: n.text });
    } else if (n.type === "hardBreak") {
      sortie.push({ type: "hardBreak" });
    } else {
      // A block found inside a line (not produced by the editor): its text follows on a new line.
      const avant = sortie.length;
      if (typeof n.type === "string" && BLOCS_CONNUS.has(n.type) && avant > 0 && sortie[avant - 1]?.type !== "hardBreak") sortie.push({ type: "hardBreak" });
      enLigne(enfantsDe(n), sortie);
    }
  }
  return sortie;
}

function paragraphe(noeuds: unknown[]): NoeudNote {
  const contenu = enLigne(noeuds, []);
  return contenu.length ? { type: "paragraph", content: contenu } : { type: "paragraph" };
}

function niveauDeTitre(attrs: unknown): 2 | 3 | 4 {
  const n = Math.round(Number(estObjet(attrs) ? attrs.level : NaN));
  if (!Number.isFinite(n) || n <= 2) return 2;
  return n >= 4 ? 4 : 3;
}

/** A list at depth p; too deep, its items' content is laid out flat where the list stood. */
function liste(type: "bulletList" | "orderedList", elements: unknown[], profondeur: number): NoeudNote[] {
  if (profondeur > PROFONDEUR_MAX_LISTE) return blocs(elements, profondeur, true);
  const lus: NoeudNote[] = [];
  for (const e of elements) {
    if (!estObjet(e)) continue;
    // An item holds paragraphs and lists; something else found directly in a list becomes an item's content.
    const contenu = blocs(e.type === "listItem" ? enfantsDe(e) : [e], profondeur + 2, true);
    lus.push({ type: "listItem", content: contenu.length ? contenu : [{ type: "paragraph" }] });
  }
  return lus.length ? [{ type, content: lus }] : [];
}

/**
 * The blocks of a list of nodes at depth p. Inside a list item (`dansElement`) headings become
 * paragraphs, as the note allows there only paragraphs and lists.
 */
function blocs(noeuds: unknown[], profondeur: number, dansElement: boolean): NoeudNote[] {
  const sortie: NoeudNote[] = [];
  let ligne: NoeudNote[] = [];
  const finirLaLigne = () => {
    if (ligne.length) sortie.push({ type: "paragraph", content: ligne });
    ligne = [];
  };
  for (const n of noeuds) {
    if (!estObjet(n)) continue;
    switch (n.type) {
      case "text":
      case "hardBreak":
        enLigne([n], ligne);
        break;
      case "paragraph":
        finirLaLigne();
        sortie.push(paragraphe(enfantsDe(n)));
        break;
      case "heading": {
        finirLaLigne();
        if (dansElement) sortie.push(paragraphe(enfantsDe(n)));
        else {
          const contenu = enLigne(enfantsDe(n), []);
          sortie.push({ type: "heading", attrs: { level: niveauDeTitre(n.attrs) }, ...(contenu.length ? { content: contenu } : {}) });
        }
        break;
      }
      case "bulletList":
      case "orderedList":
        finirLaLigne();
        sortie.push(...liste(n.type, enfantsDe(n), profondeur));
        break;
      default:
        // A list item out of a list, a quotation, a code block, an unknown container: its content, in place.
        finirLaLigne();
        sortie.push(...blocs(enfantsDe(n), profondeur, dansElement));
    }
  }
  finirLaLigne();
  return sortie;
}

const estParagrapheVide = (n: NoeudNote | undefined) => n?.type === "paragraph" && !n.content?.length;

/** The editor's JSON (or anything) as a note `lireNote` accepts, within its length limits. */
export function restreindreNote(json: unknown): DocumentNote {
  const contenu = estObjet(json) ? blocs(enfantsDe(json), 1, false) : [];
  // The editor always keeps an empty paragraph at the end: it is not part of the note.
  while (estParagrapheVide(contenu[contenu.length - 1])) contenu.pop();
  return { type: "doc", content: contenu };
}

/**
 * The address typed in the editor's link field, as the note stores it: "www.exemple.fr" becomes
 * "https://www.exemple.fr", "contact@exemple.fr" becomes "mailto:contact@exemple.fr"; anything
 * `lienAutorise` refuses (javascript:, data:, ftp:, a malformed address…) gives null.
 */
export function adresseDuLien(saisie: string): string | null {
  const s = saisie.trim();
  if (!s) return null;
  // A scheme is letters then a colon not followed by a port number ("exemple.fr:8080" has none).
  const avecSchema = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s);
  const adresse = avecSchema ? s : /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(s) ? `mailto:${s}` : `https://${s.replace(/^\/+/, "")}`;
  return lienAutorise(adresse) ? adresse : null;
}

/** The number of characters `lireNote` counts (texts only), to warn before the limit. */
export function caracteresDeLaNote(document: DocumentNote): number {
  let total = 0;
  const compter = (n: NoeudNote) => {
    if (n.type === "text") total += n.text.length;
    else if (n.type !== "hardBreak") for (const e of n.content ?? []) compter(e);
  };
  for (const n of document.content) compter(n);
  return total;
}

/**
 * A note as the editor's starting content: the editor wants at least one block, and a list item
 * that starts with a paragraph (the note allows an item to open on a nested list).
 */
export function versContenuEditeur(document: DocumentNote): DocumentNote {
  const ajuster = (n: NoeudNote): NoeudNote => {
    switch (n.type) {
      case "bulletList":
      case "orderedList":
        return { type: n.type, content: n.content.map(ajuster) };
      case "listItem": {
        const contenu = n.content.map(ajuster);
        return { type: "listItem", content: contenu[0]?.type === "paragraph" ? contenu : [{ type: "paragraph" }, ...contenu] };
      }
      default:
        return n;
    }
  };
  return { type: "doc", content: document.content.length ? document.content.map(ajuster) : [{ type: "paragraph" }] };
}
