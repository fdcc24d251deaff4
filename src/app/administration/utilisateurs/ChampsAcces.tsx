"use client";

import { useEffect, useState } from "react";
import { LIBELLES_ROLES, type Role } from "@/domain/identite/roles";

export interface TerritoiresAChoisir {
  code: string;
  nom: string;
  departements: Array<{ code: string; nom: string }>;
}

/**
 * Role and scope fields. Every field is in the page, so the form works without JavaScript; once
 * the page is interactive, only the scope list of the chosen role stays visible.
 */
export function ChampsAcces({
  roles,
  territoires,
  role: roleInitial,
  departements,
  regions,
}: {
  roles: ReadonlyArray<Role>;
  territoires: TerritoiresAChoisir[];
  role?: string;
  departements: string[];
  regions: string[];
}) {
  const [role, setRole] = useState(roleInitial ?? "");
  const [interactif, setInteractif] = useState(false);
  useEffect(() => setInteractif(true), []);
  // The fieldsets' display:flex would override the hidden attribute: the design system's class hides them.
  const visibilite = (pour: Role) => (interactif && role !== pour ? " fr-hidden" : "");
  return (
    <>
      <fieldset className="fr-fieldset" aria-labelledby="role-legende">
        <legend className="fr-fieldset__legend" id="role-legende">
          Rôle *
        </legend>
        {roles.map((r) => (
          <div className="fr-fieldset__element" key={r}>
            <div className="fr-radio-group">
              <input type="radio" id={`role-${r}`} name="role" value={r} checked={role === r} onChange={() => setRole(r)} required />
              <label className="fr-label" htmlFor={`role-${r}`}>
                {LIBELLES_ROLES[r]}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className={`fr-fieldset${visibilite("prefecture-departement")}`} aria-labelledby="departements-legende">
        <legend className="fr-fieldset__legend" id="departements-legende">
          Départements suivis (préfecture de département) *
          <span className="fr-hint-text">Un agent peut suivre plusieurs départements.</span>
        </legend>
        {territoires.map((region) => (
          <fieldset className="fr-fieldset fr-fieldset__element" key={region.code} aria-labelledby={`departements-${region.code}`}>
            <legend className="fr-fieldset__legend fr-fieldset__legend--regular fr-text--bold" id={`departements-${region.code}`}>
              {region.nom}
            </legend>
            {region.departements.map((d) => (
              <CaseACocher key={d.code} nom="departements" valeur={d.code} libelle={`${d.nom} (${d.code})`} cochee={departements.includes(d.code)} />
            ))}
          </fieldset>
        ))}
      </fieldset>
      <fieldset className={`fr-fieldset${visibilite("prefecture-region")}`} aria-labelledby="regions-legende">
        <legend className="fr-fieldset__legend" id="regions-legende">
          Régions suivies (préfecture de région) *
        </legend>
        {territoires.map((r) => (
          <CaseACocher key={r.code} nom="regions" valeur={r.code} libelle={r.nom} cochee={regions.includes(r.code)} />
        ))}
      </fieldset>
    </>
  );
}

function CaseACocher({ nom, valeur, libelle, cochee }: { nom: "departements" | "regions"; valeur: string; libelle: string; cochee: boolean }) {
  const id = `${nom}-${valeur}`;
  return (
    <div className="fr-fieldset__element fr-fieldset__element--inline">
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input type="checkbox" id={id} name={nom} value={valeur} defaultChecked={cochee} />
        <label className="fr-label" htmlFor={id}>
          {libelle}
        </label>
      </div>
    </div>
  );
}
