import type { ReactNode } from "react";

/**
 * A design-system table. Its scrolling container can take the keyboard focus (a wide table scrolls
 * sideways on a small screen) and is named after the table's caption.
 */
/** A column header: its text, or (sortable column) a link and the current sort order. */
export type Colonne = string | { libelle: string; contenu: ReactNode; tri: "ascending" | "descending" | "none" };

export function Tableau({ titre, colonnes, lignes, titreVisible = false }: { titre: string; colonnes: Colonne[]; lignes: Array<{ cle: string; cellules: ReactNode[] }>; titreVisible?: boolean }) {
  return (
    <div className={`fr-table${titreVisible ? "" : " fr-table--no-caption"}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={titre}>
          <div className="fr-table__content">
            <table>
              <caption>{titre}</caption>
              <thead>
                <tr>
                  {colonnes.map((c) =>
                    typeof c === "string" ? (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ) : (
                      <th scope="col" key={c.libelle} aria-sort={c.tri}>
                        {c.contenu}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {lignes.map((l) => (
                  <tr key={l.cle}>
                    {l.cellules.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
