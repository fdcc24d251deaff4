"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import type { Role } from "@/domain/identite/roles";
import type { EtatFormulaireAcces } from "./actions";
import { ChampsAcces, type TerritoiresAChoisir } from "./ChampsAcces";

/** The invitation form (with the identity fields) and the change-of-access form. */
export function FormulaireAcces({
  action: agir,
  avecIdentite,
  libelleBouton,
  roles,
  territoires,
  valeurs,
}: {
  action: (etat: EtatFormulaireAcces, donnees: FormData) => Promise<EtatFormulaireAcces>;
  avecIdentite: boolean;
  libelleBouton: string;
  roles: ReadonlyArray<Role>;
  territoires: TerritoiresAChoisir[];
  valeurs: NonNullable<EtatFormulaireAcces["valeurs"]>;
}) {
  const [etat, action, enCours] = useActionState<EtatFormulaireAcces, FormData>(agir, { valeurs });
  const v = etat.valeurs ?? valeurs;
  return (
    <form action={action}>
      <p className="fr-hint-text">Les champs avec * sont obligatoires.</p>
      {etat.erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{etat.erreur}</p>
        </div>
      )}
      {avecIdentite && (
        <>
          <Input
            label="Adresse e-mail *"
            hintText="Format attendu : prenom.nom@exemple.gouv.fr"
            nativeInputProps={{ id: "email", name: "email", type: "email", autoComplete: "off", required: true, defaultValue: v.email }}
          />
          <Input label="Prénom" nativeInputProps={{ id: "prenom", name: "prenom", maxLength: 100, defaultValue: v.prenom }} />
          <Input label="Nom" nativeInputProps={{ id: "nom", name: "nom", maxLength: 100, defaultValue: v.nom }} />
        </>
      )}
      <ChampsAcces roles={roles} territoires={territoires} role={v.role} departements={v.departements ?? []} regions={v.regions ?? []} />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Enregistrement…" : libelleBouton}
      </button>
    </form>
  );
}
