import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlDeLaNote, lienAutorise, lireNote, texteDeLaNote } from "./note";

const texte = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: "doc", content });

describe("note de contexte : document riche lu sur une liste fermée, HTML écrit par nous", () => {
  it("lit paragraphes, titres, listes, gras, italique et liens, et les rend en HTML", () => {
    const lu = lireNote(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [texte("Contexte")] },
        { type: "paragraph", content: [texte("La Nièvre "), texte("rurale", [{ type: "bold" }]), { type: "hardBreak" }, texte("et ", [{ type: "italic" }]), texte("ses acteurs", [{ type: "link", attrs: { href: "https://example.org/?a=1&b=2" } }])] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [texte("un")] }] }] },
      ),
    );
    if (!lu.ok) throw new Error(lu.raison);
    expect(htmlDeLaNote(lu.document)).toBe(
      '<h2>Contexte</h2><p>La Nièvre <strong>rurale</strong><br><em>et </em><a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">ses acteurs</a></p><ul><li><p>un</p></li></ul>',
    );
    expect(texteDeLaNote(lu.document)).toBe("Contexte\nLa Nièvre rurale\net ses acteurs\nun");
  });

  it("refuse tout élément ou marque hors de la liste, les liens javascript: et data:, les attributs de style", () => {
    const refus = [
      doc({ type: "html", content: "<script>alert(1)</script>" }),
      doc({ type: "image", attrs: { src: "https://x/y.png" } }),
      doc({ type: "paragraph", content: [texte("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])] }),
      doc({ type: "paragraph", content: [texte("x", [{ type: "link", attrs: { href: "data:text/html,<script>" } }])] }),
      doc({ type: "paragraph", content: [texte("x", [{ type: "textStyle", attrs: { color: "red" } }])] }),
      doc({ type: "heading", attrs: { level: 1 }, content: [texte("x")] }),
      doc({ type: "bulletList", content: [texte("x")] }),
      doc(texte("texte hors paragraphe")),
      { type: "paragraph", content: [] },
      "<p>html</p>",
      null,
    ];
    for (const brut of refus) expect(lireNote(brut).ok, JSON.stringify(brut)).toBe(false);
    expect(lienAutorise("mailto:prefecture@nievre.gouv.fr")).toBe(true);
  });

  it("refuse une imbrication trop profonde et une note trop longue", () => {
    let liste: unknown = { type: "paragraph", content: [texte("fond")] };
    for (let i = 0; i < 10; i++) liste = { type: "bulletList", content: [{ type: "listItem", content: [liste] }] };
    expect(lireNote(doc(liste))).toMatchObject({ ok: false, raison: "La note n'a pas pu être lue : imbrication trop profonde." });
    expect(lireNote(doc({ type: "paragraph", content: [texte("a".repeat(50_001))] }))).toMatchObject({ ok: false, raison: expect.stringMatching(/^La note dépasse 50\s000 caractères\.$/u) });
    expect(lireNote(doc({ type: "paragraph", content: [texte("a".repeat(50_000))] })).ok).toBe(true);
  });

  it("propriété : quel que soit le texte saisi, le HTML ne contient que nos balises et aucun gestionnaire d'événement", () => {
    const TAGS = new Set(["p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"]);
    const morceau = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</p><iframe>", "&lt;b&gt;", "'onmouseover='x"));
    fc.assert(
      fc.property(fc.array(fc.array(morceau, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), fc.webUrl(), (paragraphes, url) => {
        const lu = lireNote(doc(...paragraphes.map((p) => ({ type: "paragraph", content: p.map((t, i) => texte(t, i % 2 ? [{ type: "link", attrs: { href: url } }] : undefined)) }))));
        if (!lu.ok) throw new Error(lu.raison);
        const html = htmlDeLaNote(lu.document);
        for (const [, tag] of html.matchAll(/<\/?([a-zA-Z0-9]+)/g)) expect(TAGS.has(tag as string), html).toBe(true);
        expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
        // What is read back from the HTML is the text typed, whole.
        expect(texteDeLaNote(lu.document).replace(/\s+/g, "")).toBe(paragraphes.flat().join("").replace(/\s+/g, ""));
      }),
      { numRuns: 200 },
    );
  });

  it("étant donné une note rendue sous le titre d'une section, alors ses titres descendent d'un niveau", () => {
    const note = { type: "doc" as const, content: [{ type: "heading" as const, attrs: { level: 2 as const }, content: [{ type: "text" as const, text: "Acteurs" }] }] };
    expect(htmlDeLaNote(note)).toBe("<h2>Acteurs</h2>");
    expect(htmlDeLaNote(note, 1)).toBe("<h3>Acteurs</h3>");
  });
});
