import { fr } from "@codegouvfr/react-dsfr";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { LIBELLE_DONNEES_DEMONSTRATION } from "@/domain/donnees/provenance";
import type { TableauDeBord } from "@/domain/donnees/tableau-de-bord";
import type { DepartementResume } from "@/services/territoires";
import type { TableauDeDonnees } from "@/domain/donnees/tableau-de-bord";
import { Chiffre, Grille, SectionAidants, SectionLieux } from "./Sections";

/**
 * The département switcher: a plain form (it works without JavaScript), answered by
 * /donnees/departements, which redirects to the chosen dashboard.
 */
export function ChoixDuTerritoire({ departements, courant }: { departements: DepartementResume[]; courant: string | null }) {
  return (
    <form action="/donnees/departements" method="get" className={fr.cx("fr-mb-4w")}>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-grid-row--bottom")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <div className={fr.cx("fr-select-group", "fr-mb-0")}>
            <label className={fr.cx("fr-label")} htmlFor="choix-territoire">
              Territoire affiché
            </label>
            <select className={fr.cx("fr-select")} id="choix-territoire" name="departement" defaultValue={courant ?? "national"}>
              <option value="national">France entière</option>
              {departements.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.code} – {d.nom}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <button type="submit" className={fr.cx("fr-btn", "fr-btn--secondary")}>
            Afficher
          </button>
        </div>
      </div>
    </form>
  );
}

/** Said once at the top when any figure of the page is demonstration data. */
export function AvertissementDemonstration({ t }: { t: TableauDeBord }) {
  const demonstration = Object.values(t.indicateurs).some((i) => i.demonstration);
  if (!demonstration) return null;
  return (
    <div className={fr.cx("fr-mb-4w")}>
      <Notice
        title={`${LIBELLE_DONNEES_DEMONSTRATION} : les chiffres marqués ainsi sont inventés pour découvrir l'outil. Ils disparaissent dès que les fichiers réels de leur nature sont importés.`}
      />
    </div>
  );
}

export function SectionTerritoire({ t }: { t: TableauDeBord }) {
  return (
    <section aria-labelledby="titre-territoire" className={fr.cx("fr-mb-6w")}>
      <h2 id="titre-territoire">Territoire</h2>
      <Grille>
        <Chiffre libelle="Population" indicateur={t.indicateurs.population} suffixe="habitants" />
        <Chiffre libelle="Communes" indicateur={t.indicateurs.communes} />
        <Chiffre libelle="EPCI à fiscalité propre" indicateur={t.indicateurs.epci} />
      </Grille>
    </section>
  );
}

/** The beginning of both dashboards: switcher, demonstration notice, territory, places, aidants. */
export function SectionsDuDebut(p: { t: TableauDeBord; departements: DepartementResume[]; courant: string | null; tableaux: TableauDeDonnees[]; base: string }) {
  return (
    <>
      <ChoixDuTerritoire departements={p.departements} courant={p.courant} />
      <AvertissementDemonstration t={p.t} />
      <SectionTerritoire t={p.t} />
      <SectionLieux t={p.t} tableaux={p.tableaux} base={p.base} />
      <SectionAidants t={p.t} />
    </>
  );
}
