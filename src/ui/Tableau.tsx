import type { ReactNode } from "react";

/**
 * A design-system table. Its scrolling container can take the keyboard focus (a wide table scrolls
 * sideways on a small screen) and is named after the table's caption.
 */
export function Tableau({ titre, colonnes, lignes, titreVisible = false }: { titre: string; colonnes: string[]; lignes: Array<{ cle: string; cellules: ReactNode[] }>; titreVisible?: boolean }) {
  return (
    <div className={`fr-table${titreVisible ? "" : " fr-table--no-caption"}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={titre}>
          <div className="fr-table__content">
            <table>
              <caption>{titre}</caption>
              <thead>
                <tr>
                  {colonnes.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
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
