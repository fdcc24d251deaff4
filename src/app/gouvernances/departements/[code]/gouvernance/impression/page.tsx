import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { connexionApplication } from "@/db/connexion-application";
import { SECTIONS, TITRES_SECTIONS, type ContenusGouvernance, type Section } from "@/domain/gouvernance/formulaire";
import { htmlDeLaNote, lireNote } from "@/domain/gouvernance/note";
import { contenuPublic } from "@/domain/gouvernance/publique";
import { ouvrirGouvernance, referentielPerimetre } from "@/services/gouvernance";
import { etatEtDatesDeLaGouvernance } from "@/services/gouvernance-publique";
import { Page } from "@/ui/Page";
import { Tableau } from "@/ui/Tableau";
import { sessionCourante } from "../../../../../session";
import { PresentationEspace } from "../../../../_espace/Espace";
import { BoutonImprimer } from "./BoutonImprimer";
import styles from "./impression.module.css";

export const metadata: Metadata = { title: "Proposition de gouvernance — version imprimable" };

const TITRE = "Proposition de gouvernance";
const dateEnFrancais = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
const LIBELLES_ROLES = { coPorteur: "Co-porteur de la gouvernance", porteur: "Porteur d'une feuille de route", "coPorteur et porteur": "Co-porteur et porteur d'une feuille de route" } as const;

const NonRenseigne = () => <p className="fr-text--sm">Non renseigné.</p>;

/**
 * PRODUCT §6: the whole proposal of a département on one page, for its préfecture, its région and
 * the national team (the same access as the editing page), to print or save as PDF — every
 * section, the sous-préfet's contact and the note de contexte included.
 */
export default async function ImpressionGouvernance({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const ouverte = await ouvrirGouvernance({ db, acteur: session?.acteur ?? null, code });
  if (!ouverte.ok) {
    if (ouverte.erreur === "nonConnecte" || ouverte.erreur === "nonAutorise") return <PresentationEspace connecte={session !== null} titre={TITRE} />;
    notFound();
  }
  const g = ouverte.valeur;
  const referentiel = await referentielPerimetre(db, g.departement.code);
  const etat = await etatEtDatesDeLaGouvernance(db, g.departement.code);
  const contenus = Object.fromEntries(SECTIONS.flatMap((s) => (g.sections[s].contenu ? [[s, g.sections[s].contenu]] : []))) as ContenusGouvernance;
  const vue = contenuPublic(contenus, referentiel);
  const nomsCommunes = new Map(referentiel.communes.map((c) => [c.code, c.nom]));
  const chemin = `/gouvernances/departements/${g.departement.code}`;

  const contenuDe: Record<Section, () => ReactNode> = {
    sousPrefet: () => {
      const s = contenus.sousPrefet;
      if (!s) return <NonRenseigne />;
      return (
        <p>
          {s.prenom} {s.nom} — <a href={`mailto:${s.email}`}>{s.email}</a>
        </p>
      );
    },
    coPorteurs: () => {
      if (!contenus.coPorteurs) return <NonRenseigne />;
      if (vue.coPorteurs.sansCoPorteur) return <p>Pas de co-porteur de la gouvernance : la préfecture porte seule la gouvernance.</p>;
      if (vue.coPorteurs.noms.length === 0) return <NonRenseigne />;
      return (
        <ul>
          {vue.coPorteurs.noms.map((nom, i) => (
            <li key={`${i}-${nom}`}>{nom}</li>
          ))}
        </ul>
      );
    },
    membres: () => {
      const membres = contenus.membres?.membres ?? [];
      if (membres.length === 0) return <NonRenseigne />;
      return (
        <Tableau
          titre={`Membres de la gouvernance (${membres.length})`}
          colonnes={["Nom", "Type", "Code officiel ou SIRET", "Rôle"]}
          lignes={membres.map((m, i) => {
            const publie = vue.membres[i];
            const role = g.verification.membresProteges.get(m.cle);
            return { cle: m.cle, cellules: [m.nom, publie?.libelleType ?? m.type, publie?.code ?? publie?.siret ?? "—", role ? LIBELLES_ROLES[role] : "Membre"] };
          })}
        />
      );
    },
    comitologie: () => {
      if (vue.comites.length === 0) return <p className="fr-text--sm">Aucun comité.</p>;
      return (
        <ul>
          {vue.comites.map((c, i) => (
            <li key={i}>
              {c.libelleType} — {c.libelleFrequence}
              {c.commentaire && <span className="fr-hint-text">{c.commentaire}</span>}
            </li>
          ))}
        </ul>
      );
    },
    feuillesDeRoute: () => {
      const feuilles = contenus.feuillesDeRoute?.feuilles ?? [];
      if (feuilles.length === 0) return <NonRenseigne />;
      return feuilles.map((f, i) => {
        const publie = vue.feuillesDeRoute[i];
        const communes = f.perimetre.type === "communes" ? f.perimetre.communes.map((c) => nomsCommunes.get(c) ?? c) : [];
        return (
          <div key={f.id} className={`${styles.bloc} fr-mb-3w`}>
            <h3 className="fr-h6 fr-mb-1w">{f.nom}</h3>
            <ul>
              <li>Porteur : {publie?.libellePorteur}</li>
              <li>
                Périmètre : {publie?.perimetre.libelle}
                {communes.length > 0 && ` (${communes.join(", ")})`}
              </li>
              <li>Contrat préexistant : {publie?.contrat.libelle}</li>
            </ul>
          </div>
        );
      });
    },
    coordination: () => {
      if (vue.coordination.length === 0) return <NonRenseigne />;
      return (
        <ul>
          {vue.coordination.map((r, i) => (
            <li key={i}>
              {r.nom}
              {r.siret && ` (SIRET ${r.siret})`}
            </li>
          ))}
        </ul>
      );
    },
    noteDeContexte: () => {
      // Read again before it is shown: htmlDeLaNote writes only the closed list of elements and
      // escapes every text and attribute; the note's titles go under the section's.
      const lue = contenus.noteDeContexte ? lireNote(contenus.noteDeContexte.note) : null;
      if (!lue?.ok || lue.document.content.length === 0) return <NonRenseigne />;
      return <div dangerouslySetInnerHTML={{ __html: htmlDeLaNote(lue.document, 1) }} />;
    },
  };

  return (
    <Page
      titre={`${TITRE} — ${g.departement.nom}`}
      filAriane={[
        { libelle: `Gouvernance - ${g.departement.nom}`, chemin },
        { libelle: "Création d'une gouvernance", chemin: `${chemin}/gouvernance` },
      ]}
      pageCourante="Version imprimable"
    >
      <div className={styles.document}>
        <p className="fr-text--lead">
          {g.departement.nom} ({g.departement.code})
        </p>
        <ul className="fr-mb-3w">
          <li>État : {etat.libelleEtat}</li>
          {etat.deposeeLe && <li>Déposée le {dateEnFrancais(etat.deposeeLe)}</li>}
          {etat.valideeLe && <li>Validée le {dateEnFrancais(etat.valideeLe)}</li>}
          <li>
            Sections complètes : {SECTIONS.filter((s) => g.verification.sections[s].complete).length} sur {SECTIONS.length}
          </li>
          <li>Document édité le {dateEnFrancais(new Date())}</li>
        </ul>
        <div className={styles.actions}>
          <BoutonImprimer indication="impression-indication" />
          <p id="impression-indication" className="fr-hint-text fr-mb-0">
            Pour obtenir un PDF, choisissez « Enregistrer au format PDF » comme destination dans la fenêtre d&apos;impression de votre navigateur.
          </p>
          <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`${chemin}/gouvernance`}>
            Retour à la proposition
          </Link>
        </div>
        {SECTIONS.map((s, i) => (
          <section key={s} aria-labelledby={`section-${s}`} className={styles.section}>
            <h2 id={`section-${s}`}>
              {i + 1}. {TITRES_SECTIONS[s]}
            </h2>
            {!g.verification.sections[s].complete && (
              <p className="fr-text--sm fr-text--bold">Section incomplète : {g.verification.sections[s].erreurs.join(" ")}</p>
            )}
            {contenuDe[s]()}
          </section>
        ))}
      </div>
    </Page>
  );
}
