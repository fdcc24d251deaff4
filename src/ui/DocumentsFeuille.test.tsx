import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DocumentsFeuille, libelleVersion } from "./DocumentsFeuille";

const texte = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/[\u202f\u00a0]/g, " ").replace(/\s+/g, " ");

const v1 = { id: "0b7c5a52-7f7e-4c61-9d0e-1a2b3c4d5e6f", version: 1, nomFichier: "Feuille de route.pdf", taille: 1_258_291, deposeLe: "2026-11-29T10:00:00.000Z" };
const v2 = { id: "9f1d2e3c-4b5a-4678-8899-aabbccddeeff", version: 2, nomFichier: "Feuille de route v2.docx", taille: 12_800, deposeLe: "2026-11-30T08:05:00.000Z" };

describe("document d'une feuille de route (composant)", () => {
  it("pour la préfecture : le groupe de dépôt DSFR avec son libellé, son indication et les formats acceptés ; l'état vide", () => {
    const html = renderToStaticMarkup(<DocumentsFeuille codeDepartement="58" feuilleId="fdr-1" nomFeuille="Feuille du Morvan" versions={[]} peutDeposer />);
    expect(html).toContain('class="fr-upload-group"');
    expect(html).toMatch(/<label class="fr-label" for="([^"]+)-fichier">Document de la feuille de route<span class="fr-sr-only"> « Feuille du Morvan »<\/span>/);
    expect(texte(html)).toContain("Format libre : PDF ou fichier bureautique (Word, Excel, PowerPoint, OpenDocument). Taille maximale : 25 Mo.");
    expect(html).toContain('accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt"');
    expect(html).toMatch(/<input class="fr-upload" type="file" id="([^"]+)-fichier"[^>]* aria-describedby="\1-messages" name="fichier"\/><div class="fr-messages-group" id="\1-messages" aria-live="polite">/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('<button type="submit"');
    expect(texte(html)).toContain("Aucun document déposé pour cette feuille de route.");
  });

  it("les versions, de la plus récente à la plus ancienne, chacune un lien de téléchargement ; sans droit d'écriture, pas de dépôt", () => {
    const html = renderToStaticMarkup(<DocumentsFeuille codeDepartement="2A" feuilleId="fdr-1" nomFeuille="Feuille" versions={[v1, v2]} peutDeposer={false} />);
    expect(html).not.toContain("fr-upload");
    expect(html).not.toContain("<form");
    const liens = [...html.matchAll(/<a class="fr-link fr-link--download" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], texte(m[2] ?? "")]);
    expect(liens).toEqual([
      [`/gouvernances/departements/2A/documents/${v2.id}`, "Version 2 — Feuille de route v2.docx — 12,5 ko — déposé le 30/11/2026 à 09:05"],
      [`/gouvernances/departements/2A/documents/${v1.id}`, "Version 1 — Feuille de route.pdf — 1,2 Mo — déposé le 29/11/2026 à 11:00"],
    ]);
    expect(texte(html)).not.toContain("Aucun document");
  });

  it("la date se lit à l'heure de Paris, quelle que soit celle de la machine", () => {
    expect(libelleVersion({ ...v1, deposeLe: "2026-07-01T22:30:00Z" })).toBe("Version 1 — Feuille de route.pdf — 1,2 Mo — déposé le 02/07/2026 à 00:30");
  });
});
