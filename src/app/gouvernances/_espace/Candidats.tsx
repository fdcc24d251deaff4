import Link from "next/link";
import { connexionApplication } from "@/db/connexion-application";
import { LIBELLES_MANIFESTATION, LIBELLES_TYPOLOGIE } from "@/domain/exports/contacts";
import { TYPES_CANDIDAT } from "@/domain/candidatures/personas";
import { cheminDuTerritoire, estContenuPorter, listerCandidats, lireFiltresCandidats, type DemandeTerritoire, type FicheCandidat } from "@/services/espace-prefecture";
import type { Contact, PartenaireEnvoye } from "@/services/manifestations";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterDate, formaterNombre } from "@/ui/format";
import { Page } from "@/ui/Page";
import { Pagination } from "@/ui/Pagination";
import { libelleDuTerritoire, ouvrirPourLaPage } from "./Espace";

/*
 * "Candidats à la gouvernance": the porteurs (with their partners), then the collectivités and the
 * structures that wish to participate; filters and search in the address, so a view can be shared.
 */

const PARTENAIRES_AFFICHES = 50;

function Contact({ titre, c }: { titre: string; c: Contact }) {
  return (
    <li>
      {titre} : {c.prenom} {c.nom}, {c.fonction} — <a href={`mailto:${c.email}`}>{c.email}</a>
    </li>
  );
}

function Partenaires({ titre, liste }: { titre: string; liste: PartenaireEnvoye[] }) {
  if (liste.length === 0) return null;
  const visibles = liste.slice(0, PARTENAIRES_AFFICHES);
  return (
    <>
      <h4 className="fr-text--md fr-text--bold fr-mb-1w fr-mt-2w">
        {titre} ({formaterNombre(liste.length)})
      </h4>
      <ul>
        {visibles.map((p) => (
          <li key={p.cle}>
            {p.nom}
            {p.type !== "structure" ? ` (${LIBELLES_TYPOLOGIE[p.type] ?? p.type}${p.horsTerritoire ? ", hors territoire" : ""})` : ""}
            {p.contact ? (
              <>
                {" "}
                — {p.contact.prenom} {p.contact.nom}, {p.contact.fonction}, <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
              </>
            ) : (
              <span className="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">Contact à compléter</span>
            )}
          </li>
        ))}
        {liste.length > visibles.length && <li>… et {formaterNombre(liste.length - visibles.length)} autres : voir la liste des contacts.</li>}
      </ul>
    </>
  );
}

function Fiche({ f }: { f: FicheCandidat }) {
  const c = f.contenu;
  const porteur = estContenuPorter(c) ? c : null;
  return (
    <article className="fr-p-3w fr-mb-3w" style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby={`fiche-${f.formulaireId}`}>
      <h3 className="fr-h5 fr-mb-1w" id={`fiche-${f.formulaireId}`}>
        {f.nom}
      </h3>
      <p className="fr-mb-1w">
        <span className={`fr-badge fr-badge--sm fr-mr-1w ${f.manifestation === "porteur" ? "fr-badge--yellow-tournesol" : "fr-badge--blue-ecume"}`}>{LIBELLES_MANIFESTATION[f.manifestation]}</span>
        <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-mr-1w">{LIBELLES_TYPOLOGIE[f.type] ?? f.type}</span>
        {f.demonstration && <BadgeDemonstration />}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        Déposé le {formaterDate(f.deposeLe)}
        {f.code ? ` · ${f.type === "structure" ? "SIRET" : "Code officiel"} : ${f.code}` : ""}
      </p>
      {c && (
        <ul>
          {"contactPolitique" in c && <Contact titre="Contact politique" c={c.contactPolitique} />}
          {"contactTechnique" in c && c.contactTechnique && <Contact titre="Contact technique" c={c.contactTechnique} />}
          {"contactStructure" in c && <Contact titre="Contact de la structure" c={c.contactStructure} />}
        </ul>
      )}
      {porteur && (
        <>
          <p className="fr-text--sm">Schéma ou gouvernance locale : {porteur.gouvernanceLocale ?? "non renseigné"}</p>
          {porteur.contactsManquants > 0 && (
            <p className="fr-badge fr-badge--warning fr-badge--sm">
              Formulaire incomplet : {porteur.contactsManquants} contact{porteur.contactsManquants > 1 ? "s" : ""} de partenaire manquant{porteur.contactsManquants > 1 ? "s" : ""}
            </p>
          )}
          <Partenaires titre="Collectivités partenaires suggérées" liste={porteur.partenaires.filter((p) => p.type !== "structure")} />
          <Partenaires titre="Structures partenaires suggérées" liste={porteur.partenaires.filter((p) => p.type === "structure")} />
        </>
      )}
    </article>
  );
}

export async function PageCandidats({ demande, recherche }: { demande: DemandeTerritoire; recherche: Record<string, string | undefined> }) {
  const ouvert = await ouvrirPourLaPage(demande);
  if ("refus" in ouvert) return ouvert.refus;
  const { territoire } = ouvert;
  const { db } = await connexionApplication();
  const filtres = lireFiltresCandidats(recherche);
  const page = Number.parseInt(recherche.page ?? "1", 10) || 1;
  const resultat = await listerCandidats({ db, territoire, filtres, page });
  const chemin = cheminDuTerritoire(territoire);
  const filtre = Object.keys(filtres).length > 0;
  const parametres = new URLSearchParams(Object.entries(recherche).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "page" && e[1] !== ""));
  return (
    <Page titre="Candidats à la gouvernance" filAriane={[{ libelle: libelleDuTerritoire(territoire), chemin }]}>
      <form method="get" className="fr-mb-4w" aria-label="Filtrer les candidats">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="filtre-type">
                Type
              </label>
              <select className="fr-select" id="filtre-type" name="type" defaultValue={filtres.type ?? ""}>
                <option value="">Tous</option>
                {TYPES_CANDIDAT.map((t) => (
                  <option key={t} value={t}>
                    {LIBELLES_TYPOLOGIE[t]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="filtre-manifestation">
                Manifestation d&apos;intérêt
              </label>
              <select className="fr-select" id="filtre-manifestation" name="manifestation" defaultValue={filtres.manifestation ?? ""}>
                <option value="">Toutes</option>
                <option value="porteur">{LIBELLES_MANIFESTATION.porteur}</option>
                <option value="participant">{LIBELLES_MANIFESTATION.participant}</option>
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="filtre-depuis">
                Déposé depuis le
              </label>
              <input className="fr-input" type="date" id="filtre-depuis" name="depuis" defaultValue={recherche.depuis ?? ""} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="filtre-recherche">
                Rechercher
                <span className="fr-hint-text">Nom ou code officiel</span>
              </label>
              <input className="fr-input" type="search" id="filtre-recherche" name="recherche" maxLength={100} defaultValue={filtres.recherche ?? ""} />
            </div>
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
          <li>
            <button type="submit" className="fr-btn">
              Filtrer
            </button>
          </li>
          {filtre && (
            <li>
              <Link className="fr-btn fr-btn--tertiary" href={`${chemin}/candidats`}>
                Effacer les filtres
              </Link>
            </li>
          )}
        </ul>
      </form>
      <p role="status" className="fr-text--bold">
        {resultat.total === 0 ? "" : `${formaterNombre(resultat.total)} candidature${resultat.total > 1 ? "s" : ""}`}
      </p>
      {resultat.total === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">{filtre ? "Aucun candidat ne correspond à ces filtres." : "Aucun acteur de votre territoire ne s'est manifesté"}</p>
          {!filtre && <p>Partagez le lien d&apos;invitation de la page du territoire aux collectivités et structures.</p>}
        </div>
      ) : (
        resultat.fiches.map((f) => <Fiche key={f.formulaireId} f={f} />)
      )}
      <Pagination page={resultat.page} pages={resultat.pages} lien={(n) => `${chemin}/candidats?${new URLSearchParams([...parametres, ["page", String(n)]]).toString()}`} libelle="Pagination des candidats" />
      <p className="fr-mt-4w">
        <Link className="fr-link" href={`${chemin}/contacts`}>
          Voir et exporter la liste des contacts
        </Link>
      </p>
    </Page>
  );
}
