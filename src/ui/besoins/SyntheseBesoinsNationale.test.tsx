import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { syntheseNationale, type BesoinsDUnDepartement } from "@/domain/besoins/synthese";
import { SyntheseBesoinsNationale } from "./SyntheseBesoinsNationale";

const texte = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/[\u202f\u00a0]/g, " ").replace(/\s+/g, " ");

const COTE_D_OR: BesoinsDUnDepartement = {
  code: "21",
  nom: "Côte-d'Or",
  besoins: [
    { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true, rang: 2 },
    { categorie: "financement", item: "animation", etp: 1, rang: null },
  ],
  rangRessourceHumaine: 1,
  classementEnregistreLe: new Date("2026-11-28T23:30:00Z"),
  demonstration: true,
};
const NIEVRE: BesoinsDUnDepartement = {
  code: "58",
  nom: "Nièvre",
  besoins: [{ categorie: "formation", item: "agentsPublics", personnes: 1200, rang: 1 }],
  rangRessourceHumaine: null,
  classementEnregistreLe: null,
  demonstration: false,
};

describe("synthèse nationale des besoins (composant)", () => {
  it("étant donné aucun besoin, alors une phrase le dit, sans tableau ni téléchargement", () => {
    const html = renderToStaticMarkup(<SyntheseBesoinsNationale synthese={syntheseNationale([])} />);
    expect(texte(html)).toContain("Aucun département n'a encore renseigné ses besoins.");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("besoins.csv");
  });

  it("étant donné deux départements, alors les chiffres clés, les téléchargements, un tableau par catégorie et celui des départements, avec en-têtes de colonnes et de lignes", () => {
    const html = renderToStaticMarkup(<SyntheseBesoinsNationale synthese={syntheseNationale([COTE_D_OR, NIEVRE])} />);
    const t = texte(html);
    expect(t).toContain("Départements ayant renseigné des besoins 2");
    expect(t).toContain("Ressources humaines demandées (ETP) 1,5");
    expect(t).toContain("Personnes à former 1 200");
    expect(html).toContain('action="/gouvernances/national/besoins.csv"');
    expect(html).toContain('href="/gouvernances/national/besoins.xlsx"');
    const legendes = [...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1]);
    expect(legendes).toEqual([
      "Formaliser les feuilles de route",
      "Financer le déploiement de la feuille de route",
      "Outils des acteurs du territoire",
      "Former les professionnels à l&#x27;inclusion numérique",
      "Besoins et classement de chaque département",
    ]);
    expect(html).toContain('<th scope="row">Rédiger la feuille de route</th>');
    expect(html).not.toMatch(/<th(?=[\s>])(?! scope="(col|row)")/);
    // Each table scrolls in a region named after its caption, reachable with the keyboard.
    expect(html.match(/role="region"/g)).toHaveLength(5);
    // The Côte-d'Or: demonstration badge, its ranking saved (Paris date) and listed; the Nièvre not ranked yet.
    expect(html).toContain('<a href="/gouvernances/departements/21">Côte-d&#x27;Or (21)</a> <span class="fr-badge fr-badge--warning');
    expect(html).not.toMatch(/Nièvre \(58\)<\/a> <span class="fr-badge/);
    expect(html).toContain('Enregistré le 29/11/2026</p><ol class="fr-mb-0"><li>Ressource humaine (1,5 ETP)</li><li>Prestation de service — Rédiger la feuille de route</li></ol>');
    expect(t).toContain("Nièvre (58) 1 0 0 1 1 200 Classement non enregistré");
    expect(t).toContain("Rédiger la feuille de route 1 0,5 1 — 2 (1 classement)");
    // The training needs ask no ETP nor prestation.
    expect(t).toContain("Former les salariés associatifs à l'inclusion numérique 0 — — 0 —");
    expect(t).toContain("Ces chiffres comprennent des besoins de démonstration.");
  });
});
