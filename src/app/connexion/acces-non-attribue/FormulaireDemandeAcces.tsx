"use client";

import { useActionState } from "react";
import { demanderUnAcces, type EtatDemandeAcces } from "./actions";

export function FormulaireDemandeAcces() {
  const [etat, action, enCours] = useActionState<EtatDemandeAcces, FormData>(demanderUnAcces, {});
  return (
    <form action={action}>
      <div className={`fr-input-group${etat.erreur ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="message">
          Message aux administrateurs (facultatif)
          <span className="fr-hint-text">Votre fonction, la préfecture et le territoire concernés : 1 000 caractères au plus.</span>
        </label>
        <textarea
          className={`fr-input${etat.erreur ? " fr-input--error" : ""}`}
          id="message"
          name="message"
          rows={4}
          maxLength={1000}
          defaultValue={etat.message}
          aria-describedby={etat.erreur ? "message-erreur" : undefined}
        />
        {etat.erreur && (
          <p className="fr-error-text" id="message-erreur">
            {etat.erreur}
          </p>
        )}
      </div>
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : "Demander un accès"}
      </button>
    </form>
  );
}
