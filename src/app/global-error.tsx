"use client";

/* The last resort when the layout itself fails: plain HTML, no design system available. */
export default function ErreurGlobale({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body>
        <main>
          <h1>Erreur inattendue</h1>
          <p>Désolé, le service rencontre un problème. Réessayez dans quelques instants.</p>
          <button type="button" onClick={() => reset()}>
            Réessayer
          </button>
        </main>
      </body>
    </html>
  );
}
