import Link from "next/link";

/** Previous / current / next page links (nothing when there is one page). */
export function Pagination({ page, pages, lien, libelle }: { page: number; pages: number; lien: (n: number) => string; libelle: string }) {
  if (pages <= 1) return null;
  return (
    <nav role="navigation" className="fr-pagination" aria-label={libelle}>
      <ul className="fr-pagination__list">
        <li>
          {page > 1 ? (
            <Link className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={lien(page - 1)}>
              Page précédente
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page précédente
            </a>
          )}
        </li>
        <li>
          <a className="fr-pagination__link" aria-current="page" title={`Page ${page}`} role="link">
            {page} / {pages}
          </a>
        </li>
        <li>
          {page < pages ? (
            <Link className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={lien(page + 1)}>
              Page suivante
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page suivante
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}
