"use client";

/* Plain class names: importing the design system's `fr` helper here would ship its whole colour table to every page. */

export default function Erreur({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="fr-container fr-py-8w">
      <p className="fr-text--sm fr-mb-3v">Erreur 500</p>
      <h1>Erreur inattendue</h1>
      <p className="fr-text--lead">Désolé, le service rencontre un problème. Nous travaillons pour le résoudre le plus rapidement possible.</p>
      <p>Essayez de rafraîchir la page ou réessayez un peu plus tard. Rien de ce que vous aviez déjà enregistré n&apos;est perdu.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="button" className="fr-btn" onClick={() => reset()}>
            Réessayer
          </button>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href="/">
            Page d&apos;accueil
          </a>
        </li>
      </ul>
    </div>
  );
}
