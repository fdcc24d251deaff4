import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Anneau } from "@/domain/donnees/geometrie";
import { CarteIfn, nomAccessibleZone, type ZoneCarteIfn } from "./CarteIfn";

const carre = (lon: number, lat: number, cote: number): Anneau => [
  [lon, lat],
  [lon + cote, lat],
  [lon + cote, lat + cote],
  [lon, lat + cote],
  [lon, lat],
];

const nievre: ZoneCarteIfn = { code: "58", nom: "Nièvre", anneaux: [carre(3, 46.7, 1)], score: 6.2, details: [{ libelle: "Population", valeur: "199 596" }] };
const cher: ZoneCarteIfn = { code: "18", nom: "Cher", anneaux: [carre(2, 46.7, 1)], score: null };

const rendre = (props: Partial<Parameters<typeof CarteIfn>[0]> = {}) => renderToStaticMarkup(<CarteIfn titre="IFN des départements" zones={[nievre, cher]} idTableau="tableau-ifn" {...props} />);

describe("carte de l'indice de fragilité numérique", () => {
  it("étant donné des zones sans lien, alors chacune est un tracé focalisable, nommé, coloré selon sa classe", () => {
    const html = rendre();
    expect(html).toMatch(/<path d="M[^"]+" fill="#ebb5bd" tabindex="0" role="img" aria-label="Nièvre : IFN 6,2 sur 10" data-zone="58" data-details="Population\t199 596"><title>Nièvre : IFN 6,2 sur 10<\/title><\/path>/);
    expect(html).toMatch(/fill="#cecece" tabindex="0" role="img" aria-label="Cher : IFN non disponible" data-zone="18">/);
    expect(html).toContain('fill-rule="evenodd"');
  });

  it("quand une zone a un lien, alors le tracé est dans un lien nommé vers sa page", () => {
    const html = rendre({ zones: [{ ...nievre, lien: "/donnees/departements/58" }] });
    expect(html).toMatch(/<a href="\/donnees\/departements\/58" aria-label="Nièvre : IFN 6,2 sur 10" data-zone="58"[^>]*><title>Nièvre : IFN 6,2 sur 10<\/title><path d="M[^"]+" fill="#ebb5bd"><\/path><\/a>/);
    expect(html).not.toContain('tabindex="0"');
  });

  it("alors le lien « Passer la carte » mène au tableau et précède le dessin, nommé par le titre", () => {
    const html = rendre();
    const lien = html.indexOf('href="#tableau-ifn"');
    expect(lien).toBeGreaterThan(0);
    expect(lien).toBeLessThan(html.indexOf("<svg"));
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 600 \d+"[^>]*role="group" aria-label="IFN des départements"/);
    expect(html).toContain("<figcaption");
  });

  it("alors la légende donne chaque classe avec ses bornes en texte, « Non disponible », et les extrémités", () => {
    const html = rendre();
    for (const bornes of ["de 1 à 2,3", "de 4,9 à 6,1", "de 8,7 à 10", "Non disponible", "Risque faible", "Risque fort"]) expect(html).toContain(bornes);
    expect(html).not.toContain("Lieu d&#x27;inclusion numérique");
  });

  it("quand des lieux sont donnés, alors ils sont dessinés (hors de l'ordre de tabulation) et la légende les mentionne", () => {
    const html = rendre({ points: [{ id: "l1", nom: "Médiathèque de Nevers", longitude: 3.5, latitude: 47.2 }, { id: "loin", nom: "Ailleurs", longitude: 10, latitude: 40 }] });
    expect(html).toMatch(/<g [^>]*aria-hidden="true" data-lieux=""><circle cx="[\d.]+" cy="[\d.]+" r="2.5"><title>Médiathèque de Nevers<\/title><\/circle><\/g>/);
    expect(html).not.toContain("Ailleurs");
    expect(html).toContain("Lieu d&#x27;inclusion numérique");
  });

  it("étant donné la carte nationale, alors les encarts d'outre-mer sont encadrés et nommés", () => {
    const html = rendre({ zones: [nievre, { code: "972", nom: "Martinique", anneaux: [carre(-61.2, 14.4, 0.5)], score: 4 }], encartsOutreMer: true });
    expect(html).toMatch(/<rect [^>]*fill="none"[^>]*><\/rect><text [^>]*>Martinique<\/text>/);
  });

  it("alors le nom accessible suit la forme « Nom : IFN 6,2 sur 10 »", () => {
    expect(nomAccessibleZone("Nièvre", 6.24)).toBe("Nièvre : IFN 6,2 sur 10");
    expect(nomAccessibleZone("Nièvre", 10)).toBe("Nièvre : IFN 10,0 sur 10");
    expect(nomAccessibleZone("Nièvre", 0)).toBe("Nièvre : IFN non disponible");
  });
});
