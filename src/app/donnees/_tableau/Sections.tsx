import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import type { DiagnosticDesPublics } from "@/domain/donnees/diagnostic-publics";
import {
  LIBELLES_INDICATEURS,
  SOUS_INDICATEURS_IFN,
  type Cellule,
  type Indicateur,
  type TableauDeBord,
  type TableauDeDonnees,
} from "@/domain/donnees/tableau-de-bord";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { DiagnosticPublics } from "@/ui/donnees/DiagnosticPublics";
import { formaterNombre } from "@/ui/format";
import { TableauTexte } from "@/ui/TableauTexte";

/*
 * The sections shared by the dashboards of a département and of France. Every figure says where it
 * comes from and of when; a figure without data says "Non disponible", never 0.
 */

const decimales = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const dateFr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function valeurLisible(valeur: Cellule): string {
  if (valeur === null) return "Non disponible";
  if (typeof valeur === "number") return Number.isInteger(valeur) ? formaterNombre(valeur) : decimales.format(valeur);
  return valeur;
}

export function LigneSource({ provenance }: { provenance: { source: string; dateMiseAJour: string | null; demonstration: boolean; calcule?: boolean } }) {
  return (
    <p className={fr.cx("fr-text--xs", "fr-mb-0")}>
      {provenance.demonstration ? (
        <BadgeDemonstration />
      ) : (
        <>
          Source : {provenance.source}
          {provenance.dateMiseAJour ? `, données du ${dateFr(provenance.dateMiseAJour)}` : ""}.
        </>
      )}
    </p>
  );
}

/** A key figure in a tile: label, value (or "Non disponible"), source and date. */
export function Chiffre({ libelle, indicateur, suffixe }: { libelle: string; indicateur: Indicateur; suffixe?: string }) {
  return (
    <div className={fr.cx("fr-col-12", "fr-col-sm-6", "fr-col-lg-4")}>
      <div className={fr.cx("fr-p-2w")} style={{ border: "1px solid var(--border-default-grey)", height: "100%" }}>
        <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>{libelle}</p>
        <p className={fr.cx("fr-h4", "fr-mb-1v")}>
          {valeurLisible(indicateur.valeur)}
          {indicateur.valeur !== null && suffixe ? ` ${suffixe}` : ""}
        </p>
        {indicateur.calcule && <p className={fr.cx("fr-text--xs", "fr-mb-1v")}>Notre calcul.</p>}
        <LigneSource provenance={indicateur} />
      </div>
    </div>
  );
}

export function Grille({ children }: { children: ReactNode }) {
  return <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>{children}</div>;
}

/** A dashboard table with its CSV download. */
export function TableauAvecTelechargement({ tableau, base, titreVisible = true }: { tableau: TableauDeDonnees; base: string; titreVisible?: boolean }) {
  return (
    <>
      <TableauTexte titre={tableau.titre} titreVisible={titreVisible} colonnes={tableau.colonnes} lignes={tableau.lignes.map((l) => l.map(valeurLisible))} />
      <LienTelechargement id={tableau.id} base={base} lignes={tableau.lignes.length} />
    </>
  );
}

/** The CSV download of a table: `{base}/{id}.csv`. */
export function LienTelechargement({ id, base, lignes }: { id: string; base: string; lignes: number }) {
  return (
    <p className={fr.cx("fr-text--sm")}>
      <a className={fr.cx("fr-link", "fr-link--download")} href={`${base}/${id}.csv`} download>
        Télécharger ce tableau <span className={fr.cx("fr-link__detail")}>CSV, {lignes} lignes</span>
      </a>
    </p>
  );
}

export function SectionLieux({ t, tableaux, base }: { t: TableauDeBord; tableaux: TableauDeDonnees[]; base: string }) {
  const i = t.indicateurs;
  const typologie = tableaux.find((x) => x.id === "lieux-par-typologie");
  const dispositifs = tableaux.find((x) => x.id === "lieux-par-dispositif");
  return (
    <section aria-labelledby="titre-lieux" className={fr.cx("fr-mb-6w")}>
      <h2 id="titre-lieux">Lieux d&apos;inclusion numérique</h2>
      <Grille>
        <Chiffre libelle={LIBELLES_INDICATEURS.lieux} indicateur={i.lieux} />
        <Chiffre libelle="Pour 10 000 habitants" indicateur={i.lieuxPour10000Habitants} />
        <Chiffre libelle="En quartier prioritaire (QPV)" indicateur={i.lieuxQpv} />
        <Chiffre libelle="En zone France Ruralités Revitalisation (FRR, ex-ZRR)" indicateur={i.lieuxFrr} />
      </Grille>
      {t.lieux.total === null ? (
        <p>
          Aucun fichier de lieux n&apos;est chargé : l&apos;équipe nationale importe la cartographie nationale des lieux de médiation
          numérique (<code>npm run cli -- donnees:importer lieux &lt;fichier&gt;</code>).
        </p>
      ) : (
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>{typologie && <TableauAvecTelechargement tableau={typologie} base={base} />}</div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>{dispositifs && <TableauAvecTelechargement tableau={dispositifs} base={base} />}</div>
        </div>
      )}
    </section>
  );
}

export function SectionAidants({ t }: { t: TableauDeBord }) {
  const i = t.indicateurs;
  return (
    <section aria-labelledby="titre-aidants" className={fr.cx("fr-mb-6w")}>
      <h2 id="titre-aidants">Aidants numériques</h2>
      <Grille>
        <Chiffre libelle={LIBELLES_INDICATEURS.conseillersNumeriques} indicateur={i.conseillersNumeriques} />
        <Chiffre libelle={LIBELLES_INDICATEURS.coordinateursConseillersNumeriques} indicateur={i.coordinateursConseillersNumeriques} />
        <Chiffre libelle={LIBELLES_INDICATEURS.aidantsConnect} indicateur={i.aidantsConnect} />
        <Chiffre libelle={LIBELLES_INDICATEURS.structuresAidantsConnect} indicateur={i.structuresAidantsConnect} />
      </Grille>
      {i.conseillersNumeriques.valeur === null && (
        <p className={fr.cx("fr-text--sm")}>
          Aucun fichier ouvert ne donne le nombre de conseillers numériques par département : il s&apos;affiche quand l&apos;équipe
          nationale importe le fichier documenté des effectifs.
        </p>
      )}
    </section>
  );
}

/** The territory's IFN and its five sub-indicators: relative indicators from 1 to 10, never shares. */
export function ScoresDuTerritoire({ t, libelle }: { t: TableauDeBord; libelle: string }) {
  const s = t.ifnTerritoire;
  const chiffre = (
    <Grille>
      <Chiffre libelle={libelle} indicateur={t.indicateurs.ifn} suffixe="sur 10" />
    </Grille>
  );
  if (!s)
    return (
      <>
        {chiffre}
        <p>Aucun indice de fragilité numérique n&apos;est chargé.</p>
      </>
    );
  return (
    <>
      {chiffre}
      <p>
        Indice du territoire : <strong>{valeurLisible(s.score)} sur 10</strong> (moyenne des communes pondérée par leur population :
        notre calcul).
      </p>
      <ul className={fr.cx("fr-text--sm")}>
        {SOUS_INDICATEURS_IFN.map((x) => (
          <li key={x.cle}>
            {x.libelle} : {valeurLisible(s[x.cle])} sur 10
          </li>
        ))}
      </ul>
      <p className={fr.cx("fr-text--sm")}>
        Ces notes vont de 1 (risque faible) à 10 (risque fort) : elles situent le territoire par rapport aux autres, elles ne mesurent
        pas une part de la population.
      </p>
      <LigneSource provenance={s} />
    </>
  );
}

/** The end of both dashboards: the diagnostic des publics, then every figure with its source, and the JSON. */
export function SectionsFinales({ diagnostic, tableaux, base, api }: { diagnostic: DiagnosticDesPublics | null; tableaux: TableauDeDonnees[]; base: string; api: string }) {
  const chiffres = tableaux.find((x) => x.id === "chiffres-cles");
  return (
    <>
      {diagnostic && (
        <div className={fr.cx("fr-mb-6w")}>
          <DiagnosticPublics diagnostic={diagnostic} />
          <LienTelechargement id="diagnostic-des-publics" base={base} lignes={diagnostic.estimations.length} />
        </div>
      )}
      <section aria-labelledby="titre-sources" className={fr.cx("fr-mb-6w")}>
        <h2 id="titre-sources">Tous les chiffres et leurs sources</h2>
        {chiffres && <TableauAvecTelechargement tableau={chiffres} base={base} />}
        <p className={fr.cx("fr-text--sm")}>
          Les mêmes données en JSON : <a href={api}>{api}</a>.
        </p>
      </section>
    </>
  );
}
