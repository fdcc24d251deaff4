"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import type { EtatPersona } from "../actions";

export function FormulaireLien({ action: agir }: { action: (etat: EtatPersona, donnees: FormData) => Promise<EtatPersona> }) {
  const [etat, action, enCours] = useActionState<EtatPersona, FormData>(agir, {});
  return (
    <form action={action} noValidate>
      <Input
        label="Votre adresse e-mail"
        hintText="Format attendu : prenom.nom@exemple.fr. Vous recevrez un lien de connexion valable 15 minutes."
        state={etat.erreur ? "error" : "default"}
        stateRelatedMessage={etat.erreur}
        nativeInputProps={{ id: "email", name: "email", type: "email", autoComplete: "email", required: true, defaultValue: etat.email }}
      />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : "Recevoir un lien pour commencer"}
      </button>
    </form>
  );
}
