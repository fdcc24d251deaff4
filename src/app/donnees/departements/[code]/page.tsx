import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { LIBELLES_CATEGORIES, type CategorieLieu } from "@/domain/donnees/lieux-standard";
import { SOUS_INDICATEURS_IFN, tableauxDepartement, type IfnCommune, type IfnTerritoire } from "@/domain/donnees/tableau-de-bord";
import { formesActives, lieuxGeolocalises } from "@/services/cartes";
import { jeuxRetenus, tableauDeBordDepartement } from "@/services/tableau-de-bord";
import { listerDepartements } from "@/services/territoires";
import { estimerPublics } from "@/services/diagnostic-publics";
import { CarteIfn } from "@/ui/carte/CarteIfn";
import { Page } from "@/ui/Page";
import { TableauTexte } from "@/ui/TableauTexte";
import { SectionsDuDebut } from "../../_tableau/Entete";
import { LigneSource, ScoresDuTerritoire, SectionsFinales, TableauAvecTelechargement, valeurLisible } from "../../_tableau/Sections";

export const dynamic = "force-dynamic";

type Parametres = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Parametres): Promise<Metadata> {
  const { code } = await params;
  const { db } = await connexionApplication();
  const d = (await listerDepartements(db)).find((x) => x.code === code);
  return { title: d ? `Données de l'Inclusion Numérique — ${d.nom}` : "Département inconnu" };
}

const detailsIfn = (s: IfnCommune | IfnTerritoire, population?: number | null) => [
  ...(population != null ? [{ libelle: "Population", valeur: valeurLisible(population) }] : []),
  ...SOUS_INDICATEURS_IFN.map((x) => ({ libelle: x.libelle, valeur: s[x.cle] === null ? "Non disponible" : `${valeurLisible(s[x.cle])} sur 10` })),
];

export default async function DonneesDepartement({ params, searchParams }: Parametres) {
  const { code } = await params;
  const niveau = (await searchParams).carte === "epci" ? "epci" : "communes";
  const { db } = await connexionApplication();
  const resultat = await tableauDeBordDepartement(db, code);
  if (!resultat.ok) notFound();
  const t = resultat.valeur;
  const base = `/donnees/departements/${t.territoire.code}`;
  const tableaux = tableauxDepartement(t);
  const diagnostic = await estimerPublics(db, { codeDepartement: t.territoire.code });
  const [departements, formes, jeuxLieux] = await Promise.all([listerDepartements(db), formesActives(db, niveau, t.territoire.code), jeuxRetenus(db, ["lieux", "data-inclusion"])]);
  const lieux = await lieuxGeolocalises(db, t.territoire.code, jeuxLieux.map((j) => j.id), t.versionDonnees);
  const parCode = new Map<string, IfnCommune | IfnTerritoire>((niveau === "communes" ? t.ifn.communes : t.ifn.epci).map((c) => [c.code, c]));
  const tableauIfn = tableaux.find((x) => x.id === (niveau === "communes" ? "ifn-communes" : "ifn-epci"));
  const titre = `Données de l'Inclusion Numérique — ${t.territoire.nom} (${t.territoire.code})`;

  return (
    <Page titre={titre} pageCourante={t.territoire.nom} filAriane={[{ libelle: "Données de l'Inclusion Numérique", chemin: "/donnees/national" }]}>
      <SectionsDuDebut t={t} departements={departements} courant={t.territoire.code} tableaux={tableaux} base={base} />

      <section aria-labelledby="titre-ifn" className={fr.cx("fr-mb-6w")}>
        <h2 id="titre-ifn">Indice de fragilité numérique</h2>
        <ScoresDuTerritoire t={t} libelle="Indice du département (1 à 10)" />
        <nav aria-label="Échelle de la carte" className={fr.cx("fr-my-2w")}>
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm")}>
            <li>
              <Link className={fr.cx("fr-btn", niveau === "communes" ? undefined : "fr-btn--secondary")} href={base} aria-current={niveau === "communes" ? "page" : undefined}>
                Communes
              </Link>
            </li>
            <li>
              <Link className={fr.cx("fr-btn", niveau === "epci" ? undefined : "fr-btn--secondary")} href={`${base}?carte=epci`} aria-current={niveau === "epci" ? "page" : undefined}>
                EPCI
              </Link>
            </li>
          </ul>
        </nav>
        {formes === null ? (
          <p>
            Aucun contour {niveau === "communes" ? "de commune" : "d'EPCI"} n&apos;est importé : la carte s&apos;affichera quand l&apos;équipe
            nationale aura importé la géométrie (<code>npm run cli -- donnees:importer geometrie &lt;fichier&gt; --niveau {niveau}</code>). Les
            données sont dans les tableaux ci-dessous.
          </p>
        ) : (
          <>
            <CarteIfn
              titre={`Indice de fragilité numérique des ${niveau === "communes" ? "communes" : "EPCI"} — ${t.territoire.nom}${lieux.length ? ", et les lieux d'inclusion numérique" : ""}`}
              idTableau="tableau-ifn"
              cleCache={`${formes.jeu}|${niveau}|${t.territoire.code}|${jeuxLieux.map((j) => j.id).join(",")}|${lieux.length}|${t.versionDonnees}`}
              zones={formes.formes.map((f) => {
                const s = parCode.get(f.code);
                return {
                  code: f.code,
                  nom: s?.nom ?? f.nom ?? f.code,
                  anneaux: f.anneaux,
                  score: s?.score ?? null,
                  details: s ? detailsIfn(s, "population" in s ? s.population : null) : [],
                };
              })}
              points={lieux}
            />
            <LigneSource provenance={{ source: `contours : ${formes.source}`, dateMiseAJour: formes.dateMiseAJour, demonstration: false }} />
          </>
        )}
        <div id="tableau-ifn" tabIndex={-1} className={fr.cx("fr-mt-3w")}>
          {tableauIfn && <TableauAvecTelechargement tableau={tableauIfn} base={base} />}
          <LigneSource provenance={t.ifn} />
        </div>
        {lieux.length > 0 && (
          <details className={fr.cx("fr-mt-3w")}>
            <summary>Les {valeurLisible(lieux.length)} lieux géolocalisés du département</summary>
            <TableauTexte
              titre={`Lieux d'inclusion numérique géolocalisés — ${t.territoire.nom}`}
              colonnes={["Lieu", "Commune", "Typologie"]}
              lignes={lieux.map((l) => [l.nom, l.commune, LIBELLES_CATEGORIES[l.categorie as CategorieLieu] ?? l.categorie])}
            />
          </details>
        )}
      </section>

      <SectionsFinales diagnostic={diagnostic.ok ? diagnostic.valeur : null} tableaux={tableaux} base={base} api={`/api/v1/donnees/departements/${t.territoire.code}`} />
    </Page>
  );
}
