"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import { demanderLien, type EtatFormulaireConnexion } from "./actions";

/** An e-mail address to receive a login link: the login page's form, and the persona pages' one. */
export function FormulaireConnexion({
  action: agir = demanderLien,
  libelle = "Adresse e-mail",
  indication = "Format attendu : prenom.nom@exemple.gouv.fr",
  libelleBouton = "Recevoir un lien de connexion",
}: {
  action?: (etat: EtatFormulaireConnexion, donnees: FormData) => Promise<EtatFormulaireConnexion>;
  libelle?: string;
  indication?: string;
  libelleBouton?: string;
}) {
  const [etat, action, enCours] = useActionState<EtatFormulaireConnexion, FormData>(agir, {});
  return (
    <form action={action} noValidate>
      <Input
        label={libelle}
        hintText={indication}
        state={etat.erreur ? "error" : "default"}
        stateRelatedMessage={etat.erreur}
        nativeInputProps={{ id: "email", name: "email", type: "email", autoComplete: "email", required: true, defaultValue: etat.email }}
      />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Envoi…" : libelleBouton}
      </button>
    </form>
  );
}
