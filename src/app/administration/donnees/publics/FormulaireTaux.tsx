"use client";

import { Input } from "@codegouvfr/react-dsfr/Input";
import { useActionState } from "react";
import type { ChampTaux, DonneesTaux } from "@/services/diagnostic-publics";
import type { EtatFormulaireTaux } from "./actions";

/** The form of a national rate (adding or changing it); the errors the server found are shown next to their fields. */
export function FormulaireTaux({
  action: agir,
  valeurs,
  version,
  libelleBouton,
}: {
  action: (etat: EtatFormulaireTaux, donnees: FormData) => Promise<EtatFormulaireTaux>;
  valeurs: DonneesTaux;
  /** When changing a rate: the version read, so that a change made meanwhile is not overwritten. */
  version?: string;
  libelleBouton: string;
}) {
  const [etat, action, enCours] = useActionState<EtatFormulaireTaux, FormData>(agir, { valeurs });
  const v = etat.valeurs ?? valeurs;
  const champ = (nom: ChampTaux) => {
    const message = etat.champs?.[nom];
    return message ? { state: "error" as const, stateRelatedMessage: message } : {};
  };
  return (
    <form action={action} noValidate>
      <p className="fr-hint-text">Les champs avec * sont obligatoires.</p>
      {etat.erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{etat.erreur}</p>
        </div>
      )}
      {version && <input type="hidden" name="version" value={version} />}
      <Input
        label="Public concerné *"
        hintText="De 3 à 200 caractères. Exemple : Personnes n'ayant pas utilisé internet au cours des 12 derniers mois"
        nativeInputProps={{ id: "libelle", name: "libelle", required: true, minLength: 3, maxLength: 200, defaultValue: v.libelle }}
        {...champ("libelle")}
      />
      <Input
        label="Taux national, en % *"
        hintText="De 0 à 100. Exemples : 15 ou 12,5"
        nativeInputProps={{ id: "taux", name: "taux", required: true, inputMode: "decimal", autoComplete: "off", defaultValue: v.taux }}
        {...champ("taux")}
      />
      <fieldset className="fr-fieldset" aria-labelledby="tranche-legende">
        <legend className="fr-fieldset__legend" id="tranche-legende">
          Tranche d&apos;âge à laquelle s&apos;applique le taux
          <span className="fr-hint-text">
            Deux cases vides : toute la population. Âge minimal seul (exemple : 60) : 60 ans et plus. Un taux par âge demande la population par
            âge des départements (import insee-population-age).
          </span>
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Âge minimal"
            hintText="De 0 à 120 ans"
            nativeInputProps={{ id: "ageMin", name: "ageMin", inputMode: "numeric", autoComplete: "off", defaultValue: v.ageMin }}
            {...champ("ageMin")}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Âge maximal (inclus)"
            hintText="Vide : et plus"
            nativeInputProps={{ id: "ageMax", name: "ageMax", inputMode: "numeric", autoComplete: "off", defaultValue: v.ageMax }}
            {...champ("ageMax")}
          />
        </div>
      </fieldset>
      <Input
        label="Source *"
        hintText="Exemple : CREDOC, Baromètre du numérique 2025"
        nativeInputProps={{ id: "source", name: "source", required: true, maxLength: 300, defaultValue: v.source }}
        {...champ("source")}
      />
      <Input
        label="Année des données *"
        hintText="Sur quatre chiffres. Exemple : 2025"
        nativeInputProps={{ id: "annee", name: "annee", required: true, inputMode: "numeric", maxLength: 4, autoComplete: "off", defaultValue: v.annee }}
        {...champ("annee")}
      />
      <Input
        label="Lien vers la source"
        hintText="Facultatif. Adresse complète : https://…"
        nativeInputProps={{ id: "lien", name: "lien", type: "url", maxLength: 500, defaultValue: v.lien }}
        {...champ("lien")}
      />
      <Input
        label="Ordre d'affichage"
        hintText="Facultatif. Nombre entier de 0 à 999 : les plus petits d'abord"
        nativeInputProps={{ id: "ordre", name: "ordre", inputMode: "numeric", autoComplete: "off", defaultValue: v.ordre }}
        {...champ("ordre")}
      />
      <button className="fr-btn" type="submit" disabled={enCours}>
        {enCours ? "Enregistrement…" : libelleBouton}
      </button>
    </form>
  );
}
