/*
 * Formatting of the benchmark's figures: aligned text tables for the terminal, Markdown tables
 * for bench/RESULTS.md. Units: seconds, milliseconds, requests per second, kB = 1000 bytes.
 */

export const secondes = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const millisecondes = (ms) => `${Number(ms).toFixed(1)} ms`;
export const parSeconde = (n) => `${Math.round(n)} req/s`;
export const kilooctets = (octets) => `${(octets / 1000).toFixed(1)} kB`;
export const megaoctets = (octets) => `${(octets / 1e6).toFixed(1)} MB`;
export const pourcent = (ratio) => `${(ratio * 100).toFixed(1)} %`;
export const verdict = (ok) => (ok === null ? "info" : ok ? "PASS" : "FAIL");

export function tableTexte(entetes, lignes) {
  const largeurs = entetes.map((entete, i) => Math.max(entete.length, ...lignes.map((ligne) => String(ligne[i]).length)));
  const formater = (cellules) => cellules.map((cellule, i) => String(cellule).padEnd(largeurs[i])).join("  ").trimEnd();
  return [formater(entetes), largeurs.map((l) => "-".repeat(l)).join("  "), ...lignes.map(formater)].join("\n");
}

export function tableMarkdown(entetes, lignes) {
  const echapper = (cellule) => String(cellule).replace(/\|/g, "\\|");
  return [
    `| ${entetes.map(echapper).join(" | ")} |`,
    `| ${entetes.map(() => "---").join(" | ")} |`,
    ...lignes.map((ligne) => `| ${ligne.map(echapper).join(" | ")} |`),
  ].join("\n");
}
