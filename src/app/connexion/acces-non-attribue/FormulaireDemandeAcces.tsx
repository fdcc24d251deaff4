"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { demanderUnAcces, type EtatDemandeAcces } from "./actions";

export function FormulaireDemandeAcces() {
  const [etat, action, enCours] = useActionState<EtatDemandeAcces, FormData>(demanderUnAcces, {});
  return (
    <form action={action}>
      <Input
        textArea
        label="Message aux administrateurs (facultatif)"
        hintText="Votre fonction, la préfecture et le territoire concernés : 1 000 caractères au plus."
        state={etat.erreur ? "error" : "default"}
        stateRelatedMessage={etat.erreur}
        nativeTextAreaProps={{ id: "message", name: "message", rows: 4, maxLength: 1000, defaultValue: etat.message }}
      />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : "Demander un accès"}
      </button>
    </form>
  );
}
