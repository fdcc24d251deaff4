import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { SECTIONS } from "@/domain/gouvernance/formulaire";
import { Historique, dateDeVersion, libelleVersion } from "./Historique";

// The server action is not called while rendering closed: no session, no database here.
vi.mock("./actions-historique", () => ({ lireHistoriqueDeSection: vi.fn() }));

const texte = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();

describe("historique d'une section (composant)", () => {
  it("étant donné les sept sections sur une page, alors chaque accordéon a ses propres identifiants, fermé, et dit le nombre de versions et sa section", () => {
    const html = renderToStaticMarkup(
      <>
        {SECTIONS.map((s, i) => (
          <Historique key={s} code="58" section={s} version={i} />
        ))}
      </>,
    );
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    const boutons = [...html.matchAll(/<button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="([^"]+)">/g)];
    expect(boutons.map((b) => b[1])).toEqual(ids);
    for (const [, controle] of boutons) expect(html).toContain(`<div id="${controle}" hidden=""`);
    expect(texte(html)).toContain("Historique des modifications de la section « Contact du sous-préfet référent » (aucune version)");
    expect(texte(html)).toContain("Historique des modifications de la section « Co-porteurs de la gouvernance » (1 version)");
    expect(texte(html)).toContain("Historique des modifications de la section « Note de contexte » (6 versions)");
    expect(texte(html)).not.toContain("Chargement");
  });

  it("étant donné une date enregistrée en UTC, alors elle se lit à l'heure de Paris, été comme hiver, avec « 1er »", () => {
    expect(dateDeVersion("2026-11-29T13:32:00.000Z")).toBe("le 29 novembre 2026 à 14 h 32");
    expect(dateDeVersion("2026-07-01T07:05:00.000Z")).toBe("le 1er juillet 2026 à 9 h 05");
    expect(dateDeVersion("2026-12-31T23:10:00.000Z")).toBe("le 1er janvier 2027 à 0 h 10");
    expect(libelleVersion({ version: 3, modifieLe: "2026-11-29T13:32:00.000Z", auteur: "Claire Dupont" })).toBe("Version 3 — le 29 novembre 2026 à 14 h 32 — par Claire Dupont");
  });
});
