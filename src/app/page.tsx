import { Card } from "@codegouvfr/react-dsfr/Card";
import { fr } from "@codegouvfr/react-dsfr";
import { connection } from "next/server";
import { connexionApplication } from "@/db/connexion-application";
import { etatDesLieux } from "@/services/demonstration";
import { chiffresDuReferentiel } from "@/services/territoires";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterDate, formaterNombre } from "@/ui/format";

export default async function Accueil() {
  await connection();
  const { db } = await connexionApplication();
  const [territoires, lieux] = await Promise.all([chiffresDuReferentiel(db), etatDesLieux(db)]);

  return (
    <div className={fr.cx("fr-container", "fr-py-6w")}>
      <h1>Espace France Numérique Ensemble</h1>
      <p className={fr.cx("fr-text--lead")}>
        France Numérique Ensemble est la stratégie nationale d'inclusion numérique. Dans chaque département, la préfecture réunit les
        collectivités et les acteurs de l'inclusion numérique dans une gouvernance, qui s'accorde sur une ou plusieurs feuilles de route
        territoriales et fait remonter ses besoins en ingénierie financière.
      </p>
      <p>
        Cet espace réunit toute la démarche : repérer les acteurs volontaires, les consulter, bâtir la gouvernance et les feuilles de
        route, et fonder le diagnostic sur les données du territoire.
      </p>

      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-my-4w")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Card
            title="Participer à l'élaboration des feuilles de routes territoriales"
            desc="Collectivités, associations, opérateurs : faites connaître à votre préfecture votre souhait de porter ou de participer à une feuille de route."
            linkProps={{ href: "/gouvernance" }}
            enlargeLink
            titleAs="h2"
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Card
            title="Données de l'Inclusion Numérique"
            desc="Les territoires, les lieux d'inclusion numérique et leurs indicateurs, département par département."
            linkProps={{ href: "/donnees" }}
            enlargeLink
            titleAs="h2"
          />
        </div>
      </div>

      <h2>Les territoires en chiffres</h2>
      {territoires ? (
        <>
          <ul>
            <li>{formaterNombre(territoires.effectifs.departements ?? 0)} départements</li>
            <li>{formaterNombre(territoires.effectifs.epci ?? 0)} EPCI à fiscalité propre</li>
            <li>{formaterNombre(territoires.effectifs.communes ?? 0)} communes</li>
            <li>{formaterNombre(territoires.population)} habitants dans ces départements</li>
          </ul>
          <p className={fr.cx("fr-text--sm")}>
            Source : Code officiel géographique {territoires.millesime} (INSEE), chargé le {formaterDate(territoires.importeLe)}.
          </p>
        </>
      ) : (
        <p>Les territoires ne sont pas encore chargés.</p>
      )}
      <p>
        Lieux d'inclusion numérique : <strong>{formaterNombre(lieux.lignes)}</strong>{" "}
        {lieux.provenance === "demonstration" && <BadgeDemonstration />}
      </p>
      {lieux.provenance === "import" && lieux.source && lieux.dateMiseAJour && (
        <p className={fr.cx("fr-text--sm")}>
          Source : {lieux.source}, mise à jour le {formaterDate(lieux.dateMiseAJour)}.
        </p>
      )}
      {lieux.provenance === null && <p className={fr.cx("fr-text--sm")}>Aucune donnée de lieux n'est chargée.</p>}
    </div>
  );
}
