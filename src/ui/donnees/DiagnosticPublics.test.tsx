import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DiagnosticDesPublics, EstimationPublic, TauxPublic } from "@/domain/donnees/diagnostic-publics";
import { DiagnosticPublics } from "./DiagnosticPublics";

const taux = (t: Partial<TauxPublic>): TauxPublic => ({
  id: "t1",
  libelle: "Personnes n'ayant pas utilisé internet au cours des 12 derniers mois",
  taux: 12.5,
  ageMin: null,
  ageMax: null,
  source: "CREDOC, Baromètre du numérique 2025",
  annee: 2025,
  lien: "https://www.credoc.fr/",
  ordre: 1,
  provenance: "saisie",
  modifieLe: new Date("2026-11-29T09:00:00Z"),
  ...t,
});

const avecChiffre: EstimationPublic = {
  taux: taux({}),
  tranche: "Toute la population",
  demonstration: false,
  populationConcernee: 200_000,
  estimation: 25_000,
  estimationNonArrondie: 25_000,
  methode: "12,5 % × 200 000 habitants (population : Code officiel géographique 2026 (INSEE)) = environ 25 000 personnes",
  raison: null,
  prorata: false,
};

const diagnostic = (estimations: EstimationPublic[]): DiagnosticDesPublics => ({
  territoire: { type: "departement", code: "58", nom: "Nièvre" },
  population: { total: 200_000, source: "Code officiel géographique 2026 (INSEE)", dateMiseAJour: "2026-11-29" },
  structureParAge: null,
  estimations,
  demonstration: estimations.some((e) => e.demonstration),
});

const texte = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/[\u202f\u00a0]/g, " ").replace(/\s+/g, " ");

describe("section « Diagnostic des publics »", () => {
  it("montre chaque estimation comme telle, avec sa méthode et sa source, au niveau de titre demandé", () => {
    const html = renderToStaticMarkup(<DiagnosticPublics diagnostic={diagnostic([avecChiffre])} niveauTitre={3} />);
    expect(html).toContain('<h3 id="diagnostic-des-publics">Diagnostic des publics</h3>');
    const t = texte(html);
    expect(t).toContain("Publics, taux national, estimation sur le territoire, méthode et source");
    expect(t).toContain("Estimation : environ 25 000 personnes");
    expect(t).toContain("12,5 % × 200 000 habitants");
    expect(t).toContain("CREDOC, Baromètre du numérique 2025 ");
    expect(t).not.toContain("(2025)");
    expect(t).toContain("ne sont pas des parts de la population");
    expect(t).not.toContain("Données de démonstration");
  });

  it("dit pourquoi un chiffre manque, et marque la démonstration", () => {
    const sans: EstimationPublic = { ...avecChiffre, taux: taux({ id: "t2", ageMin: 70, provenance: "demonstration", source: "Données de démonstration — fictives", lien: null }), tranche: "70 ans et plus", demonstration: true, estimation: null, estimationNonArrondie: null, populationConcernee: null, methode: null, raison: "Nécessite la population par âge (import insee-population-age)." };
    const t = texte(renderToStaticMarkup(<DiagnosticPublics diagnostic={diagnostic([sans])} />));
    expect(t).toContain("Non disponible Nécessite la population par âge (import insee-population-age).");
    expect(t).toContain("Données de démonstration — fictives");
  });

  it("sans taux saisi : l'état vide", () => {
    const t = texte(renderToStaticMarkup(<DiagnosticPublics diagnostic={diagnostic([])} />));
    expect(t).toContain("Aucun taux national n'a encore été saisi par l'équipe nationale.");
  });
});
