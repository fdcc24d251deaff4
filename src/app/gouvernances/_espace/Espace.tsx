import Link from "next/link";
import type { ReactNode } from "react";
import { connexionApplication } from "@/db/connexion-application";
import type { Acteur } from "@/domain/identite/roles";
import {
  cheminDuTerritoire,
  memoriserTerritoire,
  ouvrirTerritoire,
  statistiquesDuTerritoire,
  territoiresAccessibles,
  type DemandeTerritoire,
  type Territoire,
} from "@/services/espace-prefecture";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterNombre } from "@/ui/format";
import { Page } from "@/ui/Page";
import { sessionCourante, urlDuSite } from "../../session";

/*
 * The préfecture space of a territory (PRODUCT §5), shared by the département, région and national
 * pages: the permission policy decides in ouvrirTerritoire(); anyone else reads what the space is
 * and who may open it, never a contact.
 */

export const TITRE_ESPACE = "Gouvernance de l'Inclusion Numérique";

export function libelleDuTerritoire(t: Territoire): string {
  return t.type === "national" ? "Gouvernance - France entière" : `Gouvernance - ${t.nom}`;
}

/** What a person without access reads: what the space is, who opens it, how to get in. */
export function PresentationEspace({ connecte, titre }: { connecte: boolean; titre: string }) {
  return (
    <Page titre={titre}>
      <p className="fr-text--lead">
        L&apos;espace préfecture réunit, pour un territoire, les collectivités et structures qui souhaitent porter ou participer à une feuille de route France Numérique Ensemble,
        leurs contacts et la gouvernance en préparation.
      </p>
      <p>Il est ouvert :</p>
      <ul>
        <li>aux agents de la préfecture de département, pour leur département ;</li>
        <li>aux agents de la préfecture de région, pour les départements de leur région ;</li>
        <li>à l&apos;équipe nationale France Numérique Ensemble (ANCT), pour tout le territoire.</li>
      </ul>
      {connecte ? (
        <p>Votre compte ne donne pas accès à ce territoire. Si vous pensez que c&apos;est une erreur, contactez l&apos;équipe nationale France Numérique Ensemble.</p>
      ) : (
        <p>
          <Link className="fr-btn" href="/connexion">
            Se connecter
          </Link>
        </p>
      )}
      <p className="fr-mt-3w">
        Vous représentez une collectivité ou une structure ? <Link href="/gouvernance">Participez à l&apos;élaboration des feuilles de routes territoriales</Link>.
      </p>
    </Page>
  );
}

/** Opens the territory for the session's person, or says why not (as a page). */
export async function ouvrirPourLaPage(demande: DemandeTerritoire): Promise<{ territoire: Territoire; acteur: Acteur } | { refus: ReactNode }> {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const ouvert = await ouvrirTerritoire({ db, acteur: session?.acteur ?? null, demande });
  if (!ouvert.ok || !session) {
    const titre = ouvert.ok || ouvert.erreur !== "territoireInconnu" ? TITRE_ESPACE : "Territoire inconnu";
    return { refus: <PresentationEspace connecte={session !== null} titre={titre} /> };
  }
  return { territoire: ouvert.valeur, acteur: session.acteur };
}

/** The territories this person may switch to, as a list and a "Afficher" button. */
async function Selecteur({ acteur, territoire }: { acteur: Acteur; territoire: Territoire }) {
  const { db } = await connexionApplication();
  const accessibles = await territoiresAccessibles(db, acteur);
  if (accessibles.length < 2) return null;
  const courant = cheminDuTerritoire(territoire);
  return (
    <form method="get" action="/gouvernances" className="fr-mb-4w">
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="territoire">
          Changer de territoire
        </label>
        <div style={{ display: "flex", gap: "1rem", alignItems: "flex-end", flexWrap: "wrap" }}>
          <select className="fr-select" id="territoire" name="territoire" defaultValue={courant} style={{ maxWidth: "28rem" }}>
            {accessibles.map((t) => (
              <option key={cheminDuTerritoire(t)} value={cheminDuTerritoire(t)}>
                {t.type === "region" ? `Région ${t.nom}` : t.nom}
              </option>
            ))}
          </select>
          <button type="submit" className="fr-btn fr-btn--secondary">
            Afficher
          </button>
        </div>
      </div>
    </form>
  );
}

function Carte({ titre, lignes }: { titre: string; lignes: Array<[string, number]> }) {
  return (
    <div className="fr-col-12 fr-col-md-4">
      <div className="fr-p-3w" style={{ height: "100%", border: "1px solid var(--border-default-grey)" }}>
        <h3 className="fr-text--sm fr-text--bold fr-mb-2w" style={{ textTransform: "uppercase" }}>
          {titre}
        </h3>
        <dl className="fr-mb-0">
          {lignes.map(([libelle, n]) => (
            <div key={libelle} style={{ display: "flex", justifyContent: "space-between", gap: "1rem" }}>
              <dt>{libelle}</dt>
              <dd className="fr-text--bold fr-text--lg fr-mb-0">{formaterNombre(n)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

/** The home of a territory's space: the three counts, the detail, the contacts, the invitation link. */
export async function PageEspace({ demande, etatGouvernance }: { demande: DemandeTerritoire; etatGouvernance?: ReactNode }) {
  const ouvert = await ouvrirPourLaPage(demande);
  if ("refus" in ouvert) return ouvert.refus;
  const { territoire, acteur } = ouvert;
  const { db } = await connexionApplication();
  await memoriserTerritoire(db, acteur, territoire);
  const stats = await statistiquesDuTerritoire(db, territoire);
  const chemin = cheminDuTerritoire(territoire);
  const invitation = new URL("/gouvernance", await urlDuSite()).toString();
  return (
    <Page titre={TITRE_ESPACE} pageCourante={libelleDuTerritoire(territoire)}>
      <Selecteur acteur={acteur} territoire={territoire} />
      <section aria-labelledby="statistiques-titre" className="fr-mb-6w">
        <h2 id="statistiques-titre" className="fr-h4">
          Les acteurs de votre territoire souhaitant porter ou participer à une feuille de route locale France Numérique Ensemble.
        </h2>
        {stats.demonstration && <BadgeDemonstration />}
        <div className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
          <Carte titre="Porteurs d'une feuille de route" lignes={[["Collectivités", stats.porteurs.collectivites]]} />
          <Carte
            titre="Partenaires suggérés"
            lignes={[
              ["Collectivités", stats.partenairesSuggeres.collectivites],
              ["Structures", stats.partenairesSuggeres.structures],
            ]}
          />
          <Carte
            titre="Souhaitent participer"
            lignes={[
              ["Collectivités", stats.souhaitentParticiper.collectivites],
              ["Structures", stats.souhaitentParticiper.structures],
            ]}
          />
        </div>
        <p className="fr-mt-2w">
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={`${chemin}/candidats`}>
            Voir le détail
          </Link>
        </p>
      </section>
      <section aria-labelledby="contacts-titre" className="fr-mb-6w">
        <h2 id="contacts-titre" className="fr-h4">
          Contacts
        </h2>
        <p>Les contacts des collectivités et structures candidates, et ceux des partenaires suggérés par les porteurs.</p>
        <Link className="fr-btn fr-btn--secondary" href={`${chemin}/contacts`}>
          Voir et exporter la liste des contacts
        </Link>
      </section>
      {etatGouvernance}
      <div className="fr-notice fr-notice--info fr-mb-4w">
        <div className="fr-container">
          <div className="fr-notice__body">
            <p className="fr-notice__title">
              Invitez les collectivités et structures de votre territoire à se manifester : partagez-leur ce lien {invitation}
            </p>
          </div>
        </div>
      </div>
    </Page>
  );
}
