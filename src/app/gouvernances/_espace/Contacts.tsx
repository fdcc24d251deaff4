import Link from "next/link";
import { connexionApplication } from "@/db/connexion-application";
import { COLONNES_CONTACTS, LIBELLES_MANIFESTATION, valeursDeContact } from "@/domain/exports/contacts";
import { cheminDuTerritoire, pageDeContacts, TRIS_CONTACTS, type DemandeTerritoire, type TriContacts } from "@/services/espace-prefecture";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterNombre } from "@/ui/format";
import { Page } from "@/ui/Page";
import { Pagination } from "@/ui/Pagination";
import { Tableau } from "@/ui/Tableau";
import { libelleDuTerritoire, ouvrirPourLaPage } from "./Espace";
import { TelechargementCsvXlsx } from "@/ui/TelechargementCsvXlsx";

/*
 * "Voir et exporter la liste des contacts": the 11 columns of the export in a table sorted by a
 * column header (aria-sort), paginated, filtered by manifestation; the downloads stream the same
 * lines (CSV with the separator chosen, XLSX).
 */

const COULEURS: Record<string, string> = { porteur: "fr-badge--yellow-tournesol", partenaire: "fr-badge--purple-glycine", participant: "fr-badge--blue-ecume" };

/** The sortable columns, by their index among the 11. */
const TRI_DE_COLONNE: Partial<Record<number, TriContacts>> = { 0: "date", 1: "organisation", 2: "typologie", 3: "manifestation", 5: "contact", 8: "email" };

export async function PageContacts({ demande, recherche }: { demande: DemandeTerritoire; recherche: Record<string, string | undefined> }) {
  const ouvert = await ouvrirPourLaPage(demande);
  if ("refus" in ouvert) return ouvert.refus;
  const { territoire } = ouvert;
  const { db } = await connexionApplication();
  const tri: TriContacts = (TRIS_CONTACTS as readonly string[]).includes(recherche.tri ?? "") ? (recherche.tri as TriContacts) : "date";
  const sens = recherche.sens === "asc" ? "asc" : recherche.sens === "desc" ? "desc" : tri === "date" ? "desc" : "asc";
  const manifestation = recherche.manifestation && recherche.manifestation in LIBELLES_MANIFESTATION ? recherche.manifestation : undefined;
  const resultat = await pageDeContacts({ db, territoire, tri, sens, page: Number.parseInt(recherche.page ?? "1", 10) || 1, manifestation });
  const chemin = cheminDuTerritoire(territoire);
  const adresse = (changements: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const valeurs = { tri, sens, manifestation, ...changements };
    for (const [k, v] of Object.entries(valeurs)) if (v) p.set(k, v);
    return `${chemin}/contacts?${p.toString()}`;
  };
  const demonstration = resultat.lignes.some((l) => l.demonstration);
  return (
    <Page titre="Liste des contacts" filAriane={[{ libelle: libelleDuTerritoire(territoire), chemin }]}>
      <section aria-labelledby="telecharger-titre" className="fr-mb-4w">
        <h2 id="telecharger-titre" className="fr-h5">
          Télécharger les {formaterNombre(resultat.total)} contacts
        </h2>
        <TelechargementCsvXlsx csv={`${chemin}/contacts.csv`} xlsx={`${chemin}/contacts.xlsx`} />
      </section>

      <form method="get" className="fr-mb-3w" aria-label="Filtrer les contacts">
        <input type="hidden" name="tri" value={tri} />
        <input type="hidden" name="sens" value={sens} />
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="filtre-manifestation">
            Manifestation d&apos;intérêt
          </label>
          <div style={{ display: "flex", gap: "1rem", alignItems: "flex-end", flexWrap: "wrap" }}>
            <select className="fr-select" id="filtre-manifestation" name="manifestation" defaultValue={manifestation ?? ""} style={{ maxWidth: "24rem" }}>
              <option value="">Toutes</option>
              {Object.entries(LIBELLES_MANIFESTATION).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
            <button type="submit" className="fr-btn fr-btn--secondary">
              Filtrer
            </button>
          </div>
        </div>
      </form>

      {demonstration && <BadgeDemonstration />}
      {resultat.total === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">{manifestation ? "Aucun contact pour ce filtre." : "Aucun acteur de votre territoire ne s'est manifesté"}</p>
        </div>
      ) : (
        <Tableau
          titre={`Contacts — page ${resultat.page} sur ${resultat.pages}`}
          colonnes={COLONNES_CONTACTS.map((titre, i) => {
            const cle = TRI_DE_COLONNE[i];
            if (!cle) return titre;
            const actif = cle === tri;
            const suivant = actif && sens === "asc" ? "desc" : actif ? "asc" : cle === "date" ? "desc" : "asc";
            return {
              libelle: titre,
              tri: actif ? (sens === "asc" ? "ascending" : "descending") : "none",
              contenu: (
                <Link href={adresse({ tri: cle, sens: suivant, page: undefined })}>
                  {titre}
                  <span className="fr-sr-only">, trier {suivant === "asc" ? "par ordre croissant" : "par ordre décroissant"}</span>
                  {actif ? (sens === "asc" ? " ▲" : " ▼") : ""}
                </Link>
              ),
            };
          })}
          lignes={resultat.lignes.map((l) => ({
            cle: l.id,
            cellules: valeursDeContact(l).map((v, i) => (i === 3 ? <span className={`fr-badge fr-badge--sm ${COULEURS[l.manifestation] ?? ""}`}>{v}</span> : v)),
          }))}
        />
      )}
      <Pagination page={resultat.page} pages={resultat.pages} lien={(n) => adresse({ page: String(n) })} libelle="Pagination des contacts" />
    </Page>
  );
}
