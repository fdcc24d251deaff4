"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { demanderLien, type EtatFormulaireConnexion } from "./actions";

export function FormulaireConnexion() {
  const [etat, action, enCours] = useActionState<EtatFormulaireConnexion, FormData>(demanderLien, {});
  return (
    <form action={action} noValidate>
      <Input
        label="Adresse e-mail"
        hintText="Format attendu : prenom.nom@exemple.gouv.fr"
        state={etat.erreur ? "error" : "default"}
        stateRelatedMessage={etat.erreur}
        nativeInputProps={{ id: "email", name: "email", type: "email", autoComplete: "email", required: true, defaultValue: etat.email }}
      />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : "Recevoir un lien de connexion"}
      </button>
    </form>
  );
}
