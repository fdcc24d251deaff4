"use client";

import dynamic from "next/dynamic";
import { useRef, type ReactNode } from "react";
import {
  FREQUENCES_COMITE,
  LIBELLES_FREQUENCES,
  LIBELLES_TYPES_COMITE,
  TYPES_COMITE,
  type ContenusSections,
  type Section,
} from "@/domain/gouvernance/formulaire";
import { htmlDeLaNote, lireNote, type DocumentNote } from "@/domain/gouvernance/note";
import { ChampListe, ChampTexte, useErreur } from "./champs";
import type { ContexteFormulaire } from "./FormulaireGouvernance";
import { EditeurCoPorteurs, EditeurCoordination, EditeurMembres, ResumeCoPorteurs, ResumeCoordination, ResumeMembres } from "./sections-membres";
import { EditeurFeuilles, ResumeFeuilles, type BrouillonFeuilles } from "./sections-feuilles";

/*
 * Each section's editor (what "Modifier" opens) and summary (what is read otherwise). A draft has
 * the shape of the section's content, with blanks where nothing is chosen yet: the domain's
 * `lireSection` says what is missing, in the browser as on the server.
 */

const EditeurNote = dynamic(() => import("@/ui/EditeurNote").then((m) => m.EditeurNote), {
  ssr: false,
  loading: () => <p className="fr-text--sm">Chargement de l&apos;éditeur…</p>,
});

export interface BrouillonsSections {
  sousPrefet: ContenusSections["sousPrefet"];
  coPorteurs: ContenusSections["coPorteurs"];
  membres: ContenusSections["membres"];
  comitologie: { comites: Array<{ id: string; type: string; precision?: string; frequence: string; commentaire?: string }> };
  feuillesDeRoute: BrouillonFeuilles;
  coordination: ContenusSections["coordination"];
  noteDeContexte: ContenusSections["noteDeContexte"];
}
export type Brouillon<S extends Section> = BrouillonsSections[S];

export interface ProprietesEditeur<S extends Section> {
  valeur: Brouillon<S>;
  changer: (v: Brouillon<S>) => void;
  contexte: ContexteFormulaire;
}

/** An id for a new comité or feuille de route (the domain accepts letters, digits, - and _). */
export function nouvelId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function brouillonInitial<S extends Section>(section: S, contenu: ContenusSections[S] | null): Brouillon<S> {
  if (contenu) return structuredClone(contenu) as Brouillon<S>;
  const vides: BrouillonsSections = {
    sousPrefet: { prenom: "", nom: "", email: "" },
    coPorteurs: { sansCoPorteur: false, coPorteurs: [] },
    membres: { membres: [] },
    comitologie: { comites: [] },
    feuillesDeRoute: { feuilles: [] },
    coordination: { recruteurs: [] },
    noteDeContexte: { note: { type: "doc", content: [] } },
  };
  return vides[section] as Brouillon<S>;
}

const Vide = ({ children }: { children: ReactNode }) => <p className="fr-text--sm fr-mb-1w" style={{ color: "var(--text-mention-grey)" }}>{children}</p>;

function EditeurSousPrefet({ valeur, changer }: ProprietesEditeur<"sousPrefet">) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <ChampTexte chemin="prenom" libelle="Prénom" requis valeur={valeur.prenom} changer={(prenom) => changer({ ...valeur, prenom })} autoComplete="off" />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <ChampTexte chemin="nom" libelle="Nom" requis valeur={valeur.nom} changer={(nom) => changer({ ...valeur, nom })} />
      </div>
      <div className="fr-col-12">
        <ChampTexte chemin="email" libelle="Adresse e-mail" requis type="email" indication="Format attendu : nom@domaine.fr" valeur={valeur.email} changer={(email) => changer({ ...valeur, email })} />
      </div>
    </div>
  );
}

function ResumeSousPrefet({ contenu }: { contenu: ContenusSections["sousPrefet"] | null }) {
  if (!contenu) return <Vide>Aucun contact renseigné.</Vide>;
  return (
    <p className="fr-mb-1w">
      {contenu.prenom} {contenu.nom} — <a href={`mailto:${contenu.email}`}>{contenu.email}</a>
    </p>
  );
}

const OPTIONS_TYPES_COMITE = TYPES_COMITE.map((t) => ({ valeur: t, libelle: LIBELLES_TYPES_COMITE[t] }));
const OPTIONS_FREQUENCES = FREQUENCES_COMITE.map((f) => ({ valeur: f, libelle: LIBELLES_FREQUENCES[f] }));

function EditeurComitologie({ valeur, changer }: ProprietesEditeur<"comitologie">) {
  const boutonAjouter = useRef<HTMLButtonElement>(null);
  const modifier = (i: number, modification: Partial<BrouillonsSections["comitologie"]["comites"][number]>) =>
    changer({ comites: valeur.comites.map((c, j) => (j === i ? { ...c, ...modification } : c)) });
  return (
    <>
      <p className="fr-text--sm">Indiquez les comités de la gouvernance, leur fréquence et, si besoin, un commentaire. Cette section peut rester vide.</p>
      {valeur.comites.length === 0 && <Vide>Aucun comité.</Vide>}
      {valeur.comites.map((c, i) => (
        <fieldset key={c.id} className="fr-fieldset fr-mb-2w fr-p-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
          <legend className="fr-fieldset__legend fr-text--bold">Comité {i + 1}</legend>
          <div className="fr-fieldset__element">
            <ChampListe chemin={`comites.${i}.type`} libelle="Type de comité" requis valeur={c.type} options={OPTIONS_TYPES_COMITE} changer={(type) => modifier(i, { type })} />
          </div>
          {c.type === "autre" && (
            <div className="fr-fieldset__element">
              <ChampTexte chemin={`comites.${i}.precision`} libelle="Précisez" requis valeur={c.precision ?? ""} changer={(precision) => modifier(i, { precision })} />
            </div>
          )}
          <div className="fr-fieldset__element">
            <ChampListe chemin={`comites.${i}.frequence`} libelle="Fréquence" requis valeur={c.frequence} options={OPTIONS_FREQUENCES} changer={(frequence) => modifier(i, { frequence })} />
          </div>
          <div className="fr-fieldset__element">
            <ChampTexte chemin={`comites.${i}.commentaire`} libelle="Commentaire" multiligne valeur={c.commentaire ?? ""} changer={(commentaire) => modifier(i, { commentaire })} />
          </div>
          <div className="fr-fieldset__element">
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left fr-icon-delete-line" onClick={() => {
                changer({ comites: valeur.comites.filter((_, j) => j !== i) });
                boutonAjouter.current?.focus();
              }}
            >
              Supprimer le comité {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button
        ref={boutonAjouter}
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line"
        onClick={() => changer({ comites: [...valeur.comites, { id: nouvelId(), type: "", frequence: "" }] })}
      >
        Ajouter un comité
      </button>
    </>
  );
}

function ResumeComitologie({ contenu }: { contenu: ContenusSections["comitologie"] | null }) {
  if (!contenu || contenu.comites.length === 0) return <Vide>Aucun comité renseigné.</Vide>;
  return (
    <ul>
      {contenu.comites.map((c) => (
        <li key={c.id}>
          {c.type === "autre" ? `Autre : ${c.precision ?? ""}` : LIBELLES_TYPES_COMITE[c.type]} — {LIBELLES_FREQUENCES[c.frequence]}
          {c.commentaire && <span className="fr-hint-text">{c.commentaire}</span>}
        </li>
      ))}
    </ul>
  );
}

function EditeurNoteDeContexte({ valeur, changer }: ProprietesEditeur<"noteDeContexte">) {
  const { message, toucher, desactive } = useErreur("note");
  return (
    <EditeurNote
      id="note-de-contexte"
      libelle="Éléments qualitatifs"
      indication="Décrivez le contexte de la gouvernance : acteurs, dynamiques existantes, points d'attention."
      requis
      valeurInitiale={valeur.note}
      onChange={(note: DocumentNote) => changer({ note })}
      erreur={message}
      onBlur={toucher}
      desactive={desactive}
    />
  );
}

function ResumeNote({ contenu }: { contenu: ContenusSections["noteDeContexte"] | null }) {
  // Read again before it is shown (the server read it at the save): htmlDeLaNote writes only the
  // closed list of elements and escapes every text and attribute; its titles go under the section's.
  const lue = contenu ? lireNote(contenu.note) : null;
  if (!lue?.ok || lue.document.content.length === 0) return <Vide>Aucune note de contexte.</Vide>;
  return <div className="fr-mb-1w" dangerouslySetInnerHTML={{ __html: htmlDeLaNote(lue.document, 1) }} />;
}

export const EDITEURS: { [S in Section]: (p: ProprietesEditeur<S>) => ReactNode } = {
  sousPrefet: EditeurSousPrefet,
  coPorteurs: EditeurCoPorteurs,
  membres: EditeurMembres,
  comitologie: EditeurComitologie,
  feuillesDeRoute: EditeurFeuilles,
  coordination: EditeurCoordination,
  noteDeContexte: EditeurNoteDeContexte,
};

export const RESUMES: { [S in Section]: (p: { contenu: ContenusSections[S] | null; contexte: ContexteFormulaire }) => ReactNode } = {
  sousPrefet: ResumeSousPrefet,
  coPorteurs: ResumeCoPorteurs,
  membres: ResumeMembres,
  comitologie: ResumeComitologie,
  feuillesDeRoute: ResumeFeuilles,
  coordination: ResumeCoordination,
  noteDeContexte: ResumeNote,
};
