import { describe, expect, it } from "vitest";
import { construireReferentiel, millesimeDuPaquet, ReferentielIncoherent, type SourcesCog } from "./referentiel";

const sources = (): SourcesCog => ({
  regions: [
    { code: "11", nom: "Île-de-France", zone: "metro" },
    { code: "27", nom: "Bourgogne-Franche-Comté", zone: "metro" },
    { code: "975", nom: "Saint-Pierre-et-Miquelon", zone: "com" },
  ],
  departements: [
    { code: "58", nom: "Nièvre", region: "27", zone: "metro" },
    { code: "75", nom: "Paris", region: "11", zone: "metro" },
    { code: "93", nom: "Seine-Saint-Denis", region: "11", zone: "metro" },
    { code: "975", nom: "Saint-Pierre-et-Miquelon", region: "975", zone: "com" },
  ],
  communes: [
    { code: "58194", nom: "Nevers", type: "commune-actuelle", departement: "58", region: "27", population: 33085, codesPostaux: ["58000"] },
    { code: "58001", nom: "Alligny-Cosne", type: "commune-actuelle", departement: "58", region: "27", population: 900, codesPostaux: ["58200"] },
    { code: "58999", nom: "Ancienne", type: "commune-deleguee", chefLieu: "58001" },
    { code: "58001", nom: "Alligny-Cosne", type: "commune-deleguee", chefLieu: "58001" },
    { code: "75056", nom: "Paris", type: "commune-actuelle", departement: "75", region: "11", population: 2_100_000, codesPostaux: ["75002", "75001"] },
    { code: "75101", nom: "Paris 1er Arrondissement", type: "arrondissement-municipal", commune: "75056", departement: "75", region: "11", population: 15_000 },
    { code: "93001", nom: "Aubervilliers", type: "commune-actuelle", departement: "93", region: "11", population: 88_000 },
    { code: "97501", nom: "Miquelon-Langlade", type: "commune-actuelle", departement: "975", region: "975", population: 600 },
  ],
  epci: [
    { code: "245804406", nom: "CA de Nevers", type: "CA", modeFinancement: "FPU", membres: [{ code: "58194" }] },
    { code: "200054781", nom: "Métropole du Grand Paris", type: "METRO", membres: [{ code: "75056" }, { code: "93001" }] },
  ],
  ept: [{ code: "200057867", nom: "Plaine Commune", type: "EPT", modeFinancement: "", membres: [{ code: "93001" }] }],
});

describe("construire le référentiel des territoires", () => {
  it("étant donné le COG, quand on le construit, alors les collectivités d'outre-mer sont marquées et les DROM ne le sont pas", () => {
    const referentiel = construireReferentiel(sources());
    expect(referentiel.departements.find((d) => d.code === "975")?.collectiviteOutreMer).toBe(true);
    expect(referentiel.departements.find((d) => d.code === "58")?.collectiviteOutreMer).toBe(false);
    expect(referentiel.regions.find((r) => r.code === "975")?.collectiviteOutreMer).toBe(true);
  });

  it("garde les arrondissements municipaux rattachés à leur commune et écarte les communes déléguées des communes", () => {
    const { communes } = construireReferentiel(sources());
    expect(communes.map((c) => c.code).sort()).toEqual(["58001", "58194", "75056", "75101", "93001", "97501"]);
    expect(communes.find((c) => c.code === "75101")).toMatchObject({ type: "arrondissement-municipal", codeCommuneParente: "75056" });
    expect(communes.find((c) => c.code === "75056")?.codesPostaux).toEqual(["75001", "75002"]);
  });

  it("fait des communes déléguées de code distinct d'anciennes communes de leur chef-lieu, et ignore celle qui garde le code du chef-lieu", () => {
    const { anciennesCommunes } = construireReferentiel(sources());
    expect(anciennesCommunes).toEqual([{ code: "58999", nom: "Ancienne", type: "commune-deleguee", codeCommune: "58001" }]);
  });

  it("rattache les établissements publics territoriaux à la Métropole du Grand Paris", () => {
    const { epci, membresEpci } = construireReferentiel(sources());
    expect(epci.find((e) => e.code === "200057867")).toMatchObject({ nature: "EPT", codeEpciParent: "200054781" });
    expect(epci.find((e) => e.code === "200054781")?.codeEpciParent).toBeNull();
    expect(membresEpci.filter((m) => m.codeCommune === "93001").map((m) => m.codeEpci).sort()).toEqual(["200054781", "200057867"]);
  });

  it("refuse en bloc une source qui renvoie à des codes inconnus, en nommant chaque anomalie", () => {
    const incoherente = sources();
    incoherente.communes.push({ code: "99001", nom: "Nulle part", type: "commune-actuelle", departement: "99", region: "27" });
    incoherente.epci[0]?.membres.push({ code: "58777" });
    expect(() => construireReferentiel(incoherente)).toThrow(ReferentielIncoherent);
    try {
      construireReferentiel(incoherente);
    } catch (erreur) {
      expect((erreur as ReferentielIncoherent).anomalies).toEqual([
        "la commune 99001 renvoie au département inconnu 99",
        "l'EPCI 245804406 compte la commune inconnue 58777",
      ]);
    }
  });
});

describe("millésime du paquet", () => {
  const readme = "| Millésime | Version |\n|---|---|\n| 2025  | 5.2.0 | `npm install x@5.2.0` |\n| 2026  | 6.0.0 | `npm install x@6.0.0` |";
  it("lit le millésime de la version installée dans la table du README", () => {
    expect(millesimeDuPaquet(readme, "6.0.0")).toBe("2026");
    expect(millesimeDuPaquet(readme, "5.2.0")).toBe("2025");
  });
  it("ne devine pas le millésime d'une version absente", () => {
    expect(millesimeDuPaquet(readme, "7.0.0")).toBeNull();
  });
});
