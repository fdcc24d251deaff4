"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ErreursChamps } from "@/domain/gouvernance/formulaire";

/*
 * The fields of the section editors, in DSFR markup. A field's message shows once the person has
 * left the field (or asked to save the section): typing a first name does not shout "required"
 * at each key. `chemin` is the field's path in the section ("feuilles.0.nom"), the key of the
 * domain's messages.
 */

export interface ContexteChamps {
  /** The id prefix of this section's fields. */
  prefixe: string;
  erreurs: ErreursChamps;
  /** Paths whose message is shown; "*" shows them all. */
  vus: ReadonlySet<string>;
  toucher: (chemin: string) => void;
  desactive: boolean;
}

export const ContexteDesChamps = createContext<ContexteChamps>({ prefixe: "champ", erreurs: {}, vus: new Set(), toucher: () => {}, desactive: false });

export const idDuChamp = (prefixe: string, chemin: string) => `${prefixe}-${chemin.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** The message of a path, when shown. */
export function useErreur(chemin: string): { id: string; message: string | undefined; toucher: () => void; desactive: boolean } {
  const c = useContext(ContexteDesChamps);
  const visible = c.vus.has("*") || c.vus.has(chemin);
  const message = visible ? c.erreurs[chemin] : undefined;
  return { id: idDuChamp(c.prefixe, chemin), message, toucher: () => c.toucher(chemin), desactive: c.desactive };
}

const etoile = (requis?: boolean) => (requis ? " *" : "");

export function ChampTexte(props: {
  chemin: string;
  libelle: string;
  valeur: string;
  changer: (v: string) => void;
  requis?: boolean;
  indication?: string;
  type?: "text" | "email";
  autoComplete?: string;
  multiligne?: boolean;
  maxLength?: number;
}) {
  const { id, message, toucher, desactive } = useErreur(props.chemin);
  // The hint is inside the label (so in the accessible name): only the message is added as a description.
  const decrit = message ? `${id}-erreur` : undefined;
  const commun = {
    id,
    className: `fr-input${message ? " fr-input--error" : ""}`,
    value: props.valeur,
    onChange: (e: { target: { value: string } }) => props.changer(e.target.value),
    onBlur: toucher,
    "aria-describedby": decrit,
    "aria-invalid": message ? true : undefined,
    "aria-required": props.requis || undefined,
    disabled: desactive,
    maxLength: props.maxLength ?? (props.multiligne ? 2000 : 200),
  } as const;
  return (
    <div className={`fr-input-group${message ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {props.libelle}
        {etoile(props.requis)}
        {props.indication && (
          <span className="fr-hint-text" id={`${id}-indication`}>
            {props.indication}
          </span>
        )}
      </label>
      {props.multiligne ? <textarea {...commun} rows={3} /> : <input {...commun} type={props.type ?? "text"} autoComplete={props.autoComplete ?? "off"} />}
      {message && (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {message}
        </p>
      )}
    </div>
  );
}

export function ChampListe(props: {
  chemin: string;
  libelle: string;
  valeur: string;
  changer: (v: string) => void;
  options: ReadonlyArray<{ valeur: string; libelle: string }>;
  requis?: boolean;
  /** The first, empty option. */
  invite?: string;
  indication?: string;
}) {
  const { id, message, toucher, desactive } = useErreur(props.chemin);
  return (
    <div className={`fr-select-group${message ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {props.libelle}
        {etoile(props.requis)}
        {props.indication && <span className="fr-hint-text">{props.indication}</span>}
      </label>
      <select
        id={id}
        className={`fr-select${message ? " fr-select--error" : ""}`}
        value={props.valeur}
        onChange={(e) => {
          props.changer(e.target.value);
          toucher();
        }}
        onBlur={toucher}
        aria-describedby={message ? `${id}-erreur` : undefined}
        aria-invalid={message ? true : undefined}
        aria-required={props.requis || undefined}
        disabled={desactive}
      >
        <option value="">{props.invite ?? "Sélectionner une option"}</option>
        {props.options.map((o) => (
          <option key={o.valeur} value={o.valeur}>
            {o.libelle}
          </option>
        ))}
      </select>
      {message && (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {message}
        </p>
      )}
    </div>
  );
}

/** A group of radio buttons or checkboxes, with its legend and message. */
export function GroupeDeChoix(props: { chemin: string; legende: ReactNode; requis?: boolean; indication?: string; enLigne?: boolean; children: ReactNode }) {
  const { id, message } = useErreur(props.chemin);
  return (
    <fieldset
      className={`fr-fieldset${message ? " fr-fieldset--error" : ""}`}
      id={id}
      aria-labelledby={`${id}-legende${message ? ` ${id}-erreur` : ""}`}
      role="group"
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {props.legende}
        {etoile(props.requis)}
        {props.indication && <span className="fr-hint-text">{props.indication}</span>}
      </legend>
      {props.children}
      {message && (
        <div className="fr-messages-group" aria-live="polite">
          <p className="fr-message fr-message--error" id={`${id}-erreur`}>
            {message}
          </p>
        </div>
      )}
    </fieldset>
  );
}

/** One radio button or checkbox of a group. */
export function Choix(props: {
  type: "radio" | "checkbox";
  id: string;
  nom: string;
  libelle: ReactNode;
  indication?: ReactNode;
  coche: boolean;
  changer: (coche: boolean) => void;
  desactive?: boolean;
  enLigne?: boolean;
}) {
  const { desactive } = useContext(ContexteDesChamps);
  return (
    <div className={`fr-fieldset__element${props.enLigne ? " fr-fieldset__element--inline" : ""}`}>
      <div className={props.type === "radio" ? "fr-radio-group" : "fr-checkbox-group"}>
        <input
          type={props.type}
          id={props.id}
          name={props.nom}
          checked={props.coche}
          onChange={(e) => props.changer(e.target.checked)}
          disabled={desactive || props.desactive}
          aria-describedby={props.indication ? `${props.id}-indication` : undefined}
        />
        <label className="fr-label" htmlFor={props.id}>
          {props.libelle}
          {props.indication && (
            <span className="fr-hint-text" id={`${props.id}-indication`}>
              {props.indication}
            </span>
          )}
        </label>
      </div>
    </div>
  );
}
