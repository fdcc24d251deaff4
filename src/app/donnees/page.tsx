import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Page } from "@/ui/Page";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { connection } from "next/server";
import { connexionApplication } from "@/db/connexion-application";
import { lieuxParDepartement } from "@/services/demonstration";
import { chiffresDuReferentiel, listerDepartements } from "@/services/territoires";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterDate, formaterNombre } from "@/ui/format";

export const metadata: Metadata = { title: "Données de l'Inclusion Numérique" };

export default async function Donnees() {
  await connection();
  const { db } = await connexionApplication();
  const [departements, territoires, lieux] = await Promise.all([listerDepartements(db), chiffresDuReferentiel(db), lieuxParDepartement(db)]);

  return (
    <Page titre="Données de l'Inclusion Numérique">
      <p className={fr.cx("fr-text--lead")}>Les territoires de France et leurs lieux d&apos;inclusion numérique, département par département.</p>
      {lieux.provenance === "demonstration" && (
        <p>
          <BadgeDemonstration /> Les nombres de lieux de cette page sont fictifs : ils servent à découvrir l&apos;outil.
        </p>
      )}
      <Table
        caption="Les 101 départements"
        headers={["Code", "Département", "Population", "Communes", "EPCI", "Lieux d'inclusion numérique"]}
        data={departements.map((d) => [
          d.code,
          d.nom,
          formaterNombre(d.population),
          formaterNombre(d.communes),
          formaterNombre(d.epci),
          lieux.provenance === null ? "Non disponible" : formaterNombre(lieux.parDepartement.get(d.code) ?? 0),
        ])}
        fixed
      />
      {territoires && (
        <p className={fr.cx("fr-text--sm")}>
          Territoires et population : Code officiel géographique {territoires.millesime} (INSEE), chargé le {formaterDate(territoires.importeLe)}.
          {lieux.provenance === "import" && lieux.source && lieux.dateMiseAJour
            ? ` Lieux : ${lieux.source}, mise à jour le ${formaterDate(lieux.dateMiseAJour)}.`
            : ""}
        </p>
      )}
    </Page>
  );
}
