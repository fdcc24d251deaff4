import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ouvrirBesoins, type BesoinsOuverts } from "@/services/besoins";
import { FilAriane, type SegmentFilAriane } from "@/ui/FilAriane";
import { sessionCourante } from "../../../../session";
import { PresentationEspace } from "../../../_espace/Espace";

/*
 * What the three pages of the besoins en ingénierie financière share (PRODUCT §7): opening them for
 * the session's person (the presentation of the space for anyone else), why they are read-only,
 * and the DSFR stepper of the two steps.
 */

export const TITRE_BESOINS = "Besoins en ingénierie financière";
export const TITRE_SELECTION = "Sélectionnez vos besoins en ingénierie financière";
export const TITRE_PRIORISATION = "Priorisez vos besoins en ingénierie financière";

export const dateEnFrancais = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

export const cheminBesoins = (code: string) => `/gouvernances/departements/${code}/besoins`;

/** The besoins of the département for the session's person, or the page saying why not. */
export async function chargerBesoins(code: string, titre: string): Promise<{ besoins: BesoinsOuverts } | { refus: ReactNode }> {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const ouverts = await ouvrirBesoins({ db, acteur: session?.acteur ?? null, code, maintenant: new Date() });
  if (!ouverts.ok) {
    if (ouverts.erreur === "nonConnecte" || ouverts.erreur === "nonAutorise") return { refus: <PresentationEspace connecte={session !== null} titre={titre} /> };
    notFound();
  }
  return { besoins: ouverts.valeur };
}

/** Why the besoins cannot be modified now (null: they can). */
export function raisonLectureSeule(b: Pick<BesoinsOuverts, "peutModifier" | "fenetre">): string | null {
  const { fenetre } = b;
  if (!b.peutModifier) return "Vous consultez ces besoins en lecture seule : seule la préfecture du département les modifie.";
  if (fenetre.modifiable) return null;
  if (fenetre.raison === "validee") return "La gouvernance est validée par l'équipe nationale : les besoins ne se modifient plus.";
  if (fenetre.raison === "pasEncoreOuverte") {
    return `La campagne${fenetre.campagne ? ` « ${fenetre.campagne.nom} »` : ""} n'est pas encore ouverte : les besoins ne se modifient pas encore.`;
  }
  return `La date limite est passée${fenetre.jusquau ? ` (${dateEnFrancais(fenetre.jusquau)})` : ""} : les besoins ne sont plus modifiables.`;
}

/** "Modifiables jusqu'au …", as the pages say it. */
export function phraseEcheance(b: Pick<BesoinsOuverts, "fenetre">): string {
  const { fenetre } = b;
  return fenetre.jusquau ? `jusqu'au ${dateEnFrancais(fenetre.jusquau)}` : "tant qu'aucune date limite n'est fixée par l'équipe nationale";
}

export function filAriane(b: Pick<BesoinsOuverts, "departement">, avecIntroduction: boolean): SegmentFilAriane[] {
  return [
    { libelle: `Gouvernance - ${b.departement.nom}`, chemin: `/gouvernances/departements/${b.departement.code}` },
    ...(avecIntroduction ? [{ libelle: TITRE_BESOINS, chemin: cheminBesoins(b.departement.code) }] : []),
  ];
}

/**
 * The frame of a step: the breadcrumb, then the DSFR stepper whose title is the page's one heading
 * of level 1 ("Étape 1 sur 2", the next step).
 */
export function PageEtape(props: { besoins: Pick<BesoinsOuverts, "departement">; numero: 1 | 2; children: ReactNode }) {
  const titre = props.numero === 1 ? TITRE_SELECTION : TITRE_PRIORISATION;
  return (
    <div className="fr-container fr-pb-6w">
      <FilAriane segments={filAriane(props.besoins, true)} pageCourante={titre} />
      <div className="fr-stepper">
        <h1 className="fr-stepper__title">
          {titre}{" "}
          <span className="fr-stepper__state">Étape {props.numero} sur 2</span>
        </h1>
        <div className="fr-stepper__steps" data-fr-current-step={props.numero} data-fr-steps={2} />
        {props.numero === 1 && (
          <p className="fr-stepper__details">
            <span className="fr-text--bold">Étape suivante :</span> {TITRE_PRIORISATION}
          </p>
        )}
      </div>
      <p className="fr-text--lead">
        {props.besoins.departement.nom} ({props.besoins.departement.code})
      </p>
      {props.children}
    </div>
  );
}
