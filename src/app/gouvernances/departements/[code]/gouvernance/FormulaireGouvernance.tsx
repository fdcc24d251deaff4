"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type ReactNode, type RefObject } from "react";
import {
  SECTIONS,
  TITRES_SECTIONS,
  erreursPerimetresBloquantes,
  lireSection,
  type ContenusSections,
  type ErreursChamps,
  type LectureSection,
  type Membre,
  type Section,
} from "@/domain/gouvernance/formulaire";
import { decrireModification } from "@/domain/gouvernance/differences";
import type { ReferentielPerimetre } from "@/domain/gouvernance/perimetres";
import type { CandidatDeLaGouvernance } from "@/services/gouvernance";
import type { CarteCouverture } from "@/ui/carte/CarteCouverture";
import type { DocumentsFeuille } from "@/ui/DocumentsFeuille";
import { enregistrerSectionGouvernance } from "./actions";
import { ContexteDesChamps } from "./champs";
import { EtatDeLaProposition } from "./EtatDeLaProposition";
import { Historique } from "./Historique";
import type { EtatTransmis, RoleProtege, SectionTransmise } from "./etat";
import { EDITEURS, RESUMES, brouillonInitial, type Brouillon } from "./sections";

/*
 * "Création d'une gouvernance": the seven sections, each read as a summary and edited on its own
 * ("Modifier"). An open section saves itself a second after the last change when the domain reads
 * it without fault (the server reads it again); a draft that cannot be saved yet stays in this
 * browser (localStorage) until it can, so that nothing typed is lost. A save that finds the section
 * changed by someone else since it was opened writes nothing and offers both versions.
 */

export interface ContexteFormulaire {
  code: string;
  /** The id of the person editing (the key of their drafts in this browser). */
  utilisateur: string;
  candidats: readonly CandidatDeLaGouvernance[];
  /** The saved members. */
  membres: readonly Membre[];
  membresProteges: ReadonlyMap<string, RoleProtege>;
  /** The saved "Pas de co-porteur de la gouvernance". */
  sansCoPorteur: boolean;
  referentiel: ReferentielPerimetre;
  /** The communes drawn for the coverage map, null when no geometry is imported (the table alone then). */
  dessin: ComponentProps<typeof CarteCouverture>["dessin"];
  /** The documents of each feuille de route, by its id. */
  documents: Record<string, ComponentProps<typeof DocumentsFeuille>["versions"]>;
  modifiable: boolean;
}

type Statut =
  | { etat: "repos" }
  | { etat: "enregistrement" }
  | { etat: "enregistre"; le: Date }
  | { etat: "aCorriger"; nombre: number }
  | { etat: "erreur"; message: string }
  | { etat: "conflit"; message: string; serveur: SectionTransmise };

const DELAI_AUTOSAUVEGARDE_MS = 1000;
/** The drafts of one person (a shared computer keeps each one's apart), for one département and section. */
const cleBrouillon = (utilisateur: string, code: string, section: Section) => `efne:gouvernance:${utilisateur}:${code}:${section}`;
/** "14 h 32". */
const heure = (d: Date) => `${d.getHours()} h ${String(d.getMinutes()).padStart(2, "0")}`;
const ancre = (s: Section) => `section-${s}`;
const dateEtHeure = (iso: string) => new Date(iso).toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export function FormulaireGouvernance(props: {
  code: string;
  utilisateur: string;
  etatInitial: EtatTransmis;
  candidats: CandidatDeLaGouvernance[];
  referentiel: ReferentielPerimetre;
  dessin: ContexteFormulaire["dessin"];
  documents: ContexteFormulaire["documents"];
  modifiable: boolean;
  /** Why editing is closed, when it is. */
  raisonLectureSeule: string | null;
  entete: ReactNode;
  /** The state of the proposal and who may submit or decide (its completeness comes from this form, live). */
  proposition: Omit<ComponentProps<typeof EtatDeLaProposition>, "complete" | "code">;
}) {
  const [etat, setEtat] = useState(props.etatInitial);
  const [ouverte, setOuverte] = useState<Section | null>(null);

  const contexte = useMemo<ContexteFormulaire>(
    () => ({
      code: props.code,
      utilisateur: props.utilisateur,
      candidats: props.candidats,
      membres: etat.sections.membres.contenu?.membres ?? [],
      membresProteges: new Map(etat.verification.membresProteges),
      sansCoPorteur: etat.sections.coPorteurs.contenu?.sansCoPorteur ?? false,
      referentiel: props.referentiel,
      dessin: props.dessin,
      documents: props.documents,
      modifiable: props.modifiable,
    }),
    [etat, props.code, props.utilisateur, props.candidats, props.referentiel, props.dessin, props.documents, props.modifiable],
  );
  const completes = SECTIONS.filter((s) => etat.verification.sections[s].complete).length;

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <nav className="fr-sidemenu fr-sidemenu--sticky" aria-labelledby="sommaire-gouvernance">
          <div className="fr-sidemenu__inner">
            <p className="fr-sidemenu__title" id="sommaire-gouvernance">
              Sections de la proposition
            </p>
            <ul className="fr-sidemenu__list">
              {SECTIONS.map((s, i) => (
                <li key={s} className={`fr-sidemenu__item${ouverte === s ? " fr-sidemenu__item--active" : ""}`}>
                  <a className="fr-sidemenu__link" href={`#${ancre(s)}`} aria-current={ouverte === s ? "true" : undefined}>
                    {i + 1}. {TITRES_SECTIONS[s]}
                    <span className="fr-sr-only">{etat.verification.sections[s].complete ? " (complète)" : " (à compléter)"}</span>
                    <span aria-hidden="true" className={`fr-ml-1w ${etat.verification.sections[s].complete ? "fr-icon-check-line" : "fr-icon-edit-line"} fr-icon--sm`} />
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      </div>
      <div className="fr-col-12 fr-col-md-8">
        {props.entete}
        {props.raisonLectureSeule && (
          <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
            <p>{props.raisonLectureSeule}</p>
          </div>
        )}
        <Completude etat={etat} completes={completes} />
        <EtatDeLaProposition code={props.code} complete={etat.verification.complete} {...props.proposition} />
        {props.modifiable && <p className="fr-hint-text fr-mb-3w">Les champs avec * sont obligatoires.</p>}
        {SECTIONS.map((s, i) => (
          <BlocSection
            key={s}
            numero={i + 1}
            section={s}
            etat={etat}
            contexte={contexte}
            ouverte={ouverte === s}
            ouvrir={() => setOuverte(s)}
            fermer={() => setOuverte((o) => (o === s ? null : o))}
            misAJour={setEtat}
          />
        ))}
      </div>
    </div>
  );
}

function Completude({ etat, completes }: { etat: EtatTransmis; completes: number }) {
  const aCompleter = SECTIONS.filter((s) => !etat.verification.sections[s].complete);
  const scenario = etat.verification.scenario;
  return (
    <section className="fr-callout fr-mb-4w" aria-labelledby="completude-titre">
      <h2 className="fr-callout__title fr-h5" id="completude-titre">
        Complétude de la proposition
      </h2>
      <p className="fr-callout__text" role="status" aria-live="polite">
        {etat.verification.complete ? "La proposition est complète : les sept sections sont renseignées." : `${completes} section${completes > 1 ? "s" : ""} complète${completes > 1 ? "s" : ""} sur 7.`}
        {scenario && ` Périmètres des feuilles de route : scénario ${scenario}.`}
      </p>
      {aCompleter.length > 0 && (
        <ul className="fr-mt-2w">
          {aCompleter.map((s) => (
            <li key={s}>
              <a href={`#${ancre(s)}`}>{TITRES_SECTIONS[s]}</a> : {etat.verification.sections[s].erreurs.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BlocSection(props: {
  numero: number;
  section: Section;
  etat: EtatTransmis;
  contexte: ContexteFormulaire;
  ouverte: boolean;
  ouvrir: () => void;
  fermer: () => void;
  misAJour: (etat: EtatTransmis) => void;
}) {
  const { section, etat } = props;
  const enregistree = etat.sections[section];
  const verification = etat.verification.sections[section];
  const Resume = RESUMES[section] as (p: { contenu: unknown; contexte: ContexteFormulaire }) => ReactNode;
  const idTitre = `${ancre(section)}-titre`;
  const boutonModifier = useRef<HTMLButtonElement>(null);
  const fermeeParLeBouton = useRef(false);
  useEffect(() => {
    // Closed with "Enregistrer et fermer" (not by opening another section): the focus returns to "Modifier".
    if (!props.ouverte && fermeeParLeBouton.current) boutonModifier.current?.focus();
    fermeeParLeBouton.current = false;
  }, [props.ouverte]);

  return (
    <section id={ancre(section)} aria-labelledby={idTitre} className="fr-mb-5w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-2w" style={{ gap: "1rem", justifyContent: "space-between" }}>
        <h2 className="fr-h4 fr-mb-0" id={idTitre} tabIndex={-1}>
          {props.numero}. {TITRES_SECTIONS[section]}
        </h2>
        <p className="fr-mb-0">
          {verification.complete ? <span className="fr-badge fr-badge--success fr-badge--sm">Complète</span> : <span className="fr-badge fr-badge--warning fr-badge--sm">À compléter</span>}
        </p>
      </div>
      {props.ouverte ? (
        <Editeur
          section={section}
          enregistree={enregistree}
          contexte={props.contexte}
          fermer={() => {
            fermeeParLeBouton.current = true;
            props.fermer();
          }}
          misAJour={props.misAJour}
          idTitre={idTitre}
        />
      ) : (
        <>
          {!verification.complete && verification.erreurs.length > 0 && (
            <ul className="fr-text--sm fr-mb-2w" style={{ color: "var(--text-default-warning)" }}>
              {verification.erreurs.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
          <Resume contenu={enregistree.contenu} contexte={props.contexte} />
          {enregistree.modifieLe && <p className="fr-text--xs fr-mb-1w">Dernière modification le {dateEtHeure(enregistree.modifieLe)}</p>}
          {props.contexte.modifiable && (
            <button ref={boutonModifier} type="button" className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-edit-line fr-mt-2w" onClick={props.ouvrir} aria-describedby={idTitre}>
              Modifier
            </button>
          )}
          <Historique code={props.contexte.code} section={section} version={enregistree.version} />
        </>
      )}
    </section>
  );
}

interface BrouillonLocal<S extends Section> {
  brouillon: Brouillon<S>;
  /** The saved version the draft started from. */
  version: number;
}

function lireBrouillonLocal<S extends Section>(cle: string): BrouillonLocal<S> | null {
  try {
    const brut = window.localStorage.getItem(cle);
    if (!brut) return null;
    const lu = JSON.parse(brut) as BrouillonLocal<S>;
    return typeof lu.version === "number" && lu.brouillon ? lu : null;
  } catch {
    return null;
  }
}

function ecrireBrouillonLocal(cle: string, brouillon: unknown, version: number | null) {
  try {
    if (version === null) window.localStorage.removeItem(cle);
    else window.localStorage.setItem(cle, JSON.stringify({ brouillon, version }));
  } catch {
    // Private browsing or a full storage: the draft lives in the page only.
  }
}

/** What the server will check of a draft: the section's fields and, for the feuilles de route, the perimeters that forbid saving. */
function lireBrouillon<S extends Section>(section: S, brouillon: unknown, referentiel: ReferentielPerimetre): LectureSection<S> {
  const lu = lireSection(section, brouillon);
  if (!lu.ok || section !== "feuillesDeRoute") return lu;
  const bloquantes = erreursPerimetresBloquantes(referentiel, (lu.contenu as ContenusSections["feuillesDeRoute"]).feuilles);
  return Object.keys(bloquantes).length ? { ok: false, erreurs: bloquantes } : lu;
}

function lireSectionOuNull(section: Section, brouillon: unknown, referentiel: ReferentielPerimetre): unknown {
  const lu = lireBrouillon(section, brouillon, referentiel);
  return lu.ok ? lu.contenu : null;
}

/** The content as the server would keep it, as text (a saved content comes back from jsonb with its keys reordered: it is read again first). */
function texteNormalise(section: Section, contenu: unknown, referentiel: ReferentielPerimetre): string {
  const lu = lireBrouillon(section, contenu, referentiel);
  return JSON.stringify(lu.ok ? lu.contenu : contenu);
}

function Editeur<S extends Section>(props: {
  section: S;
  enregistree: SectionTransmise<S>;
  contexte: ContexteFormulaire;
  fermer: () => void;
  misAJour: (etat: EtatTransmis) => void;
  idTitre: string;
}) {
  const { section, contexte } = props;
  const code = contexte.code;
  const cle = cleBrouillon(contexte.utilisateur, code, section);
  // A draft left in this browser comes back; if the section was saved since (by someone else, or
  // by a save of another section adding members), it comes back as a conflict to resolve.
  const [depart] = useState(() => {
    const local = lireBrouillonLocal<S>(cle);
    const initial = brouillonInitial(section, props.enregistree.contenu);
    if (!local || JSON.stringify(local.brouillon) === JSON.stringify(initial)) return { brouillon: initial, version: props.enregistree.version, restaure: false, conflit: false };
    return { brouillon: local.brouillon, version: local.version, restaure: true, conflit: local.version !== props.enregistree.version };
  });
  const [brouillon, setBrouillon] = useState<Brouillon<S>>(depart.brouillon);
  /** Changes each time the draft is replaced from outside the fields (the rich-text editor reads its value once). */
  const [generation, setGeneration] = useState(0);
  const [statut, setStatut] = useState<Statut>(() =>
    depart.conflit
      ? { etat: "conflit", message: "Cette section a été enregistrée depuis votre brouillon (par quelqu'un d'autre, ou par une autre section) : choisissez la version à garder.", serveur: props.enregistree }
      : { etat: "repos" },
  );
  const [vus, setVus] = useState<ReadonlySet<string>>(new Set());
  const [erreursServeur, setErreursServeur] = useState<ErreursChamps>({});
  const version = useRef(depart.version);
  const dernierEnvoye = useRef<string>(texteNormalise(section, props.enregistree.contenu, contexte.referentiel));
  const minuterie = useRef<ReturnType<typeof setTimeout> | null>(null);
  const enCours = useRef<Promise<boolean> | null>(null);
  const courant = useRef(brouillon);
  courant.current = brouillon;
  const enConflit = useRef(depart.conflit);
  enConflit.current = statut.etat === "conflit";
  const conteneur = useRef<HTMLDivElement>(null);
  const resumeErreurs = useRef<HTMLDivElement>(null);
  const alerteStatut = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const premier = conteneur.current?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable='true']");
    if (premier) premier.focus();
    else document.getElementById(props.idTitre)?.focus();
    // Only when the editor opens.
  }, []);

  const lecture = useMemo(() => lireBrouillon(section, brouillon, contexte.referentiel), [section, brouillon, contexte.referentiel]);
  const erreurs: ErreursChamps = lecture.ok ? erreursServeur : { ...lecture.erreurs, ...erreursServeur };

  const enregistrer = useCallback(async (): Promise<boolean> => {
    if (enCours.current) return enCours.current;
    const envoi = async (): Promise<boolean> => {
      for (;;) {
        if (enConflit.current) return false;
        const lu = lireBrouillon(section, courant.current, contexte.referentiel);
        if (!lu.ok) {
          setStatut({ etat: "aCorriger", nombre: new Set(Object.values(lu.erreurs)).size });
          return false;
        }
        const texte = JSON.stringify(lu.contenu);
        if (texte === dernierEnvoye.current) {
          ecrireBrouillonLocal(cle, null, null);
          setStatut((s) => (s.etat === "enregistrement" || s.etat === "aCorriger" ? { etat: "repos" } : s));
          return true;
        }
        setStatut({ etat: "enregistrement" });
        let reponse: Awaited<ReturnType<typeof enregistrerSectionGouvernance>>;
        try {
          reponse = await enregistrerSectionGouvernance(code, section, lu.contenu, version.current);
        } catch {
          setStatut({ etat: "erreur", message: "Non enregistré : vérifiez votre connexion, puis réessayez." });
          return false;
        }
        if (!reponse.ok) {
          if (reponse.etat) props.misAJour(reponse.etat);
          if (reponse.conflit) setStatut({ etat: "conflit", message: reponse.message, serveur: reponse.conflit });
          else {
            setErreursServeur(reponse.champs ?? {});
            if (reponse.champs) setVus(new Set(["*"]));
            setStatut({ etat: "erreur", message: reponse.message });
          }
          return false;
        }
        setErreursServeur({});
        // The version this save wrote (a later read may already show someone else's).
        version.current = reponse.version;
        dernierEnvoye.current = texte;
        props.misAJour(reponse.etat);
        // Changes made while this save was on its way leave with the next turn of the loop.
        if (texteNormalise(section, courant.current, contexte.referentiel) === texte) {
          ecrireBrouillonLocal(cle, null, null);
          setStatut({ etat: "enregistre", le: new Date() });
          return true;
        }
      }
    };
    enCours.current = envoi().finally(() => {
      enCours.current = null;
    });
    return enCours.current;
  }, [code, cle, section, props, contexte.referentiel]);

  const changer = useCallback(
    (nouveau: Brouillon<S>) => {
      setBrouillon(nouveau);
      courant.current = nouveau;
      // Kept in this browser at once: leaving the page or the section loses nothing.
      ecrireBrouillonLocal(cle, nouveau, version.current);
      setErreursServeur({});
      if (enConflit.current) return;
      if (minuterie.current) clearTimeout(minuterie.current);
      minuterie.current = setTimeout(() => {
        minuterie.current = null;
        void enregistrer();
      }, DELAI_AUTOSAUVEGARDE_MS);
    },
    [enregistrer, cle],
  );

  // Closing the section by opening another one: what waits for the autosave leaves now.
  const enregistrerAuDepart = useRef(enregistrer);
  enregistrerAuDepart.current = enregistrer;
  useEffect(
    () => () => {
      if (minuterie.current) {
        clearTimeout(minuterie.current);
        minuterie.current = null;
        void enregistrerAuDepart.current();
      }
    },
    [],
  );

  // Leaving the page with changes not yet saved: the browser asks first.
  useEffect(() => {
    const avantDePartir = (e: BeforeUnloadEvent) => {
      if (enCours.current || minuterie.current || statut.etat === "aCorriger" || statut.etat === "erreur" || statut.etat === "conflit") e.preventDefault();
    };
    window.addEventListener("beforeunload", avantDePartir);
    return () => window.removeEventListener("beforeunload", avantDePartir);
  }, [statut.etat]);

  async function terminer() {
    if (minuterie.current) clearTimeout(minuterie.current);
    minuterie.current = null;
    setVus(new Set(["*"]));
    const ok = await enregistrer();
    if (ok) {
      props.fermer();
      return;
    }
    // The list of what is to be corrected, or the alert saying why nothing was saved.
    requestAnimationFrame(() => (resumeErreurs.current ?? alerteStatut.current)?.focus());
  }

  function abandonner() {
    if (minuterie.current) clearTimeout(minuterie.current);
    minuterie.current = null;
    ecrireBrouillonLocal(cle, null, null);
    props.fermer();
  }

  function garderLaVersionEnregistree(serveur: SectionTransmise) {
    version.current = serveur.version;
    dernierEnvoye.current = texteNormalise(section, serveur.contenu, contexte.referentiel);
    const repris = brouillonInitial(section, serveur.contenu as ContenusSections[S] | null);
    setBrouillon(repris);
    courant.current = repris;
    setGeneration((g) => g + 1);
    ecrireBrouillonLocal(cle, null, null);
    enConflit.current = false;
    setStatut({ etat: "repos" });
  }

  function remplacerParMesModifications(serveur: SectionTransmise) {
    version.current = serveur.version;
    dernierEnvoye.current = texteNormalise(section, serveur.contenu, contexte.referentiel);
    ecrireBrouillonLocal(cle, courant.current, serveur.version);
    enConflit.current = false;
    setStatut({ etat: "repos" });
    void enregistrer();
  }

  const EditeurDeSection = EDITEURS[section] as (p: { valeur: Brouillon<S>; changer: (v: Brouillon<S>) => void; contexte: ContexteFormulaire }) => ReactNode;
  const contexteChamps = useMemo(
    () => ({
      prefixe: `champ-${section}`,
      erreurs,
      vus,
      toucher: (chemin: string) => setVus((v) => (v.has(chemin) ? v : new Set([...v, chemin]))),
      desactive: !contexte.modifiable,
    }),
    [section, erreurs, vus, contexte.modifiable],
  );
  const erreursVisibles = vus.has("*") ? [...new Set(Object.values(erreurs))] : [];

  return (
    <div ref={conteneur}>
      {depart.restaure && !depart.conflit && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
          <p>Vos modifications non enregistrées de cette section ont été retrouvées dans ce navigateur.</p>
        </div>
      )}
      {erreursVisibles.length > 0 && (
        <div ref={resumeErreurs} tabIndex={-1} className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w">
          <p>{erreursVisibles.length === 1 ? "Un point est à corriger" : `${erreursVisibles.length} points sont à corriger`} avant l&apos;enregistrement de la section :</p>
          <ul>
            {erreursVisibles.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <ContexteDesChamps.Provider value={contexteChamps}>
        <EditeurDeSection key={generation} valeur={brouillon} changer={changer} contexte={contexte} />
      </ContexteDesChamps.Provider>
      <StatutEnregistrement
        statut={statut}
        comparaison={
          statut.etat === "conflit" && statut.serveur.contenu
            ? decrireModification(section, lireSectionOuNull(section, brouillon, contexte.referentiel) as ContenusSections[S] | null, statut.serveur.contenu as ContenusSections[S], {
                membres: new Map(contexte.membres.map((m) => [m.cle, m.nom])),
                referentiel: contexte.referentiel,
              })
            : []
        }
        alerte={alerteStatut}
        reessayer={() => void enregistrer()}
        garder={garderLaVersionEnregistree}
        remplacer={remplacerParMesModifications}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <button type="button" className="fr-btn" onClick={() => void terminer()}>
            Enregistrer et fermer
          </button>
        </li>
        {(statut.etat === "aCorriger" || statut.etat === "erreur" || statut.etat === "conflit") && (
          <li>
            <button type="button" className="fr-btn fr-btn--tertiary" onClick={abandonner}>
              Abandonner les modifications non enregistrées
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}

function StatutEnregistrement(props: {
  statut: Statut;
  /** In a conflict: what the saved version has that the person's does not, in words. */
  comparaison: string[];
  alerte: RefObject<HTMLDivElement | null>;
  reessayer: () => void;
  garder: (serveur: SectionTransmise) => void;
  remplacer: (serveur: SectionTransmise) => void;
}) {
  const { statut } = props;
  return (
    <div className="fr-mt-2w">
      {/* Only the outcome is announced: not every pause in typing. */}
      <p className="fr-text--sm fr-mb-1w" aria-hidden={statut.etat === "enregistrement" ? true : undefined}>
        {statut.etat === "enregistrement" && "Enregistrement…"}
      </p>
      <p className="fr-text--sm fr-mb-1w" role="status">
        {statut.etat === "enregistre" && `Modifications enregistrées à ${heure(statut.le)}.`}
        {statut.etat === "aCorriger" &&
          `Modifications gardées dans ce navigateur, pas encore enregistrées : ${statut.nombre === 1 ? "un point est" : `${statut.nombre} points sont`} à compléter ou à corriger.`}
      </p>
      {statut.etat === "erreur" && (
        <div ref={props.alerte} tabIndex={-1} className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>
            {statut.message}{" "}
            <button type="button" className="fr-link" onClick={props.reessayer}>
              Réessayer l&apos;enregistrement
            </button>
          </p>
        </div>
      )}
      {statut.etat === "conflit" && (
        <div ref={props.alerte} tabIndex={-1} className="fr-alert fr-alert--warning fr-alert--sm" role="alert">
          <p>{statut.message}</p>
          {props.comparaison.length > 0 && (
            <>
              <p className="fr-mb-0">Ce qui diffère dans la version enregistrée, par rapport à la vôtre :</p>
              <ul>
                {props.comparaison.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            </>
          )}
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w">
            <li>
              <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => props.garder(statut.serveur)}>
                Garder la version enregistrée (abandonner mes modifications)
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--sm" onClick={() => props.remplacer(statut.serveur)}>
                Remplacer par mes modifications
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
