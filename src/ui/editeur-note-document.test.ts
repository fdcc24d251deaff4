import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lireNote, texteDeLaNote, type DocumentNote } from "@/domain/gouvernance/note";
import { adresseDuLien, caracteresDeLaNote, restreindreNote, versContenuEditeur } from "./editeur-note-document";

const texte = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: "doc", content });
const lienTiptap = (href: string) => ({ type: "link", attrs: { href, target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null } });

/** The note read by the domain, or the test fails with its reason. */
function lu(document: DocumentNote): DocumentNote {
  const lecture = lireNote(JSON.parse(JSON.stringify(document)));
  if (!lecture.ok) throw new Error(lecture.raison);
  return lecture.document;
}

/** All the texts of a tree, in order, whatever its shape. */
function textes(v: unknown): string {
  if (Array.isArray(v)) return v.map(textes).join("");
  if (typeof v !== "object" || v === null) return "";
  const n = v as { type?: unknown; text?: unknown; content?: unknown };
  // Texts and line breaks are leaves: what they might hold is not text.
  if (n.type === "text") return typeof n.text === "string" ? n.text : "";
  return n.type === "hardBreak" ? "" : textes(n.content);
}

const profondeur = (v: unknown): number => {
  const n = v as { content?: unknown };
  return Array.isArray(n.content) && n.content.length ? 1 + Math.max(...n.content.map(profondeur)) : 0;
};

describe("note de contexte : du JSON de l'éditeur au document que le domaine accepte", () => {
  it("étant donné la sortie habituelle de l'éditeur (attributs textAlign, target, rel, class, start), alors le document est accepté tel quel, sans ces attributs ni le paragraphe vide final", () => {
    const sortieEditeur = {
      type: "doc",
      content: [
        { type: "heading", attrs: { textAlign: null, level: 2 }, content: [texte("Contexte")] },
        {
          type: "paragraph",
          attrs: { textAlign: null },
          content: [
            texte("La Nièvre "),
            texte("rurale", [{ type: "bold" }]),
            { type: "hardBreak", marks: [{ type: "bold" }] },
            texte("et ", [{ type: "italic" }]),
            texte("ses acteurs", [lienTiptap("https://example.org/?a=1&b=2"), { type: "bold" }]),
          ],
        },
        { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [{ type: "paragraph", attrs: { textAlign: null }, content: [texte("un")] }] }] },
        { type: "paragraph", attrs: { textAlign: null } },
      ],
    };
    const note = restreindreNote(sortieEditeur);
    expect(note).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [texte("Contexte")] },
        {
          type: "paragraph",
          content: [
            texte("La Nièvre "),
            texte("rurale", [{ type: "bold" }]),
            { type: "hardBreak" },
            texte("et ", [{ type: "italic" }]),
            texte("ses acteurs", [{ type: "link", attrs: { href: "https://example.org/?a=1&b=2" } }, { type: "bold" }]),
          ],
        },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte("un")] }] }] },
      ],
    });
    expect(lu(note)).toEqual(note);
    expect(texteDeLaNote(note)).toBe("Contexte\nLa Nièvre rurale\net ses acteurs\nun");
  });

  it("étant donné une note vide de l'éditeur, alors le document n'a aucun bloc, et l'éditeur le reçoit avec un paragraphe", () => {
    expect(restreindreNote({ type: "doc", content: [{ type: "paragraph" }] })).toEqual({ type: "doc", content: [] });
    expect(restreindreNote({ type: "doc", content: [{ type: "paragraph", content: [] }, { type: "paragraph" }] })).toEqual({ type: "doc", content: [] });
    expect(restreindreNote(null)).toEqual({ type: "doc", content: [] });
    expect(restreindreNote("<p>html</p>")).toEqual({ type: "doc", content: [] });
    expect(versContenuEditeur({ type: "doc", content: [] })).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("garde les paragraphes vides entre deux blocs (la personne a voulu un espace)", () => {
    const note = restreindreNote(doc({ type: "paragraph", content: [texte("a")] }, { type: "paragraph" }, { type: "paragraph", content: [texte("b")] }));
    expect(note.content).toHaveLength(3);
    expect(lu(note)).toEqual(note);
  });

  it("retire le lien d'une adresse ni http(s) ni mailto, garde son texte ; accepte mailto et une adresse entourée d'espaces", () => {
    const note = restreindreNote(
      doc({
        type: "paragraph",
        content: [
          texte("piège", [lienTiptap("javascript:alert(1)"), { type: "italic" }]),
          texte(" relatif", [lienTiptap("/gouvernances")]),
          texte(" données", [lienTiptap("data:text/html,<script>")]),
          texte(" écrire", [lienTiptap("mailto:prefecture@nievre.gouv.fr")]),
          texte(" site", [lienTiptap("  https://www.nievre.gouv.fr  ")]),
        ],
      }),
    );
    expect(note.content[0]).toEqual({
      type: "paragraph",
      content: [
        texte("piège", [{ type: "italic" }]),
        texte(" relatif"),
        texte(" données"),
        texte(" écrire", [{ type: "link", attrs: { href: "mailto:prefecture@nievre.gouv.fr" } }]),
        texte(" site", [{ type: "link", attrs: { href: "https://www.nievre.gouv.fr" } }]),
      ],
    });
    expect(lu(note)).toEqual(note);
  });

  it("ne garde que gras, italique et lien, chacun une fois (souligné, barré, code, couleur retirés)", () => {
    const note = restreindreNote(
      doc({
        type: "paragraph",
        content: [texte("x", [{ type: "bold" }, { type: "underline" }, { type: "strike" }, { type: "code" }, { type: "textStyle", attrs: { color: "red" } }, { type: "bold" }, { type: "italic" }, lienTiptap("https://a.fr"), lienTiptap("https://b.fr")])],
      }),
    );
    expect(note.content[0]).toEqual({ type: "paragraph", content: [texte("x", [{ type: "bold" }, { type: "italic" }, { type: "link", attrs: { href: "https://a.fr" } }])] });
    expect(lu(note)).toEqual(note);
  });

  it("ramène les titres aux niveaux 2 à 4 et, dans une liste, les change en paragraphes", () => {
    const note = restreindreNote(
      doc(
        { type: "heading", attrs: { level: 1 }, content: [texte("un")] },
        { type: "heading", attrs: { level: 3 }, content: [texte("trois")] },
        { type: "heading", attrs: { level: 6 }, content: [texte("six")] },
        { type: "heading", attrs: {}, content: [texte("sans niveau")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "heading", attrs: { level: 2 }, content: [texte("dans la liste")] }] }] },
      ),
    );
    expect(note.content.map((n) => (n.type === "heading" ? n.attrs.level : n.type))).toEqual([2, 3, 4, 2, "bulletList"]);
    expect(note.content[4]).toEqual({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte("dans la liste")] }] }] });
    expect(lu(note)).toEqual(note);
  });

  it("donne le texte des citations, blocs de code et éléments inconnus à des paragraphes, et ignore séparateurs et images", () => {
    const note = restreindreNote(
      doc(
        { type: "blockquote", content: [{ type: "paragraph", content: [texte("cité")] }] },
        { type: "codeBlock", attrs: { language: null }, content: [texte("const a = 1;\nconst b = 2;")] },
        { type: "horizontalRule" },
        { type: "image", attrs: { src: "https://x/y.png" } },
        texte("texte hors paragraphe"),
        { type: "listItem", content: [{ type: "paragraph", content: [texte("élément perdu")] }] },
        { type: "bulletList", content: [{ type: "paragraph", content: [texte("paragraphe direct dans la liste")] }] },
        { type: "bulletList", content: [] },
        { type: "paragraph", content: [texte("a"), { type: "paragraph", content: [texte("b")] }, { type: "mention", attrs: { id: "x" } }] },
      ),
    );
    expect(note.content).toEqual([
      { type: "paragraph", content: [texte("cité")] },
      { type: "paragraph", content: [texte("const a = 1;\nconst b = 2;")] },
      { type: "paragraph", content: [texte("texte hors paragraphe")] },
      { type: "paragraph", content: [texte("élément perdu")] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte("paragraphe direct dans la liste")] }] }] },
      { type: "paragraph", content: [texte("a"), { type: "hardBreak" }, texte("b")] },
    ]);
    expect(lu(note)).toEqual(note);
  });

  it("étant donné des listes imbriquées sur dix niveaux (collées d'ailleurs), alors les cinq premiers niveaux restent et les suivants sont mis à plat, sans perdre de texte", () => {
    let liste: unknown = { type: "paragraph", content: [texte("fond")] };
    for (let i = 10; i >= 1; i--) liste = { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte(`niveau ${i} `)] }, liste] }] };
    const brut = doc(liste);
    expect(lireNote(brut).ok).toBe(false);
    const note = restreindreNote(brut);
    expect(lu(note)).toEqual(note);
    expect(textes(note)).toBe(textes(brut));
    // Depth as lireNote counts it: doc's blocks at 1 … texts at 12 at most.
    expect(profondeur(note)).toBeLessThanOrEqual(12);
    let niveaux = 0;
    for (let n: unknown = note.content[0]; (n as { type?: string })?.type === "bulletList"; niveaux++) {
      const element = (n as { content: { content: unknown[] }[] }).content[0];
      n = element?.content.find((e) => (e as { type: string }).type === "bulletList");
    }
    expect(niveaux).toBe(5);
  });

  it("propriété : des listes imbriquées de 1 à 15 niveaux, à puces ou numérotées, avec ou sans paragraphe en tête d'élément, donnent toujours une note acceptée, au texte entier", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ type: fc.constantFrom("bulletList", "orderedList"), titre: fc.boolean(), freres: fc.nat(2) }), { minLength: 1, maxLength: 15 }), (niveaux) => {
        let n: unknown = { type: "paragraph", content: [texte("fond")] };
        niveaux.forEach(({ type, titre, freres }, i) => {
          const frere = { type: "listItem", content: [{ type: "paragraph", content: [texte(`frère ${i}`)] }] };
          const element = { type: "listItem", content: titre ? [{ type: "paragraph", content: [texte(`niveau ${i}`)] }, n] : [n] };
          n = { type, content: [element, ...Array.from({ length: freres }, () => frere)] };
        });
        const brut = doc(n);
        const note = restreindreNote(brut);
        expect(lu(note)).toEqual(note);
        expect(textes(note)).toBe(textes(brut));
      }),
    );
  });

  it("prépare pour l'éditeur un élément de liste qui commence par une sous-liste", () => {
    const note = lu({ type: "doc", content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "a" }] }] }] }] }] }] });
    const contenu = versContenuEditeur(note);
    expect(contenu.content[0]).toMatchObject({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }, { type: "orderedList" }] }] });
    expect(lu(contenu)).toEqual(contenu);
  });

  it("complète l'adresse saisie pour un lien (https:// ou mailto:) et refuse les autres protocoles", () => {
    expect(adresseDuLien("  https://www.nievre.gouv.fr/a?b=1 ")).toBe("https://www.nievre.gouv.fr/a?b=1");
    expect(adresseDuLien("http://exemple.fr")).toBe("http://exemple.fr");
    expect(adresseDuLien("www.nievre.gouv.fr")).toBe("https://www.nievre.gouv.fr");
    expect(adresseDuLien("exemple.fr:8080/page")).toBe("https://exemple.fr:8080/page");
    expect(adresseDuLien("//exemple.fr")).toBe("https://exemple.fr");
    expect(adresseDuLien("prefecture@nievre.gouv.fr")).toBe("mailto:prefecture@nievre.gouv.fr");
    expect(adresseDuLien("mailto:prefecture@nievre.gouv.fr")).toBe("mailto:prefecture@nievre.gouv.fr");
    for (const refus of ["", "   ", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "ftp://exemple.fr", "tel:0102030405", "https://", "un texte avec espaces"]) {
      expect(adresseDuLien(refus), refus).toBeNull();
    }
  });

  it("compte les caractères comme le domaine (les textes seuls)", () => {
    const note = restreindreNote(doc({ type: "paragraph", content: [texte("abc"), { type: "hardBreak" }, texte("de", [{ type: "bold" }])] }, { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte("fgh")] }] }] }));
    expect(caracteresDeLaNote(note)).toBe(8);
  });

  it("propriété : quel que soit l'arbre reçu, le document est accepté par lireNote et garde tous les textes, dans l'ordre", () => {
    const types = fc.constantFrom("doc", "paragraph", "heading", "bulletList", "orderedList", "listItem", "blockquote", "codeBlock", "horizontalRule", "image", "inconnu", "text", "hardBreak");
    const marque = fc.oneof(
      fc.constantFrom({ type: "bold" }, { type: "italic" }, { type: "underline" }, { type: "code" }, { type: "link", attrs: { href: "javascript:x" } }, { type: "link", attrs: {} }, "gras"),
      fc.webUrl().map((href) => lienTiptap(href)),
    );
    const { noeud } = fc.letrec((tie) => ({
      noeud: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.record({ type: fc.constant("text"), text: fc.string({ maxLength: 12 }), marks: fc.option(fc.array(marque, { maxLength: 5 }), { nil: undefined }) }),
        fc.record({ type: types, attrs: fc.option(fc.record({ level: fc.integer({ min: -1, max: 8 }), textAlign: fc.constant(null) }), { nil: undefined }), content: fc.option(fc.array(tie("noeud"), { maxLength: 4 }), { nil: undefined }) }),
        fc.constantFrom(null, 3, "texte", [], { type: "text", text: 3 }),
      ),
    }));
    fc.assert(
      fc.property(fc.array(noeud, { maxLength: 5 }), (contenu) => {
        const brut = doc(...contenu);
        const note = restreindreNote(brut);
        const lecture = lireNote(JSON.parse(JSON.stringify(note)));
        expect(lecture).toEqual({ ok: true, document: note });
        expect(textes(note)).toBe(textes(brut));
        expect(lireNote(versContenuEditeur(note)).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
