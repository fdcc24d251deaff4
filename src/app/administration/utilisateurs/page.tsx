import type { Metadata } from "next";
import Link from "next/link";
import { connexionApplication } from "@/db/connexion-application";
import { LIBELLES_ROLES, ROLES, estRole } from "@/domain/identite/roles";
import { nommerPerimetres } from "@/services/territoires";
import { listerDemandesAcces, listerUtilisateurs } from "@/services/utilisateurs";
import { formaterDate } from "@/ui/format";
import { Page } from "@/ui/Page";
import { Tableau } from "@/ui/Tableau";
import { sessionCourante } from "../../session";
import { pageRefusee } from "../refus";

export const metadata: Metadata = { title: "Utilisateurs" };

type Parametres = { q?: string; role?: string; page?: string };

function adresse(parametres: { q?: string; role?: string; page?: number }) {
  const recherche = new URLSearchParams();
  if (parametres.q) recherche.set("q", parametres.q);
  if (parametres.role) recherche.set("role", parametres.role);
  if (parametres.page && parametres.page > 1) recherche.set("page", String(parametres.page));
  const texte = recherche.toString();
  return `/administration/utilisateurs${texte ? `?${texte}` : ""}`;
}

export default async function Utilisateurs({ searchParams }: { searchParams: Promise<Parametres> }) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const parametres = await searchParams;
  const q = typeof parametres.q === "string" ? parametres.q.slice(0, 100) : "";
  const role = typeof parametres.role === "string" && estRole(parametres.role) ? parametres.role : "";
  const resultat = await listerUtilisateurs({ db, acteur: session?.acteur ?? null, recherche: q, role, page: Number(parametres.page) || 1 });
  if (!resultat.ok) return pageRefusee(resultat.erreur, "Utilisateurs");
  const demandes = await listerDemandesAcces({ db, acteur: session?.acteur ?? null });
  const { utilisateurs, total, page, pages } = resultat.valeur;
  const noms = await nommerPerimetres(db, utilisateurs.flatMap((u) => u.perimetres));
  const nomDe = new Map(noms.map((n) => [`${n.type}:${n.code}`, n.nom]));

  return (
    <Page titre="Utilisateurs" filAriane={[{ libelle: "Administration", chemin: "/administration" }]}>
      <p>
        <Link className="fr-btn fr-icon-user-add-line fr-btn--icon-left" href="/administration/utilisateurs/inviter">
          Inviter un utilisateur
        </Link>
      </p>

      {demandes.ok && demandes.valeur.length > 0 && (
        <section className="fr-mb-5w">
          <h2 className="fr-h4">Demandes d&apos;accès en attente ({demandes.valeur.length})</h2>
          <ul>
            {demandes.valeur.map((d) => {
              const qui = [d.prenom, d.nom].filter(Boolean).join(" ");
              const inviter = new URLSearchParams({ email: d.email, ...(d.prenom ? { prenom: d.prenom } : {}), ...(d.nom ? { nom: d.nom } : {}) });
              return (
                <li key={d.id} className="fr-mb-2w">
                  <strong>{qui || d.email}</strong> ({d.email}
                  {d.siret ? `, SIRET ${d.siret}` : ""}), le {formaterDate(d.demandeeLe)}
                  {d.message && <blockquote className="fr-text--sm fr-mb-1w">{d.message}</blockquote>}{" "}
                  <Link href={`/administration/utilisateurs/inviter?${inviter.toString()}`}>Attribuer un accès à {qui || d.email}</Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <form method="get" action="/administration/utilisateurs" className="fr-mb-3w" role="search" aria-label="Rechercher des utilisateurs">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="recherche">
                Rechercher
                <span className="fr-hint-text">Adresse e-mail, prénom ou nom</span>
              </label>
              <input className="fr-input" id="recherche" name="q" type="search" defaultValue={q} maxLength={100} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="filtre-role">
                Rôle
              </label>
              <select className="fr-select" id="filtre-role" name="role" defaultValue={role}>
                <option value="">Tous les rôles</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {LIBELLES_ROLES[r]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <button className="fr-btn" type="submit">
              Rechercher
            </button>
          </div>
        </div>
      </form>

      <p role="status">
        {total === 0 ? "Aucun utilisateur ne correspond à cette recherche." : `${total} utilisateur${total > 1 ? "s" : ""}${pages > 1 ? ` — page ${page} sur ${pages}` : ""}`}
      </p>
      {utilisateurs.length > 0 && (
        <Tableau
          titre="Utilisateurs"
          colonnes={["Utilisateur", "Rôle", "Périmètre", "État", "Dernière connexion"]}
          lignes={utilisateurs.map((u) => ({
            cle: u.id,
            cellules: [
              <>
                <Link href={`/administration/utilisateurs/${u.id}`}>{u.email}</Link>
                {(u.prenom || u.nom) && <span className="fr-hint-text">{[u.prenom, u.nom].filter(Boolean).join(" ")}</span>}
              </>,
              LIBELLES_ROLES[u.role],
              u.perimetres.map((p) => `${nomDe.get(`${p.type}:${p.code}`) ?? p.code} (${p.code})`).join(", ") || "National",
              u.actif ? "Actif" : "Désactivé",
              u.derniereConnexion ? formaterDate(u.derniereConnexion) : "Jamais",
            ],
          }))}
        />
      )}
      {pages > 1 && (
        <nav role="navigation" className="fr-pagination" aria-label="Pagination">
          <ul className="fr-pagination__list">
            <li>
              {page > 1 ? (
                <Link className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={adresse({ q, role, page: page - 1 })}>
                  Page précédente
                </Link>
              ) : (
                <a className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">
                  Page précédente
                </a>
              )}
            </li>
            <li>
              {page < pages ? (
                <Link className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={adresse({ q, role, page: page + 1 })}>
                  Page suivante
                </Link>
              ) : (
                <a className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">
                  Page suivante
                </a>
              )}
            </li>
          </ul>
        </nav>
      )}
    </Page>
  );
}
