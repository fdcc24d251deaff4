import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { cartesAClasser, type Besoin } from "@/domain/besoins/besoins";
import { Priorisation } from "./priorisation/Priorisation";
import { FormulaireSelection } from "./selection/FormulaireSelection";

// Nothing is saved while rendering: no session, no database, no router here.
vi.mock("./actions", () => ({ enregistrerLaSelection: vi.fn(), enregistrerLeClassement: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const texte = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();

const BESOINS: Besoin[] = [
  { categorie: "formalisation", item: "diagnostic", prestation: true, etp: 0.5 },
  { categorie: "outillage", item: "reconditionnement", prestation: true },
  { categorie: "formation", item: "agentsPublics", personnes: 12 },
  { categorie: "formation", item: "autre", precision: "Tuteurs" },
];

const commun = { code: "58", version: 3, cheminBesoins: "/gouvernances/departements/58/besoins", cheminDepartement: "/gouvernances/departements/58", echeance: "jusqu'au 31 janvier 2027" };

describe("priorisation des besoins (composant)", () => {
  it("étant donné cinq cartes, alors chaque bouton nomme sa carte, et ceux des extrémités sont marqués désactivés sans perdre le focus", () => {
    const html = renderToStaticMarkup(<Priorisation {...commun} cartes={cartesAClasser(BESOINS)} modifiable />);
    expect(texte(html)).toContain("Augmenter la priorité de « Prestation de service — Faire un diagnostic territorial »");
    expect(texte(html)).toContain("Diminuer la priorité de « Ressource humaine (0,5 ETP) »");
    const desactives = [...html.matchAll(/<button[^>]*aria-disabled="true"[^>]*id="([^"]+)"|<button[^>]*id="([^"]+)"[^>]*aria-disabled="true"/g)].map((m) => m[1] ?? m[2]);
    expect(desactives.sort()).toEqual(["carte-prestation-formalisation-diagnostic-augmenter", "carte-ressourceHumaine-diminuer"]);
    expect(html).not.toContain(" disabled=");
    expect(texte(html)).toContain("Confirmer");
  });

  it("étant donné aucune carte, alors la page le dit et la confirmation reste possible", () => {
    const html = texte(renderToStaticMarkup(<Priorisation {...commun} cartes={[]} modifiable />));
    expect(html).toContain("Vous n'avez pas sélectionné de besoins à l'étape précédente.");
    expect(html).toContain("Confirmer");
    expect(html).toContain("Modifier la sélection");
  });

  it("étant donné une lecture seule, alors ni bouton de classement ni confirmation", () => {
    const html = texte(renderToStaticMarkup(<Priorisation {...commun} cartes={cartesAClasser(BESOINS)} modifiable={false} />));
    expect(html).not.toContain("Augmenter la priorité");
    expect(html).not.toContain("Confirmer");
    expect(html).toContain("Étape précédente");
  });
});

describe("sélection des besoins (composant)", () => {
  it("étant donné des besoins enregistrés, alors le formulaire les reprend : cases cochées, ETP en français, précision, personnes à former", () => {
    const html = renderToStaticMarkup(<FormulaireSelection code="58" besoins={BESOINS} version={3} modifiable cheminBesoins={commun.cheminBesoins} />);
    expect(html).toMatch(/id="besoin-formalisation-diagnostic" checked=""/);
    expect(html).toMatch(/id="besoin-formalisation-diagnostic-etp"[^>]*value="0,5"/);
    expect(html).toMatch(/id="besoin-formation-autre-precision"[^>]*value="Tuteurs"/);
    expect(html).toMatch(/id="besoin-formation-agentsPublics-personnes"[^>]*value="12"/);
    expect(html).not.toContain('id="besoin-formalisation-redaction-rh"');
    expect(texte(html)).toContain("Étape suivante");
  });

  it("étant donné une lecture seule, alors chaque case est désactivée et « Étape suivante » mène au classement sans rien enregistrer", () => {
    const html = renderToStaticMarkup(<FormulaireSelection code="58" besoins={BESOINS} version={3} modifiable={false} cheminBesoins={commun.cheminBesoins} />);
    expect(html).toMatch(/id="besoin-formalisation-redaction" disabled=""/);
    expect(html).toContain('href="/gouvernances/departements/58/besoins/priorisation"');
    expect(html).not.toContain('type="submit"');
  });
});
