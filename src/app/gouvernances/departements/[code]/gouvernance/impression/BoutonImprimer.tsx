"use client";

/** Opens the browser's print dialog (which also saves as PDF). `indication`: the id of the hint that says so. */
export function BoutonImprimer({ indication }: { indication?: string }) {
  return (
    <button type="button" className="fr-btn fr-btn--icon-left fr-icon-printer-line" aria-describedby={indication} onClick={() => window.print()}>
      Imprimer ou télécharger
    </button>
  );
}
