"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { CATEGORIES_BESOINS, ITEM_AUTRE, LIBELLE_AUTRE, type Besoin, type CategorieBesoin } from "@/domain/besoins/besoins";
import { enregistrerLaSelection } from "../actions";

/*
 * Step 1: each category a group of boxes, "Autre" with its précision; a ticked need of the first
 * three categories says whether a ressource humaine (with its ETP) and/or a prestation de service
 * would serve it; the two "Former…" needs ask how many people to train. Nothing is checked here:
 * the service reads the selection and answers a message per field, shown next to the field and
 * listed in a summary that takes the focus. The form keeps what was typed whatever the answer.
 */

interface Saisie {
  coche: boolean;
  rh: boolean;
  etp: string;
  prestation: boolean;
  personnes: string;
  precision: string;
}

const VIDE: Saisie = { coche: false, rh: false, etp: "", prestation: false, personnes: "", precision: "" };
const cle = (categorie: string, item: string) => `${categorie}.${item}`;
const idDe = (categorie: string, item: string, champ?: string) => `besoin-${categorie}-${item}${champ ? `-${champ}` : ""}`;
const nombreFr = (n: number) => String(n).replace(".", ",");

function saisiesInitiales(besoins: readonly Besoin[]): Record<string, Saisie> {
  return Object.fromEntries(
    besoins.map((b) => [
      cle(b.categorie, b.item),
      {
        coche: true,
        rh: b.etp !== undefined,
        etp: b.etp !== undefined ? nombreFr(b.etp) : "",
        prestation: b.prestation === true,
        personnes: b.personnes !== undefined ? String(b.personnes) : "",
        precision: b.precision ?? "",
      },
    ]),
  );
}

const itemsDe = (c: CategorieBesoin) => [...c.items, { id: ITEM_AUTRE, libelle: LIBELLE_AUTRE, compterPersonnes: false }];

/** What the service reads: the ticked needs only, with the fields their kind asks for. */
function selectionDe(saisies: Record<string, Saisie>) {
  const besoins: Array<Record<string, unknown>> = [];
  for (const c of CATEGORIES_BESOINS) {
    for (const i of itemsDe(c)) {
      const s = saisies[cle(c.id, i.id)];
      if (!s?.coche) continue;
      const b: Record<string, unknown> = { categorie: c.id, item: i.id };
      if (i.id === ITEM_AUTRE) b.precision = s.precision;
      if (c.type === "standard") {
        // A ressource humaine ticked without its ETP is sent as 0: the service asks for a number above 0.
        if (s.rh) b.etp = s.etp.trim() === "" ? 0 : s.etp.trim();
        if (s.prestation) b.prestation = true;
      } else if (i.compterPersonnes) {
        b.personnes = s.personnes.trim();
      }
      besoins.push(b);
    }
  }
  return { besoins };
}

/** The need a message is about, and the field to focus from the summary. */
function cibleDuMessage(cleMessage: string): { libelle: string; id: string | null } {
  const [categorie = "", item = "", champ] = cleMessage.split(".");
  const c = CATEGORIES_BESOINS.find((x) => x.id === categorie);
  if (!c) return { libelle: "", id: null };
  const libelle = item === ITEM_AUTRE ? `${LIBELLE_AUTRE} (${c.libelle})` : (c.items.find((i) => i.id === item)?.libelle ?? item);
  return { libelle, id: idDe(categorie, item, champ === "type" ? "rh" : champ) };
}

type Alerte = { message: string; recharger?: boolean };

export function FormulaireSelection(props: { code: string; besoins: Besoin[]; version: number; modifiable: boolean; cheminBesoins: string }) {
  const router = useRouter();
  const [saisies, setSaisies] = useState<Record<string, Saisie>>(() => saisiesInitiales(props.besoins));
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [alerte, setAlerte] = useState<Alerte | null>(null);
  const [tentative, setTentative] = useState(0);
  const [enCours, setEnCours] = useState(false);
  const version = useRef(props.version);
  const resume = useRef<HTMLDivElement>(null);
  const alerteRef = useRef<HTMLDivElement>(null);
  const desactive = !props.modifiable;

  // After a refused save: the summary of what is to be corrected, or the alert, takes the focus.
  useEffect(() => {
    if (tentative > 0) (resume.current ?? alerteRef.current)?.focus();
  }, [tentative]);

  function changer(categorie: string, item: string, modification: Partial<Saisie>) {
    const k = cle(categorie, item);
    setSaisies((s) => ({ ...s, [k]: { ...(s[k] ?? VIDE), ...modification } }));
    // The need changed: its messages are no longer about what it says.
    setErreurs((e) => (Object.keys(e).some((m) => m === k || m.startsWith(`${k}.`)) ? Object.fromEntries(Object.entries(e).filter(([m]) => m !== k && !m.startsWith(`${k}.`))) : e));
  }

  async function envoyer(evenement: FormEvent) {
    evenement.preventDefault();
    if (enCours || desactive) return;
    setEnCours(true);
    const reponse = await enregistrerLaSelection(props.code, selectionDe(saisies), version.current);
    if (reponse.ok) {
      version.current = reponse.version;
      router.push(`${props.cheminBesoins}/priorisation`);
      return;
    }
    setEnCours(false);
    const champs = reponse.champs ?? {};
    setErreurs(champs);
    // Field messages are told by the summary; any other refusal by the alert.
    setAlerte(Object.keys(champs).length ? null : { message: reponse.message, recharger: reponse.recharger });
    setTentative((t) => t + 1);
  }

  const messages = Object.entries(erreurs);

  return (
    <form onSubmit={(e) => void envoyer(e)} noValidate>
      {messages.length > 0 && (
        <div ref={resume} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-4w" aria-labelledby="resume-erreurs-titre">
          <h2 className="fr-alert__title" id="resume-erreurs-titre">
            {messages.length === 1 ? "Un point est à corriger" : `${messages.length} points sont à corriger`} : vos besoins n&apos;ont pas été enregistrés
          </h2>
          <ul>
            {messages.map(([k, message]) => {
              const cible = cibleDuMessage(k);
              return (
                <li key={k}>
                  {cible.id ? (
                    <a
                      href={`#${cible.id}`}
                      onClick={(e) => {
                        const champ = document.getElementById(cible.id as string);
                        if (!champ) return;
                        e.preventDefault();
                        champ.focus();
                      }}
                    >
                      {cible.libelle} : {message}
                    </a>
                  ) : (
                    message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {alerte && (
        <div ref={alerteRef} tabIndex={-1} className="fr-alert fr-alert--error fr-alert--sm fr-mb-4w">
          <p>
            {alerte.message}
            {alerte.recharger && (
              <>
                {" "}
                <a href={`${props.cheminBesoins}/selection`}>Recharger la page pour voir les besoins enregistrés</a>
              </>
            )}
          </p>
        </div>
      )}
      {CATEGORIES_BESOINS.map((c) => (
        <fieldset key={c.id} className="fr-fieldset fr-mb-4w" id={`categorie-${c.id}`}>
          <legend className="fr-fieldset__legend">
            <h2 className="fr-h5 fr-mb-0">{c.libelle}</h2>
          </legend>
          {itemsDe(c).map((i) => (
            <Item
              key={i.id}
              categorie={c}
              item={i}
              saisie={saisies[cle(c.id, i.id)] ?? VIDE}
              erreurs={erreurs}
              desactive={desactive}
              changer={(m) => changer(c.id, i.id, m)}
            />
          ))}
        </fieldset>
      ))}
      {props.modifiable ? (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-right">
          <li>
            <button type="submit" className="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" aria-disabled={enCours || undefined}>
              Étape suivante
            </button>
          </li>
        </ul>
      ) : (
        <p>
          <Link className="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" href={`${props.cheminBesoins}/priorisation`}>
            Étape suivante
          </Link>
        </p>
      )}
    </form>
  );
}

function CaseACocher(props: { id: string; libelle: ReactNode; indication?: string; coche: boolean; changer: (coche: boolean) => void; desactive: boolean; invalide?: string }) {
  const decrit = [props.indication ? `${props.id}-indication` : null, props.invalide ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="fr-fieldset__element">
      <div className="fr-checkbox-group">
        <input
          type="checkbox"
          id={props.id}
          checked={props.coche}
          onChange={(e) => props.changer(e.target.checked)}
          disabled={props.desactive}
          aria-invalid={props.invalide ? true : undefined}
          aria-describedby={decrit}
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

function ChampSaisi(props: {
  id: string;
  libelle: string;
  indication?: string;
  valeur: string;
  changer: (v: string) => void;
  message?: string;
  desactive: boolean;
  mode: "decimal" | "numeric" | "text";
  maxLength: number;
}) {
  return (
    <div className={`fr-fieldset__element fr-input-group${props.message ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={props.id}>
        {props.libelle} *
        {props.indication && <span className="fr-hint-text">{props.indication}</span>}
      </label>
      <input
        id={props.id}
        className={`fr-input${props.message ? " fr-input--error" : ""}`}
        type="text"
        inputMode={props.mode}
        autoComplete="off"
        maxLength={props.maxLength}
        value={props.valeur}
        onChange={(e) => props.changer(e.target.value)}
        disabled={props.desactive}
        aria-required
        aria-invalid={props.message ? true : undefined}
        aria-describedby={props.message ? `${props.id}-erreur` : undefined}
      />
      {props.message && (
        <p className="fr-error-text" id={`${props.id}-erreur`}>
          {props.message}
        </p>
      )}
    </div>
  );
}

function Item(props: {
  categorie: CategorieBesoin;
  item: { id: string; libelle: string; compterPersonnes?: boolean };
  saisie: Saisie;
  erreurs: Record<string, string>;
  desactive: boolean;
  changer: (m: Partial<Saisie>) => void;
}) {
  const { categorie: c, item: i, saisie: s, erreurs, desactive } = props;
  const k = cle(c.id, i.id);
  const id = (champ?: string) => idDe(c.id, i.id, champ);
  const erreurType = erreurs[`${k}.type`];
  const erreurDoublon = erreurs[k];
  const libelleAccessible = i.id === ITEM_AUTRE ? `${LIBELLE_AUTRE} (${c.libelle})` : i.libelle;
  return (
    <>
      <CaseACocher id={id()} libelle={i.libelle} coche={s.coche} changer={(coche) => props.changer({ coche })} desactive={desactive} invalide={erreurDoublon ? `${id()}-erreur` : undefined} />
      {erreurDoublon && (
        <p className="fr-error-text fr-ml-4w" id={`${id()}-erreur`}>
          {erreurDoublon}
        </p>
      )}
      {s.coche && (
        <div className="fr-fieldset__element fr-pl-4w fr-mb-2w">
          {i.id === ITEM_AUTRE && (
            <ChampSaisi
              id={id("precision")}
              libelle="Précisez votre besoin"
              valeur={s.precision}
              changer={(precision) => props.changer({ precision })}
              message={erreurs[`${k}.precision`]}
              desactive={desactive}
              mode="text"
              maxLength={300}
            />
          )}
          {c.type === "standard" && (
            <fieldset
              className={`fr-fieldset${erreurType ? " fr-fieldset--error" : ""}`}
              id={id("type")}
              role="group"
              aria-labelledby={`${id("type")}-legende${erreurType ? ` ${id("type")}-erreur` : ""}`}
            >
              <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id("type")}-legende`}>
                Type de besoin *<span className="fr-sr-only"> : {libelleAccessible}</span>
                <span className="fr-hint-text">Ressource humaine, prestation de service, ou les deux.</span>
              </legend>
              <CaseACocher
                id={id("rh")}
                libelle="Ressource humaine"
                indication="Internalisée par un membre de la gouvernance hors État"
                coche={s.rh}
                changer={(rh) => props.changer({ rh })}
                desactive={desactive}
                invalide={erreurType ? `${id("type")}-erreur` : undefined}
              />
              {s.rh && (
                <div className="fr-pl-4w">
                  <ChampSaisi
                    id={id("etp")}
                    libelle="De combien d'ETP estimez-vous avoir besoin ?"
                    indication="Un nombre supérieur à 0, décimales possibles (exemple : 0,5)."
                    valeur={s.etp}
                    changer={(etp) => props.changer({ etp })}
                    message={erreurs[`${k}.etp`]}
                    desactive={desactive}
                    mode="decimal"
                    maxLength={10}
                  />
                </div>
              )}
              <CaseACocher
                id={id("prestation")}
                libelle="Prestation de service"
                coche={s.prestation}
                changer={(prestation) => props.changer({ prestation })}
                desactive={desactive}
                invalide={erreurType ? `${id("type")}-erreur` : undefined}
              />
              {erreurType && (
                <div className="fr-messages-group">
                  <p className="fr-message fr-message--error" id={`${id("type")}-erreur`}>
                    {erreurType}
                  </p>
                </div>
              )}
            </fieldset>
          )}
          {i.compterPersonnes && (
            <ChampSaisi
              id={id("personnes")}
              libelle="Combien de personnes estimez-vous devoir former ?"
              valeur={s.personnes}
              changer={(personnes) => props.changer({ personnes })}
              message={erreurs[`${k}.personnes`]}
              desactive={desactive}
              mode="numeric"
              maxLength={7}
            />
          )}
        </div>
      )}
    </>
  );
}
