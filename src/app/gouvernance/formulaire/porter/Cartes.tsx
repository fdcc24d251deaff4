"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import type { Contact } from "@/services/manifestations";
import { enregistrerLaStructure, enregistrerLeContact, type EtatContact } from "../../actions-porter";

const CHAMPS = [
  ["nom", "Nom", "family-name"],
  ["prenom", "Prénom", "given-name"],
  ["fonction", "Fonction", "organization-title"],
  ["email", "Adresse e-mail", "email"],
] as const;

/** The four fields of a contact, with the errors the server gave. */
function ChampsContact({ valeurs, erreurs }: { valeurs: Partial<Contact> | null; erreurs: Record<string, string> | undefined }) {
  const id = useId();
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      {CHAMPS.map(([cle, libelle]) => {
        const erreur = erreurs?.[cle];
        const champ = `${id}-${cle}`;
        return (
          <div className="fr-col-12 fr-col-md-6" key={cle}>
            <div className={`fr-input-group${erreur ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor={champ}>
                {libelle} *
              </label>
              <input
                className={`fr-input${erreur ? " fr-input--error" : ""}`}
                id={champ}
                name={cle}
                type={cle === "email" ? "email" : "text"}
                autoComplete="off"
                maxLength={200}
                defaultValue={valeurs?.[cle] ?? ""}
                aria-describedby={erreur ? `${champ}-erreur` : undefined}
              />
              {erreur && (
                <p className="fr-error-text" id={`${champ}-erreur`}>
                  {erreur}
                </p>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Step 3: the contact card of one partner collectivité, saved on its own ("Enregistrer"). */
export function CarteContact(props: { formulaire: string; cle: string; nom: string; detail: string; horsTerritoire: boolean; contact: Contact | null }) {
  const [etat, action, enCours] = useActionState<EtatContact, FormData>(enregistrerLeContact.bind(null, props.formulaire, props.cle), {});
  const complet = etat.enregistre || (props.contact !== null && !etat.erreur);
  const titre = useId();
  const router = useRouter();
  // Saved: the page's counter "x/y contacts complétés" follows.
  useEffect(() => {
    if (etat.enregistre) router.refresh();
  }, [etat, router]);
  return (
    <form action={action} noValidate className="fr-mb-3w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby={titre}>
      <h4 className="fr-h6 fr-mb-1v" id={titre}>
        {props.nom}
      </h4>
      <p className="fr-text--sm fr-mb-1w">
        {props.detail}
        {props.horsTerritoire ? " — hors territoire" : ""}
      </p>
      {complet ? <p className="fr-badge fr-badge--success fr-badge--sm">Contact enregistré</p> : <p className="fr-badge fr-badge--warning fr-badge--sm">Contact à compléter</p>}
      {etat.erreur && (
        <p className="fr-error-text" role="alert">
          {etat.erreur}
        </p>
      )}
      <ChampsContact valeurs={etat.valeurs ?? props.contact} erreurs={etat.erreurs} />
      <p aria-live="polite" className="fr-sr-only">
        {etat.enregistre ? `Contact de ${props.nom} enregistré.` : ""}
      </p>
      <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-2w" disabled={enCours}>
        {enCours ? "Enregistrement…" : "Enregistrer"}
        <span className="fr-sr-only"> le contact de {props.nom}</span>
      </button>
    </form>
  );
}

/** Step 4: adds a structure, or changes one. */
export function FormulaireStructure(props: { formulaire: string; code: string | null; nom?: string; contact?: Contact | null; titre: string }) {
  const [etat, action, enCours] = useActionState<EtatContact, FormData>(enregistrerLaStructure.bind(null, props.formulaire, props.code), {});
  const id = useId();
  const erreurNom = etat.erreurs?.nomStructure;
  return (
    <form action={action} noValidate aria-labelledby={`${id}-titre`}>
      <fieldset className="fr-fieldset" aria-labelledby={`${id}-titre`}>
        <legend className="fr-fieldset__legend" id={`${id}-titre`}>
          {props.titre}
        </legend>
        {etat.erreur && (
          <div className="fr-fieldset__element">
            <p className="fr-error-text" role="alert">
              {etat.erreur}
            </p>
          </div>
        )}
        <div className="fr-fieldset__element">
          <div className={`fr-input-group${erreurNom ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor={`${id}-nom`}>
              Nom de la structure *
            </label>
            <input
              className={`fr-input${erreurNom ? " fr-input--error" : ""}`}
              id={`${id}-nom`}
              name="nomStructure"
              maxLength={200}
              defaultValue={etat.valeurs?.nomStructure ?? props.nom ?? ""}
              aria-describedby={erreurNom ? `${id}-nom-erreur` : undefined}
            />
            {erreurNom && (
              <p className="fr-error-text" id={`${id}-nom-erreur`}>
                {erreurNom}
              </p>
            )}
          </div>
        </div>
        <div className="fr-fieldset__element">
          <p className="fr-text--bold fr-mb-1w">Contact de la structure</p>
          <ChampsContact valeurs={etat.valeurs ?? props.contact ?? null} erreurs={etat.erreurs} />
        </div>
        <div className="fr-fieldset__element">
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={enCours}>
            {enCours ? "Enregistrement…" : props.code ? "Enregistrer les modifications" : "Ajouter cette structure"}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
