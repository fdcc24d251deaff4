import type { Metadata } from "next";
import { connexionApplication } from "@/db/connexion-application";
import { campagnesPourAdministration } from "@/services/campagnes";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../session";
import { pageRefusee } from "../refus";
import { creerUneCampagne, prolongerUnDepartement } from "./actions";

export const metadata: Metadata = { title: "Campagnes" };

const TITRE = "Campagnes";
const jour = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

/** PRODUCT §10: the campaigns (name, opening, closing) and the extensions given to départements. */
export default async function Campagnes({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await campagnesPourAdministration({ db, acteur: session?.acteur ?? null });
  if (!resultat.ok) return pageRefusee(resultat.erreur, TITRE);
  const parametres = await searchParams;
  const succes = typeof parametres.succes === "string" ? parametres.succes.slice(0, 300) : null;
  const erreur = typeof parametres.erreur === "string" ? parametres.erreur.slice(0, 300) : null;
  const campagnes = resultat.valeur;
  return (
    <Page titre={TITRE} filAriane={[{ libelle: "Administration", chemin: "/administration" }]}>
      <p>
        Les préfectures rédigent et déposent leur gouvernance entre l&apos;ouverture et la clôture de la campagne en cours (la dernière ouverte) ; le serveur refuse toute
        modification après la clôture, ou après la prolongation accordée au département.
      </p>
      {succes && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{succes}</p>
        </div>
      )}
      {erreur && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      {campagnes.length === 0 ? (
        <p>Aucune campagne : les préfectures rédigent sans date limite. Créez la première ci-dessous.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>Campagnes, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Ouverture</th>
                <th scope="col">Clôture</th>
                <th scope="col">Prolongations</th>
              </tr>
            </thead>
            <tbody>
              {campagnes.map((c) => (
                <tr key={c.id}>
                  <td>{c.nom}</td>
                  <td>{jour(c.ouverture)}</td>
                  <td>{jour(c.cloture)}</td>
                  <td>{c.prolongations.length === 0 ? "Aucune" : c.prolongations.map((p) => `${p.code} : ${jour(p.jusquau)}`).join(" ; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="fr-h4 fr-mt-5w">Nouvelle campagne</h2>
      <form action={creerUneCampagne}>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="campagne-nom">
            Nom *
          </label>
          <input className="fr-input" id="campagne-nom" name="nom" required maxLength={120} />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="campagne-ouverture">
            Ouverture *<span className="fr-hint-text">Le premier jour de la campagne (heure de Paris).</span>
          </label>
          <input className="fr-input" type="date" id="campagne-ouverture" name="ouverture" required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="campagne-cloture">
            Clôture *<span className="fr-hint-text">Le dernier jour où les préfectures peuvent modifier leur proposition.</span>
          </label>
          <input className="fr-input" type="date" id="campagne-cloture" name="cloture" required />
        </div>
        <button type="submit" className="fr-btn">
          Créer la campagne
        </button>
      </form>

      {campagnes.length > 0 && (
        <>
          <h2 className="fr-h4 fr-mt-5w">Prolonger un département</h2>
          <form action={prolongerUnDepartement}>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="prolongation-campagne">
                Campagne *
              </label>
              <select className="fr-select" id="prolongation-campagne" name="campagne" required>
                {campagnes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.nom}
                  </option>
                ))}
              </select>
            </div>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="prolongation-departement">
                Code du département *<span className="fr-hint-text">Exemples : 01, 2A, 58, 971.</span>
              </label>
              <input className="fr-input" id="prolongation-departement" name="departement" required maxLength={3} />
            </div>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="prolongation-jusquau">
                Modifiable jusqu&apos;au *
              </label>
              <input className="fr-input" type="date" id="prolongation-jusquau" name="jusquau" required />
            </div>
            <button type="submit" className="fr-btn fr-btn--secondary">
              Enregistrer la prolongation
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
