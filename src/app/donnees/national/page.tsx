import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { connexionApplication } from "@/db/connexion-application";
import { tableauxNational } from "@/domain/donnees/tableau-de-bord";
import { formesActives } from "@/services/cartes";
import { tableauDeBordNational } from "@/services/tableau-de-bord";
import { listerDepartements } from "@/services/territoires";
import { estimerPublics } from "@/services/diagnostic-publics";
import { CarteIfn } from "@/ui/carte/CarteIfn";
import { Page } from "@/ui/Page";
import { SectionsDuDebut } from "../_tableau/Entete";
import { LigneSource, ScoresDuTerritoire, SectionsFinales, TableauAvecTelechargement, valeurLisible } from "../_tableau/Sections";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Données de l'Inclusion Numérique — France entière" };

export default async function DonneesNational() {
  const { db } = await connexionApplication();
  const t = await tableauDeBordNational(db);
  const base = "/donnees/national";
  const tableaux = tableauxNational(t);
  const diagnostic = await estimerPublics(db, { codeDepartement: null });
  const [departements, formes] = await Promise.all([listerDepartements(db), formesActives(db, "departements", null)]);
  const parCode = new Map(t.departements.map((d) => [d.code, d]));
  const tableauDepartements = tableaux.find((x) => x.id === "departements");

  return (
    <Page titre="Données de l'Inclusion Numérique — France entière" pageCourante="France entière" filAriane={[{ libelle: "Données de l'Inclusion Numérique", chemin: "/donnees/national" }]}>
      <p className={fr.cx("fr-text--lead")}>Les territoires, leurs lieux d&apos;inclusion numérique, leurs aidants et leur fragilité numérique.</p>
      <SectionsDuDebut t={t} departements={departements} courant={null} tableaux={tableaux} base={base} />

      <section aria-labelledby="titre-ifn" className={fr.cx("fr-mb-6w")}>
        <h2 id="titre-ifn">Indice de fragilité numérique</h2>
        <ScoresDuTerritoire t={t} libelle="Indice de la France (1 à 10)" />
        {formes === null ? (
          <p>
            Aucun contour de département n&apos;est importé : la carte s&apos;affichera quand l&apos;équipe nationale aura importé la géométrie
            (<code>npm run cli -- donnees:importer geometrie &lt;fichier&gt; --niveau departements</code>). Les données sont dans le tableau
            ci-dessous.
          </p>
        ) : (
          <>
            <CarteIfn
              titre="Indice de fragilité numérique des départements (moyenne des communes pondérée par la population)"
              idTableau="tableau-departements"
              cleCache={`${formes.jeu}|departements|national|${t.versionDonnees}`}
              encartsOutreMer
              zones={formes.formes.flatMap((f) => {
                const d = parCode.get(f.code);
                if (!d) return [];
                return [
                  {
                    code: f.code,
                    nom: `${d.nom} (${d.code})`,
                    anneaux: f.anneaux,
                    score: d.ifn?.score ?? null,
                    lien: `/donnees/departements/${d.code}`,
                    details: [
                      { libelle: "Population", valeur: valeurLisible(d.population) },
                      { libelle: "Lieux d'inclusion numérique", valeur: valeurLisible(d.lieux) },
                      { libelle: "Lieux pour 10 000 habitants", valeur: valeurLisible(d.lieuxPour10000Habitants) },
                    ],
                  },
                ];
              })}
            />
            <LigneSource provenance={{ source: `contours : ${formes.source}`, dateMiseAJour: formes.dateMiseAJour, demonstration: false }} />
          </>
        )}
        <div id="tableau-departements" tabIndex={-1} className={fr.cx("fr-mt-3w")}>
          {tableauDepartements && <TableauAvecTelechargement tableau={tableauDepartements} base={base} />}
          <LigneSource provenance={t.ifn} />
        </div>
      </section>

      <SectionsFinales diagnostic={diagnostic.ok ? diagnostic.valeur : null} tableaux={tableaux} base={base} api={"/api/v1/donnees/national"} />
    </Page>
  );
}
