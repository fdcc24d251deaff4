import { echapperHtml } from "@/domain/html";

/*
 * A design-system table of text cells only, written as one HTML string: the markup of <Tableau>
 * (same classes, a focusable scrolling container named after the caption), for the long tables
 * of the data dashboard (887 communes of the Pas-de-Calais). React builds, serialises and renders
 * a tree of elements twice per request (the page and its payload); a string is only copied, which
 * made such a page several times cheaper to serve.
 */

export function balisageTableau({ titre, colonnes, lignes, titreVisible = false }: { titre: string; colonnes: string[]; lignes: string[][]; titreVisible?: boolean }): string {
  const t = echapperHtml(titre);
  const morceaux = [
    `<div class="fr-table${titreVisible ? "" : " fr-table--no-caption"}"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${t}"><div class="fr-table__content"><table><caption>${t}</caption><thead><tr>`,
    ...colonnes.map((c) => `<th scope="col">${echapperHtml(c)}</th>`),
    "</tr></thead><tbody>",
  ];
  for (const ligne of lignes) morceaux.push(`<tr>${ligne.map((c) => `<td>${echapperHtml(c)}</td>`).join("")}</tr>`);
  morceaux.push("</tbody></table></div></div></div></div>");
  return morceaux.join("");
}

export function TableauTexte(p: { titre: string; colonnes: string[]; lignes: string[][]; titreVisible?: boolean }) {
  return <div dangerouslySetInnerHTML={{ __html: balisageTableau(p) }} />;
}
