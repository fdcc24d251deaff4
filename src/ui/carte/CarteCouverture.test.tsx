import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { COULEUR_DEPARTEMENTALE, COULEUR_NON_COUVERTE, PALETTE_INFRA, type DessinCommunes } from "@/domain/gouvernance/couverture";
import type { Perimetre, ReferentielPerimetre } from "@/domain/gouvernance/perimetres";
import { CarteCouverture, type ProprietesCarteCouverture } from "./CarteCouverture";

const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
    { code: "58003", nom: "Alligny-en-Morvan" },
    { code: "58004", nom: "Alluy" },
  ],
  epci: [
    { code: "200067", nom: "CC Amognes Cœur du Nivernais", communes: ["58001", "58004"] },
    { code: "200068", nom: "CC Cœur de Loire", communes: ["58002", "58003"] },
  ],
};

const DESSIN: DessinCommunes = {
  largeur: 600,
  hauteur: 400,
  communes: REFERENTIEL.communes.map((c, i) => ({ code: c.code, nom: c.nom, d: `M${i * 100} 0l100 0 0 100-100 0z` })),
  source: "Contours IGN",
  dateMiseAJour: "2026-11-29",
};

type Feuilles = ProprietesCarteCouverture["feuilles"];
const feuille = (id: string, nom: string, perimetre: Perimetre) => ({ id, nom, perimetre });
const rendre = (feuilles: Feuilles, dessin: DessinCommunes | null = DESSIN) => renderToStaticMarkup(<CarteCouverture dessin={dessin} referentiel={REFERENTIEL} feuilles={feuilles} />);
/** The fill of each commune's path, in the order drawn. */
const remplissages = (html: string) => [...html.matchAll(/<path d="[^"]+" fill="([^"]+)">/g)].map((m) => m[1]);

describe("carte de couverture des feuilles de route", () => {
  it("étant donné aucune feuille de route, alors seul l'état vide est dit, dans la zone annoncée", () => {
    const html = rendre([]);
    expect(html).toMatch(/<div role="status" aria-live="polite"[^>]*><p[^>]*>Ajoutez une feuille de route pour voir sa couverture\.<\/p><\/div>/);
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<table");
  });

  it("étant donné une départementale et une infra-départementale, alors chaque commune a la couleur de la feuille qui la couvre, et l'image est nommée par son résumé", () => {
    const html = rendre([feuille("d", "Nièvre", { type: "departemental" }), feuille("e", "Amognes", { type: "epci", epci: ["200067"] })]);
    expect(remplissages(html)).toEqual([PALETTE_INFRA[0], COULEUR_DEPARTEMENTALE, COULEUR_DEPARTEMENTALE, PALETTE_INFRA[0]]);
    expect(html).toMatch(/<svg [^>]*role="img" aria-label="Couverture des feuilles de route : 2 feuilles, toutes les communes couvertes, aucun chevauchement"/);
    expect(html).toContain("<title>Achun : Amognes</title>");
    expect(html).toContain("Scénario 2 : une feuille de route départementale et une infra-départementale.");
    expect(html).toContain("fr-alert--success");
    // No commune is focusable: the text is the keyboard route.
    expect(html).not.toContain("tabindex=\"0\" role=\"img\"");
    expect(html).toMatch(/Source des contours : Contours IGN, données du 29\/11\/2026\./);
  });

  it("alors le lien « Passer la carte » précède le dessin et mène à l'alternative textuelle, un tableau des feuilles de route", () => {
    const html = rendre([feuille("d", "Nièvre", { type: "departemental" })]);
    const lien = /href="#([^"]+)"/.exec(html)?.[1] ?? "";
    expect(lien).toMatch(/^couverture-[A-Za-z0-9_-]+-texte$/);
    expect(html.indexOf(`href="#${lien}"`)).toBeLessThan(html.indexOf("<svg"));
    expect(html).toContain(`<div id="${lien}" tabindex="-1"`);
    expect(html).toMatch(/<caption>Couverture des feuilles de route sur les communes du département<\/caption><thead><tr><th scope="col">Feuille de route<\/th><th scope="col">Périmètre<\/th><th scope="col">Communes couvertes<\/th>/);
    expect(html).toContain("<td>Nièvre</td><td>Départemental</td><td>4</td>");
    expect(html).toContain("Toutes les communes du département sont couvertes.");
  });

  it("quand des communes ne sont pas couvertes et d'autres partagées, alors elles sont grises ou rayées de rouge, listées par EPCI, et les messages du moteur sont dits", () => {
    const html = rendre([feuille("a", "Achun et Alligny", { type: "communes", communes: ["58001", "58002"] }), feuille("b", "Alligny", { type: "communes", communes: ["58002"] })]);
    const fills = remplissages(html);
    expect(fills[0]).toBe(PALETTE_INFRA[0]);
    expect(fills[1]).toMatch(/^url\(#couverture-[A-Za-z0-9_-]+-chevauchement\)$/);
    expect(fills[2]).toBe(COULEUR_NON_COUVERTE);
    expect(html).toContain(`id="${/url\(#([^)]+)\)/.exec(fills[1] ?? "")?.[1]}"`);
    expect(html).toContain("Les périmètres ne sont pas encore valides.");
    expect(html).toContain("fr-alert--error");
    expect(html).toMatch(/<li>Les feuilles de route « Achun et Alligny » et « Alligny » couvrent toutes deux la commune : Alligny-Cosne\./);
    expect(html).toContain("aria-label=\"Couverture des feuilles de route : 2 feuilles, 2 communes non couvertes, 1 commune en chevauchement\"");
    expect(html).toContain("<strong>CC Amognes Cœur du Nivernais</strong> (1 sur 2) : Alluy");
    expect(html).toContain("<strong>CC Cœur de Loire</strong> (1 sur 2) : Alligny-en-Morvan");
    expect(html).toContain("1 commune en chevauchement, par feuilles de route :");
    expect(html).toContain("<strong>« Achun et Alligny » et « Alligny »</strong> (1 commune) : Alligny-Cosne");
    expect(html).toContain("Chevauchement : 1 commune");
    expect(html).toContain("Non couverte : 2 communes");
    expect(html).toContain("<td>2, dont 1 en chevauchement</td>");
    expect(html).toContain("Achun et Alligny : 2 communes, dont 1 en chevauchement");
  });

  it("étant donné deux cartes sur la page, alors leurs identifiants diffèrent", () => {
    const feuilles = [feuille("a", "A", { type: "communes", communes: ["58001", "58002"] }), feuille("b", "B", { type: "communes", communes: ["58002"] })];
    const html = renderToStaticMarkup(
      <>
        <CarteCouverture dessin={DESSIN} referentiel={REFERENTIEL} feuilles={feuilles} titre="Couverture proposée" />
        <CarteCouverture dessin={DESSIN} referentiel={REFERENTIEL} feuilles={feuilles} titre="Couverture validée" />
      </>,
    );
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(4);
    expect(new Set(ids).size).toBe(ids.length);
    const regions = [...html.matchAll(/role="region" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(regions).toEqual(["Couverture proposée", "Couverture validée"]);
  });

  it("sans contours importés, alors la couverture est donnée en texte seulement", () => {
    const html = rendre([feuille("d", "Nièvre", { type: "departemental" })], null);
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("Passer la carte");
    expect(html).toContain("Aucun contour de commune n&#x27;est importé pour ce département");
    expect(html).toContain("<td>Nièvre</td>");
  });
});
