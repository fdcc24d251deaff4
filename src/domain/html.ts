/**
 * Text or attribute value for HTML (and SVG) written as a string: & < > " and ' escaped, so that
 * nothing a user typed can open a tag or leave an attribute.
 */
export function echapperHtml(texte: string): string {
  return texte.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
