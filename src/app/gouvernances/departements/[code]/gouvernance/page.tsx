import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { dessinCommunesDuDepartement } from "@/services/carte-couverture";
import { listerDocumentsFeuilles } from "@/services/documents-feuilles";
import { candidatsDeLaGouvernance, ouvrirGouvernance, referentielPerimetre } from "@/services/gouvernance";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../../session";
import { PresentationEspace } from "../../../_espace/Espace";
import { etatTransmis } from "./etat";
import { FormulaireGouvernance } from "./FormulaireGouvernance";

export const metadata: Metadata = { title: "Création d'une gouvernance" };

const TITRE = "Création d'une gouvernance";
const dateEnFrancais = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

/** PRODUCT §6: the proposal of gouvernance of a département, for its préfecture (and, to read, the région and the national team). */
export default async function CreationGouvernance({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const acteur = session?.acteur ?? null;
  const ouverte = await ouvrirGouvernance({ db, acteur, code });
  if (!ouverte.ok) {
    if (ouverte.erreur === "nonConnecte" || ouverte.erreur === "nonAutorise") return <PresentationEspace connecte={session !== null} titre={TITRE} />;
    notFound();
  }
  const g = ouverte.valeur;
  const [candidats, referentiel, dessin, documents] = await Promise.all([
    candidatsDeLaGouvernance({ db, acteur, code: g.departement.code }),
    referentielPerimetre(db, g.departement.code),
    dessinCommunesDuDepartement(db, g.departement.code),
    listerDocumentsFeuilles({ db, acteur, code: g.departement.code }),
  ]);
  const fenetre = g.fenetre;
  const modifiable = g.peutModifier && fenetre.modifiable;
  const raisonLectureSeule = !g.peutModifier
    ? "Vous consultez cette proposition en lecture seule : seule la préfecture du département la modifie."
    : fenetre.modifiable
      ? null
      : fenetre.raison === "validee"
        ? "La gouvernance est validée par l'équipe nationale : elle ne se modifie plus."
        : fenetre.raison === "pasEncoreOuverte"
          ? `La campagne${fenetre.campagne ? ` « ${fenetre.campagne.nom} »` : ""} n'est pas encore ouverte : la proposition ne se modifie pas encore.`
          : `La date limite est passée${fenetre.jusquau ? ` (${dateEnFrancais(fenetre.jusquau)})` : ""} : la proposition n'est plus modifiable.`;
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  return (
    <Page titre={TITRE} filAriane={[{ libelle: `Gouvernance - ${g.departement.nom}`, chemin: `/gouvernances/departements/${g.departement.code}` }]}>
      <p className="fr-text--lead">
        {g.departement.nom} ({g.departement.code})
      </p>
      <p>
        <a className="fr-link fr-icon-printer-line fr-link--icon-left" href={`/gouvernances/departements/${g.departement.code}/gouvernance/impression`}>
          Imprimer ou télécharger
        </a>
      </p>
      <FormulaireGouvernance
        code={g.departement.code}
        utilisateur={acteur?.id ?? ""}
        etatInitial={etatTransmis(g)}
        candidats={candidats.ok ? candidats.valeur : []}
        referentiel={referentiel}
        dessin={dessin}
        documents={documents.ok ? Object.fromEntries(Object.entries(documents.valeur).map(([id, versions]) => [id, versions.map((v) => ({ ...v, deposeLe: v.deposeLe.toISOString() }))])) : {}}
        modifiable={modifiable}
        raisonLectureSeule={raisonLectureSeule}
        proposition={{
          etat: g.etat,
          peutDeposer: modifiable,
          peutInstruire: g.peutInstruire,
          deposeeLe: iso(g.instruction.deposeeLe),
          instruiteLe: iso(g.instruction.instruiteLe),
          message: g.instruction.message,
          reouvertureJusquau: iso(g.instruction.reouvertureJusquau),
        }}
        entete={
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
            <p className="fr-text--bold">
              {fenetre.modifiable
                ? fenetre.jusquau
                  ? `Proposition modifiable jusqu'au ${dateEnFrancais(fenetre.jusquau)}`
                  : "Proposition modifiable : aucune date limite n'est encore fixée."
                : "Proposition non modifiable"}
              {fenetre.campagne && <span className="fr-text--regular"> — campagne « {fenetre.campagne.nom} »</span>}
            </p>
          </div>
        }
      />
    </Page>
  );
}
