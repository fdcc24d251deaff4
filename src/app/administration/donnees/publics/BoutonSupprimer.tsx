"use client";

import { useActionState } from "react";
import type { EtatFormulaireTaux } from "./actions";

/** "Supprimer ce taux", with the refusal shown next to it. */
export function BoutonSupprimer({ action: agir }: { action: () => Promise<EtatFormulaireTaux> }) {
  const [etat, action, enCours] = useActionState<EtatFormulaireTaux, FormData>(() => agir(), {});
  return (
    <form action={action}>
      {etat.erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{etat.erreur}</p>
        </div>
      )}
      <button className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-delete-line" type="submit" disabled={enCours}>
        Supprimer ce taux
      </button>
    </form>
  );
}
