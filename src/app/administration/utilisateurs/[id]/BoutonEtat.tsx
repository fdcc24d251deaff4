"use client";

import { useActionState } from "react";
import type { EtatFormulaireAcces } from "../actions";

/** "Désactiver" / "Réactiver", with the refusal shown next to it. */
export function BoutonEtat({ action: agir, actif }: { action: () => Promise<EtatFormulaireAcces>; actif: boolean }) {
  const [etat, action, enCours] = useActionState<EtatFormulaireAcces, FormData>(() => agir(), {});
  return (
    <form action={action}>
      {etat.erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{etat.erreur}</p>
        </div>
      )}
      <button className={`fr-btn fr-btn--secondary${actif ? " fr-icon-close-circle-line" : " fr-icon-check-line"} fr-btn--icon-left`} type="submit" disabled={enCours}>
        {actif ? "Désactiver le compte" : "Réactiver le compte"}
      </button>
    </form>
  );
}
