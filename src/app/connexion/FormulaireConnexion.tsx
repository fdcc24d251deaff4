"use client";

import { useActionState } from "react";
import { demanderLien, type EtatFormulaireConnexion } from "./actions";

export function FormulaireConnexion() {
  const [etat, action, enCours] = useActionState<EtatFormulaireConnexion, FormData>(demanderLien, {});
  return (
    <form action={action} noValidate>
      <div className={`fr-input-group${etat.erreur ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="email">
          Adresse e-mail
          <span className="fr-hint-text">Format attendu : prenom.nom@exemple.gouv.fr</span>
        </label>
        <input
          className={`fr-input${etat.erreur ? " fr-input--error" : ""}`}
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={etat.email}
          aria-describedby={etat.erreur ? "email-erreur" : undefined}
        />
        {etat.erreur && (
          <p className="fr-error-text" id="email-erreur">
            {etat.erreur}
          </p>
        )}
      </div>
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : "Recevoir un lien de connexion"}
      </button>
    </form>
  );
}
