import Link from "next/link";
import type { ReactNode } from "react";
import { CATEGORIES_BESOINS } from "@/domain/besoins/besoins";
import type { SyntheseBesoins, SyntheseItem } from "@/domain/besoins/synthese";
import { BadgeDemonstration } from "../BadgeDemonstration";
import { formaterDate, formaterNombre } from "../format";
import { TelechargementCsvXlsx } from "../TelechargementCsvXlsx";

/*
 * The national synthesis of the besoins en ingénierie financière (PRODUCT §7), as the page
 * /gouvernances/national/besoins shows it: key figures, the downloads, a table per category of the
 * catalogue (one row per item) and a table of the départements with their ranking. Demonstration
 * rows carry the badge; with no need anywhere, one sentence says so.
 */

/** A design-system table whose first cell of each row heads it (scope="row"), with a visible caption. */
function TableauSynthese({ titre, colonnes, lignes }: { titre: string; colonnes: string[]; lignes: Array<{ cle: string; entete: ReactNode; cellules: ReactNode[] }> }) {
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={titre}>
          <div className="fr-table__content">
            <table>
              <caption>{titre}</caption>
              <thead>
                <tr>
                  {colonnes.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lignes.map((l) => (
                  <tr key={l.cle}>
                    <th scope="row">{l.entete}</th>
                    {l.cellules.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function ChiffresCles({ synthese }: { synthese: SyntheseBesoins }) {
  const { chiffres } = synthese;
  const tuiles: Array<[string, string]> = [
    ["Départements ayant renseigné des besoins", formaterNombre(chiffres.departementsAvecBesoins)],
    ["Départements ayant enregistré leur classement", formaterNombre(chiffres.classementsEnregistres)],
    ["Ressources humaines demandées (ETP)", formaterNombre(chiffres.totalEtp)],
    ["Prestations de service demandées", formaterNombre(chiffres.prestations)],
    ["Personnes à former", formaterNombre(chiffres.personnesAFormer)],
  ];
  return (
    <section aria-labelledby="chiffres-titre" className="fr-mb-6w">
      <h2 id="chiffres-titre" className="fr-h4">
        Chiffres clés
      </h2>
      {chiffres.demonstration && (
        <p>
          <BadgeDemonstration /> Ces chiffres comprennent des besoins de démonstration.
        </p>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        {tuiles.map(([libelle, valeur]) => (
          <div key={libelle} className="fr-col-12 fr-col-sm-6 fr-col-md-4">
            <div className="fr-p-3w" style={{ height: "100%", border: "1px solid var(--border-default-grey)" }}>
              <p className="fr-text--sm fr-mb-1w">{libelle}</p>
              <p className="fr-h3 fr-mb-0">{valeur}</p>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

function Telechargements() {
  return (
    <section aria-labelledby="telecharger-titre" className="fr-mb-6w">
      <h2 id="telecharger-titre" className="fr-h4">
        Télécharger les besoins
      </h2>
      <p>Une ligne par département et par besoin ; le fichier XLSX a aussi une feuille « Par besoin » avec la synthèse ci-dessous.</p>
      <TelechargementCsvXlsx csv="/gouvernances/national/besoins.csv" xlsx="/gouvernances/national/besoins.xlsx" />
    </section>
  );
}

const rangMoyen = (i: Pick<SyntheseItem, "rangMoyen" | "departementsAyantClasse">) =>
  i.rangMoyen === null ? "—" : `${formaterNombre(i.rangMoyen)} (${formaterNombre(i.departementsAyantClasse)} classement${i.departementsAyantClasse > 1 ? "s" : ""})`;

function ParBesoin({ synthese }: { synthese: SyntheseBesoins }) {
  const { chiffres } = synthese;
  return (
    <section aria-labelledby="par-besoin-titre" className="fr-mb-6w">
      <h2 id="par-besoin-titre" className="fr-h4">
        Par besoin
      </h2>
      <p>
        Pour chaque besoin : le nombre de départements qui l&apos;ont sélectionné, les ressources humaines (ETP) et les prestations de service demandées, les personnes à former, et le
        rang moyen de sa carte dans les classements enregistrés (1 : la plus prioritaire).
      </p>
      {CATEGORIES_BESOINS.map((categorie) => (
        <TableauSynthese
          key={categorie.id}
          titre={categorie.libelle}
          colonnes={["Besoin", "Départements", "Ressource humaine (ETP)", "Départements avec prestation de service", "Personnes à former", "Rang moyen"]}
          lignes={synthese.items
            .filter((i) => i.categorie === categorie.id)
            .map((i) => ({
              cle: `${i.categorie}.${i.item}`,
              entete: i.libelle,
              cellules: [
                formaterNombre(i.departements),
                categorie.type === "standard" ? formaterNombre(i.totalEtp) : "—",
                categorie.type === "standard" ? formaterNombre(i.departementsAvecPrestation) : "—",
                categorie.type === "formation" ? formaterNombre(i.personnesAFormer) : "—",
                rangMoyen(i),
              ],
            }))}
        />
      ))}
      <p>
        Carte « Ressource humaine » (les ETP de tous les besoins d&apos;un département) : rang moyen{" "}
        {chiffres.rangMoyenRessourceHumaine === null ? "non disponible, aucun classement enregistré ne la comprend" : formaterNombre(chiffres.rangMoyenRessourceHumaine)}.
      </p>
    </section>
  );
}

function ParDepartement({ synthese }: { synthese: SyntheseBesoins }) {
  return (
    <section aria-labelledby="par-departement-titre" className="fr-mb-6w">
      <h2 id="par-departement-titre" className="fr-h4">
        Par département
      </h2>
      <TableauSynthese
        titre="Besoins et classement de chaque département"
        colonnes={["Département", "Besoins", "Ressource humaine (ETP)", "Prestations de service", "Besoins de formation", "Personnes à former", "Classement par priorité"]}
        lignes={synthese.departements.map((d) => ({
          cle: d.code,
          entete: (
            <>
              <Link href={`/gouvernances/departements/${d.code}`}>
                {d.nom} ({d.code})
              </Link>
              {d.demonstration && (
                <>
                  {" "}
                  <BadgeDemonstration />
                </>
              )}
            </>
          ),
          cellules: [
            formaterNombre(d.nombreBesoins),
            formaterNombre(d.totalEtp),
            formaterNombre(d.prestations),
            formaterNombre(d.besoinsDeFormation),
            formaterNombre(d.personnesAFormer),
            d.classementEnregistre ? (
              <>
                {d.classementEnregistreLe && <p className="fr-text--sm fr-mb-1w">Enregistré le {formaterDate(d.classementEnregistreLe)}</p>}
                <ol className="fr-mb-0">
                  {d.classement.map((c) => (
                    <li key={c.cle}>{c.libelle}</li>
                  ))}
                </ol>
              </>
            ) : (
              "Classement non enregistré"
            ),
          ],
        }))}
      />
    </section>
  );
}

/** Everything under the page's title. */
export function SyntheseBesoinsNationale({ synthese }: { synthese: SyntheseBesoins }) {
  return (
    <>
      <p className="fr-text--lead">Les besoins en ingénierie financière exprimés par les préfectures de département, et l&apos;ordre de priorité qu&apos;elles leur ont donné.</p>
      {synthese.chiffres.departementsAvecBesoins === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">Aucun département n&apos;a encore renseigné ses besoins.</p>
        </div>
      ) : (
        <>
          <ChiffresCles synthese={synthese} />
          <Telechargements />
          <ParBesoin synthese={synthese} />
          <ParDepartement synthese={synthese} />
        </>
      )}
    </>
  );
}
