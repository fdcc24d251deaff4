import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { formaterTaux, sourceDuTaux, type DiagnosticDesPublics, type EstimationPublic } from "@/domain/donnees/diagnostic-publics";
import { BadgeDemonstration } from "../BadgeDemonstration";
import { formaterNombre } from "../format";
import { Tableau } from "../Tableau";

/*
 * "Diagnostic des publics": national rates extrapolated to the territory, each estimate shown as
 * such ("Estimation", "environ"), with its method and its source; no figure when the population it
 * needs is missing, and why.
 */

type NiveauTitre = 2 | 3 | 4;

function Titre({ niveau, children, id }: { niveau: NiveauTitre; children: ReactNode; id: string }) {
  const Balise = `h${niveau}` as const;
  return <Balise id={id}>{children}</Balise>;
}

const dateFr = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

function Estimation({ e }: { e: EstimationPublic }) {
  if (e.estimation === null) {
    return (
      <>
        <span className={fr.cx("fr-text--bold")}>Non disponible</span>
        <br />
        <span className={fr.cx("fr-text--sm")}>{e.raison}</span>
      </>
    );
  }
  return <span className={fr.cx("fr-text--bold")}>Estimation : environ {formaterNombre(e.estimation)} personnes</span>;
}

function Source({ e }: { e: EstimationPublic }) {
  const texte = sourceDuTaux(e.taux);
  return (
    <>
      {e.taux.lien ? (
        <a href={e.taux.lien} target="_blank" rel="noopener noreferrer" title={`${texte} - nouvelle fenêtre`}>
          {texte}
        </a>
      ) : (
        texte
      )}
      {e.demonstration && (
        <>
          {" "}
          <BadgeDemonstration />
        </>
      )}
    </>
  );
}

export function DiagnosticPublics({ diagnostic, niveauTitre = 2 }: { diagnostic: DiagnosticDesPublics; niveauTitre?: NiveauTitre }) {
  const d = diagnostic;
  const territoire = d.territoire.type === "national" ? "en France" : `dans le département ${d.territoire.nom} (${d.territoire.code})`;
  const idTitre = "diagnostic-des-publics";
  return (
    <section aria-labelledby={idTitre}>
      <Titre niveau={niveauTitre} id={idTitre}>
        Diagnostic des publics
      </Titre>
      {d.estimations.length === 0 ? (
        <p>Aucun taux national n&apos;a encore été saisi par l&apos;équipe nationale.</p>
      ) : (
        <>
          <p>
            Combien de personnes sont éloignées du numérique {territoire} ? Ces chiffres sont des <strong>estimations</strong> : des taux
            nationaux appliqués à la population du territoire, ou à sa population de la tranche d&apos;âge concernée. Ils donnent un ordre de
            grandeur, pas un décompte.
          </p>
          {d.demonstration && (
            <p>
              <BadgeDemonstration /> Certains taux ou certaines données de population de cette section sont fictifs : ils servent à découvrir
              l&apos;outil.
            </p>
          )}
          <Tableau
            titre="Publics, taux national, estimation sur le territoire, méthode et source"
            titreVisible
            colonnes={["Public", "Taux national", "Estimation sur le territoire", "Méthode", "Source du taux"]}
            lignes={d.estimations.map((e) => ({
              cle: e.taux.id,
              cellules: [
                <>
                  {e.taux.libelle}
                  <br />
                  <span className={fr.cx("fr-text--sm")}>{e.tranche}</span>
                </>,
                formaterTaux(e.taux.taux),
                <Estimation key="estimation" e={e} />,
                e.methode ?? "—",
                <Source key="source" e={e} />,
              ],
            }))}
          />
          <p className={fr.cx("fr-text--sm")}>
            Population : {d.population.source}
            {d.population.dateMiseAJour ? `, chargé le ${dateFr(d.population.dateMiseAJour)}` : ""}.
            {d.structureParAge
              ? ` Population par âge : ${d.structureParAge.source}.`
              : " Population par âge : non importée."}
            {d.estimations.some((e) => e.prorata) &&
              " Quand une classe d'âge n'est qu'en partie dans la tranche, sa population est comptée au prorata des années d'âge (notre calcul)."}{" "}
            Estimations arrondies à trois chiffres significatifs.
          </p>
          {d.structureParAge?.demonstration && (
            <p>
              <BadgeDemonstration /> La population par âge utilisée est fictive.
            </p>
          )}
        </>
      )}
      <p className={fr.cx("fr-text--sm")}>
        Les sous-indices de l&apos;indice de fragilité numérique (de 1 à 10) sont des indicateurs relatifs, qui comparent les territoires entre
        eux : ce ne sont pas des parts de la population.
      </p>
    </section>
  );
}
