"use client";

import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/SelectNext";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import type { Brouillon, OptionDeListe } from "@/services/manifestations";
import { enregistrer, envoyer, type EtatEnvoi } from "../actions";
import { terminerInformations } from "../actions-porter";

type Option = OptionDeListe;

type Statut = "enregistrement" | "enregistre" | "erreur" | null;

const CONTACT = [
  ["nom", "Nom"],
  ["prenom", "Prénom"],
  ["fonction", "Fonction"],
  ["email", "Adresse e-mail"],
] as const;

/**
 * The "participer" page. Every change is saved after a short pause ("Enregistrement…" then
 * "Enregistré"); choosing a département saves at once and reloads the list of its EPCI or
 * communes. Sending posts the fields: the server checks them all.
 */
export function FormulaireParticiper(props: {
  id: string;
  type: "region" | "departement" | "epci" | "commune" | "structure";
  court: string;
  brouillon: Brouillon;
  departements: Option[];
  /** Régions, départements, EPCI or communes the person picks their collectivité in. */
  collectivites: Option[];
  /** Step 1 of the "porter" form: the same fields, the question on local governance, and "Étape suivante". */
  porter?: boolean;
}) {
  const [b, setB] = useState<Brouillon>(props.brouillon);
  const [statut, setStatut] = useState<Statut>(null);
  const [etat, action, enCours] = useActionState<EtatEnvoi, FormData>((props.porter ? terminerInformations : envoyer).bind(null, props.id), {});
  const router = useRouter();
  const minuterie = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (minuterie.current && clearTimeout(minuterie.current)), []);

  function modifier(suivant: Brouillon, recharger = false) {
    setB(suivant);
    setStatut("enregistrement");
    if (minuterie.current) clearTimeout(minuterie.current);
    minuterie.current = setTimeout(
      async () => {
        const r = await enregistrer(props.id, suivant);
        setStatut(r.ok ? "enregistre" : "erreur");
        if (r.ok && recharger) router.refresh();
      },
      recharger ? 0 : 600,
    );
  }
  const erreur = (chemin: string) => etat.erreurs?.[chemin];
  const etatDe = (chemin: string) => (erreur(chemin) ? ("error" as const) : ("default" as const));

  function champsContact(groupe: "contactPolitique" | "contactTechnique" | "contactStructure") {
    const valeurs = b[groupe] ?? {};
    return CONTACT.map(([cle, libelle]) => (
      <Input
        key={cle}
        label={`${libelle} *`}
        state={etatDe(`${groupe}.${cle}`)}
        stateRelatedMessage={erreur(`${groupe}.${cle}`)}
        nativeInputProps={{
          name: `${groupe}.${cle}`,
          type: cle === "email" ? "email" : "text",
          autoComplete: "off",
          maxLength: 200,
          value: valeurs[cle] ?? "",
          onChange: (e) => modifier({ ...b, [groupe]: { ...valeurs, [cle]: e.target.value } }),
        }}
      />
    ));
  }

  const avecDepartement = props.type === "epci" || props.type === "commune";
  return (
    <form action={action} noValidate>
      <p className="fr-mb-3w" aria-live="polite">
        {statut === "enregistrement" && <span className="fr-badge fr-badge--info fr-badge--sm">Enregistrement…</span>}
        {statut === "enregistre" && <span className="fr-badge fr-badge--success fr-badge--sm">Enregistré</span>}
        {statut === "erreur" && <span className="fr-badge fr-badge--error fr-badge--sm">Non enregistré : vérifiez votre connexion</span>}
      </p>
      {etat.erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{etat.erreur}</p>
        </div>
      )}
      <p className="fr-hint-text">Les champs avec * sont obligatoires.</p>

      {props.type === "structure" ? (
        <fieldset className="fr-fieldset" aria-labelledby="structure-legende">
          <legend className="fr-fieldset__legend" id="structure-legende">
            Votre structure
          </legend>
          <div className="fr-fieldset__element">
            <Input
              label="Nom structure *"
              state={etatDe("structure.nom")}
              stateRelatedMessage={erreur("structure.nom")}
              nativeInputProps={{ name: "structure.nom", maxLength: 200, value: b.structure?.nom ?? "", onChange: (e) => modifier({ ...b, structure: { ...b.structure, nom: e.target.value } }) }}
            />
            <Input
              label="SIRET structure"
              hintText="14 chiffres, par exemple 130 025 265 00013"
              disabled={b.structure?.sansSiret === true}
              state={etatDe("structure.siret")}
              stateRelatedMessage={erreur("structure.siret")}
              nativeInputProps={{ name: "structure.siret", inputMode: "numeric", maxLength: 30, value: b.structure?.siret ?? "", onChange: (e) => modifier({ ...b, structure: { ...b.structure, siret: e.target.value } }) }}
            />
            <Checkbox
              small
              options={[
                {
                  label: "Je n'ai pas de SIRET",
                  nativeInputProps: { name: "structure.sansSiret", checked: b.structure?.sansSiret === true, onChange: (e) => modifier({ ...b, structure: { ...b.structure, sansSiret: e.target.checked } }) },
                },
              ]}
            />
            <Select
              label="Département *"
              state={etatDe("structure.departement")}
              stateRelatedMessage={erreur("structure.departement")}
              placeholder="Choisissez un département"
              options={props.departements.map((d) => ({ value: d.valeur, label: d.libelle }))}
              nativeSelectProps={{ name: "structure.departement", value: b.structure?.departement ?? "", onChange: (e) => modifier({ ...b, structure: { ...b.structure, departement: e.target.value } }) }}
            />
          </div>
        </fieldset>
      ) : (
        <fieldset className="fr-fieldset" aria-labelledby="collectivite-legende">
          <legend className="fr-fieldset__legend" id="collectivite-legende">
            Votre {props.court}
          </legend>
          <div className="fr-fieldset__element">
            {avecDepartement && (
              <Select
                label="Département de votre collectivité *"
                hint="La liste ci-dessous se met à jour."
                placeholder="Choisissez un département"
                options={props.departements.map((d) => ({ value: d.valeur, label: d.libelle }))}
                nativeSelectProps={{ name: "departement", value: b.departement ?? "", onChange: (e) => modifier({ ...b, departement: e.target.value, code: "" }, true) }}
              />
            )}
            <Select
              label={`Votre ${props.court} *`}
              state={etatDe("code")}
              stateRelatedMessage={erreur("code")}
              disabled={avecDepartement && !b.departement}
              placeholder={avecDepartement && !b.departement ? "Choisissez d'abord un département" : `Choisissez votre ${props.court}`}
              options={props.collectivites.map((c) => ({ value: c.valeur, label: c.libelle }))}
              nativeSelectProps={{ name: "code", value: b.code ?? "", onChange: (e) => modifier({ ...b, code: e.target.value }) }}
            />
          </div>
        </fieldset>
      )}

      {props.type === "structure" ? (
        <fieldset className="fr-fieldset" aria-labelledby="contact-structure-legende">
          <legend className="fr-fieldset__legend" id="contact-structure-legende">
            Contact de la structure
          </legend>
          <div className="fr-fieldset__element">{champsContact("contactStructure")}</div>
        </fieldset>
      ) : (
        <>
          <fieldset className="fr-fieldset" aria-labelledby="contact-politique-legende">
            <legend className="fr-fieldset__legend" id="contact-politique-legende">
              Contact politique
              <span className="fr-hint-text">L&apos;élu(e) qui représente votre collectivité.</span>
            </legend>
            <div className="fr-fieldset__element">{champsContact("contactPolitique")}</div>
          </fieldset>
          <Checkbox
            options={[
              {
                label: "Ajouter un contact technique (facultatif)",
                nativeInputProps: { name: "avecContactTechnique", checked: b.avecContactTechnique === true, onChange: (e) => modifier({ ...b, avecContactTechnique: e.target.checked }) },
              },
            ]}
          />
          {b.avecContactTechnique && (
            <fieldset className="fr-fieldset" aria-labelledby="contact-technique-legende">
              <legend className="fr-fieldset__legend" id="contact-technique-legende">
                Contact technique
              </legend>
              <div className="fr-fieldset__element">{champsContact("contactTechnique")}</div>
            </fieldset>
          )}
        </>
      )}
      {props.porter && (
        <Input
          textArea
          className="fr-mt-4w"
          label="Êtes vous impliqués dans un schéma ou une gouvernance locale relative à l'inclusion numérique ? Si oui laquelle (SDUN, CRTE, etc.)"
          hintText="Facultatif"
          state={etatDe("gouvernanceLocale")}
          stateRelatedMessage={erreur("gouvernanceLocale")}
          nativeTextAreaProps={{ name: "gouvernanceLocale", maxLength: 1000, rows: 4, value: b.gouvernanceLocale ?? "", onChange: (e) => modifier({ ...b, gouvernanceLocale: e.target.value }) }}
        />
      )}
      <button className="fr-btn fr-mt-3w" type="submit" disabled={enCours}>
        {enCours ? "Enregistrement…" : props.porter ? "Étape suivante" : "Confirmer & envoyer"}
      </button>
    </form>
  );
}
