"use client";

import { useId, useMemo, useRef, useState } from "react";
import { TYPES_CONTRAT, type ContenusSections, type FeuilleDeRoute } from "@/domain/gouvernance/formulaire";
import type { Perimetre, ReferentielPerimetre } from "@/domain/gouvernance/perimetres";
import { CarteCouverture } from "@/ui/carte/CarteCouverture";
import { DocumentsFeuille } from "@/ui/DocumentsFeuille";
import { ChampListe, ChampTexte, Choix, GroupeDeChoix } from "./champs";
import type { ContexteFormulaire } from "./FormulaireGouvernance";
import { choixPossibles } from "./sections-membres";
import { nouvelId, type ProprietesEditeur } from "./sections";

/*
 * Section 5, "Feuilles de route & porteurs": each feuille de route's name, porteur, périmètre and
 * contrat préexistant, with the coverage of the département drawn live from the draft (the domain's
 * perimeter engine runs in the browser; the server runs it again on every save).
 */

export interface BrouillonFeuille {
  id: string;
  nom: string;
  /** "": not chosen yet; null: "Porté seulement par la préfecture". */
  porteur: string | null;
  perimetre: { type: string; epci?: string[]; communes?: string[] };
  contrat: { existe?: boolean; type?: string; precision?: string };
}
export interface BrouillonFeuilles {
  feuilles: BrouillonFeuille[];
}

const PREFECTURE = "prefecture";
const LIBELLES_PERIMETRE = { regional: "Régional", departemental: "Départemental", epci: "EPCI ou groupement de communes" } as const;
const pluriel = (n: number, un: string, plusieurs: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? plusieurs : un}`;

/** The feuilles de route of a draft whose périmètre can be drawn already. */
function feuillesADessiner(feuilles: readonly BrouillonFeuille[]): Array<{ id: string; nom: string; perimetre: Perimetre }> {
  return feuilles.flatMap((f): Array<{ id: string; nom: string; perimetre: Perimetre }> => {
    const nom = f.nom.trim() || "Feuille de route sans nom";
    const p = f.perimetre;
    if (p.type === "regional" || p.type === "departemental") return [{ id: f.id, nom, perimetre: { type: p.type } }];
    if (p.type === "epci" && p.epci?.length) return [{ id: f.id, nom, perimetre: { type: "epci", epci: p.epci } }];
    if (p.type === "communes" && p.communes?.length) return [{ id: f.id, nom, perimetre: { type: "communes", communes: p.communes } }];
    return [];
  });
}

export function EditeurFeuilles({ valeur, changer, contexte }: ProprietesEditeur<"feuillesDeRoute">) {
  const boutonAjouter = useRef<HTMLButtonElement>(null);
  const modifier = (i: number, modification: Partial<BrouillonFeuille>) => changer({ feuilles: valeur.feuilles.map((f, j) => (j === i ? { ...f, ...modification } : f)) });
  const aDessiner = useMemo(() => feuillesADessiner(valeur.feuilles), [valeur.feuilles]);
  return (
    <>
      <p className="fr-text--sm">
        Le format des feuilles de route est libre. Une feuille de route départementale (ou régionale) couvre tout le département ; des feuilles de route infra-départementales
        ne peuvent pas couvrir la même commune, et sans feuille de route départementale elles doivent couvrir tout le département.
      </p>
      {valeur.feuilles.length === 0 && <p className="fr-text--sm">Aucune feuille de route : ajoutez-en au moins une.</p>}
      {valeur.feuilles.map((f, i) => (
        <EditeurFeuille key={f.id} index={i} feuille={f} modifier={(m) => modifier(i, m)} supprimer={() => {
            changer({ feuilles: valeur.feuilles.filter((_, j) => j !== i) });
            boutonAjouter.current?.focus();
          }} contexte={contexte} />
      ))}
      <button
        ref={boutonAjouter}
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line fr-mb-3w"
        onClick={() => changer({ feuilles: [...valeur.feuilles, { id: nouvelId(), nom: "", porteur: "", perimetre: { type: "" }, contrat: {} }] })}
      >
        Ajouter une feuille de route
      </button>
      <CarteCouverture dessin={contexte.dessin} referentiel={contexte.referentiel} feuilles={aDessiner} titre="Couverture du département (proposition en cours)" />
    </>
  );
}

function EditeurFeuille({ index: i, feuille: f, modifier, supprimer, contexte }: { index: number; feuille: BrouillonFeuille; modifier: (m: Partial<BrouillonFeuille>) => void; supprimer: () => void; contexte: ContexteFormulaire }) {
  const base = `feuilles.${i}`;
  const id = useId();
  const possibles = choixPossibles(contexte);
  const options = [
    ...possibles.map((p) => ({ valeur: p.cle, libelle: `${p.nom}${p.intention === "porter" ? " (candidat porteur)" : p.intention === "participer" ? " (souhaite participer)" : ""}` })),
    ...(contexte.sansCoPorteur || f.porteur === null ? [{ valeur: PREFECTURE, libelle: "Porté seulement par la préfecture" }] : []),
  ];
  const type = f.perimetre.type;
  const infra = type === "epci" || type === "communes";
  return (
    <fieldset className="fr-fieldset fr-mb-3w fr-p-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <legend className="fr-fieldset__legend fr-text--bold">Feuille de route {i + 1}{f.nom.trim() ? ` : ${f.nom.trim()}` : ""}</legend>
      <div className="fr-fieldset__element">
        <ChampTexte chemin={`${base}.nom`} libelle="Quel est le nom de la feuille de route ?" requis valeur={f.nom} changer={(nom) => modifier({ nom })} />
      </div>
      <div className="fr-fieldset__element">
        <ChampListe
          chemin={`${base}.porteur`}
          libelle="Porteur de la feuille de route"
          requis
          invite="Sélectionner le porteur"
          valeur={f.porteur === null ? PREFECTURE : f.porteur}
          options={options}
          changer={(v) => modifier({ porteur: v === PREFECTURE ? null : v })}
          indication="Le porteur devient membre de la gouvernance. « Porté seulement par la préfecture » n'est possible que sans co-porteur."
        />
      </div>
      <GroupeDeChoix chemin={`${base}.perimetre`} legende="Périmètre géographique de la feuille de route" requis>
        {(["regional", "departemental", "epci"] as const).map((t) => (
          <Choix
            key={t}
            type="radio"
            id={`${id}-perimetre-${t}`}
            nom={`${id}-perimetre`}
            libelle={LIBELLES_PERIMETRE[t]}
            coche={t === "epci" ? infra : type === t}
            enLigne
            changer={() => modifier({ perimetre: t === "epci" ? (infra ? f.perimetre : { type: "epci", epci: [] }) : { type: t } })}
          />
        ))}
      </GroupeDeChoix>
      {infra && <ChoixInfra base={base} feuille={f} referentiel={contexte.referentiel} modifier={modifier} />}
      <GroupeDeChoix chemin={`${base}.contrat`} legende="La feuille de route s'appuie-t-elle sur un contrat préexistant ?" requis>
        <Choix type="radio" id={`${id}-contrat-oui`} nom={`${id}-contrat`} libelle="Oui" enLigne coche={f.contrat.existe === true} changer={() => modifier({ contrat: { ...f.contrat, existe: true } })} />
        <Choix type="radio" id={`${id}-contrat-non`} nom={`${id}-contrat`} libelle="Non" enLigne coche={f.contrat.existe === false} changer={() => modifier({ contrat: { existe: false } })} />
      </GroupeDeChoix>
      {f.contrat.existe === true && (
        <div className="fr-fieldset__element">
          <ChampListe
            chemin={`${base}.contrat.type`}
            libelle="Type de contrat"
            requis
            valeur={f.contrat.type ?? ""}
            options={TYPES_CONTRAT.map((t) => ({ valeur: t, libelle: t }))}
            changer={(t) => modifier({ contrat: { ...f.contrat, type: t } })}
          />
          {f.contrat.type === "Autre" && (
            <ChampTexte chemin={`${base}.contrat.precision`} libelle="Précisez le contrat" requis valeur={f.contrat.precision ?? ""} changer={(precision) => modifier({ contrat: { ...f.contrat, precision } })} />
          )}
        </div>
      )}
      <div className="fr-fieldset__element">
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left fr-icon-delete-line" onClick={supprimer}>
          Supprimer la feuille de route {i + 1}
        </button>
      </div>
    </fieldset>
  );
}

function ChoixInfra({ base, feuille: f, referentiel, modifier }: { base: string; feuille: BrouillonFeuille; referentiel: ReferentielPerimetre; modifier: (m: Partial<BrouillonFeuille>) => void }) {
  const id = useId();
  const [filtre, setFiltre] = useState("");
  const type = f.perimetre.type as "epci" | "communes";
  const choisis = new Set(type === "epci" ? (f.perimetre.epci ?? []) : (f.perimetre.communes ?? []));
  const basculer = (code: string, coche: boolean) => {
    const liste = coche ? [...choisis, code] : [...choisis].filter((c) => c !== code);
    modifier({ perimetre: type === "epci" ? { type, epci: liste } : { type, communes: liste } });
  };
  const communesTriees = useMemo(() => [...referentiel.communes].sort((a, b) => a.nom.localeCompare(b.nom, "fr")), [referentiel.communes]);
  const normaliser = (t: string) => t.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  const communesAffichees = filtre.trim() ? communesTriees.filter((c) => normaliser(c.nom).includes(normaliser(filtre.trim())) || c.code.startsWith(filtre.trim())) : communesTriees;
  return (
    <>
      <GroupeDeChoix chemin={`${base}.perimetre.mode`} legende="Précisez le périmètre infra-départemental">
        <Choix type="radio" id={`${id}-mode-epci`} nom={`${id}-mode`} libelle="Un ou plusieurs EPCI" enLigne coche={type === "epci"} changer={() => modifier({ perimetre: { type: "epci", epci: [] } })} />
        <Choix type="radio" id={`${id}-mode-communes`} nom={`${id}-mode`} libelle="Une sélection de communes" enLigne coche={type === "communes"} changer={() => modifier({ perimetre: { type: "communes", communes: [] } })} />
      </GroupeDeChoix>
      {type === "epci" ? (
        <GroupeDeChoix chemin={`${base}.perimetre.epci`} legende="EPCI de la feuille de route" requis indication={`${pluriel(choisis.size, "EPCI sélectionné", "EPCI sélectionnés")}. Seules leurs communes du département comptent.`}>
          <div style={{ maxHeight: "20rem", overflowY: "auto" }}>
            {referentiel.epci.map((e) => (
              <Choix
                key={e.code}
                type="checkbox"
                id={`${id}-epci-${e.code}`}
                nom={`${id}-epci`}
                libelle={`${e.nom} (${pluriel(e.communes.length, "commune", "communes")} dans le département)`}
                coche={choisis.has(e.code)}
                changer={(coche) => basculer(e.code, coche)}
              />
            ))}
          </div>
        </GroupeDeChoix>
      ) : (
        <GroupeDeChoix chemin={`${base}.perimetre.communes`} legende="Communes de la feuille de route" requis indication={`${pluriel(choisis.size, "commune sélectionnée", "communes sélectionnées")}.`}>
          <div className="fr-fieldset__element">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`${id}-filtre`}>
                Filtrer les communes par nom ou code INSEE
              </label>
              <input className="fr-input" id={`${id}-filtre`} type="search" value={filtre} onChange={(e) => setFiltre(e.target.value)} />
            </div>
            <p className="fr-text--sm" aria-live="polite">
              {pluriel(communesAffichees.length, "commune affichée", "communes affichées")}
            </p>
          </div>
          <div style={{ maxHeight: "20rem", overflowY: "auto" }}>
            {communesAffichees.map((c) => (
              <Choix key={c.code} type="checkbox" id={`${id}-commune-${c.code}`} nom={`${id}-communes`} libelle={`${c.nom} (${c.code})`} coche={choisis.has(c.code)} changer={(coche) => basculer(c.code, coche)} />
            ))}
          </div>
        </GroupeDeChoix>
      )}
    </>
  );
}

function decrirePerimetre(p: FeuilleDeRoute["perimetre"], referentiel: ReferentielPerimetre): string {
  if (p.type === "regional") return "Régional";
  if (p.type === "departemental") return "Départemental";
  if (p.type === "epci") {
    const noms = new Map(referentiel.epci.map((e) => [e.code, e.nom]));
    return `EPCI : ${p.epci.map((c) => noms.get(c) ?? c).join(", ")}`;
  }
  return `${pluriel(p.communes.length, "commune", "communes")}`;
}

export function ResumeFeuilles({ contenu, contexte }: { contenu: ContenusSections["feuillesDeRoute"] | null; contexte: ContexteFormulaire }) {
  const feuilles = contenu?.feuilles ?? [];
  const noms = new Map([...contexte.candidats.map((c) => [c.cle, c.nom] as const), ...contexte.membres.map((m) => [m.cle, m.nom] as const)]);
  if (feuilles.length === 0) return <p className="fr-text--sm">Aucune feuille de route renseignée.</p>;
  return (
    <>
      {feuilles.map((f) => (
        <div key={f.id} className="fr-mb-3w">
          <h3 className="fr-h6 fr-mb-1w">{f.nom}</h3>
          <ul>
            <li>Porteur : {f.porteur === null ? "Porté seulement par la préfecture" : (noms.get(f.porteur) ?? f.porteur)}</li>
            <li>Périmètre : {decrirePerimetre(f.perimetre, contexte.referentiel)}</li>
            <li>Contrat préexistant : {f.contrat.existe ? `${f.contrat.type}${f.contrat.precision ? ` (${f.contrat.precision})` : ""}` : "Non"}</li>
          </ul>
          <DocumentsFeuille
            codeDepartement={contexte.code}
            feuilleId={f.id}
            nomFeuille={f.nom}
            versions={contexte.documents[f.id] ?? []}
            peutDeposer={contexte.modifiable}
          />
        </div>
      ))}
      <CarteCouverture dessin={contexte.dessin} referentiel={contexte.referentiel} feuilles={feuilles} titre="Couverture du département" />
    </>
  );
}
