import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { fr } from "@codegouvfr/react-dsfr";
import Link from "next/link";
import { connexionApplication } from "@/db/connexion-application";
import { formaterTaux, libelleTranche, sourceDuTaux } from "@/domain/donnees/diagnostic-publics";
import { listerTaux } from "@/services/diagnostic-publics";
import { peutAdministrer } from "@/services/espaces";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { formaterDate } from "@/ui/format";
import { Page } from "@/ui/Page";
import { Tableau } from "@/ui/Tableau";
import { sessionCourante } from "../../../session";
import { pageRefusee } from "../../refus";

export const metadata: Metadata = { title: "Taux nationaux du diagnostic des publics" };

const TITRE = "Taux nationaux du diagnostic des publics";

const MESSAGES: Record<string, string> = {
  ajoute: "Taux ajouté.",
  modifie: "Taux modifié.",
  supprime: "Taux supprimé.",
};

export default async function TauxNationaux({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const session = await sessionCourante();
  const decision = peutAdministrer(session?.acteur ?? null);
  if (!decision.autorise) return pageRefusee(decision.raison, TITRE);
  const indications = await searchParams;
  const message = Object.keys(MESSAGES).find((cle) => indications[cle]);
  const { db } = await connexionApplication();
  const taux = await listerTaux(db);
  const demonstration = taux.some((t) => t.provenance === "demonstration");
  return (
    <Page titre={TITRE} filAriane={[{ libelle: "Administration", chemin: "/administration" }]}>
      {message && <Alert severity="success" small description={MESSAGES[message] as string} className={fr.cx("fr-mb-3w")} />}
      <p>
        Le tableau de bord estime le nombre de personnes de chaque public sur un territoire en appliquant ces taux nationaux à sa population
        (Code officiel géographique) ou, pour un taux qui porte sur une tranche d&apos;âge, à sa population de cette tranche (fichier INSEE de
        population par âge importé). L&apos;estimation est toujours présentée comme telle, avec sa méthode et la source du taux.
      </p>
      {demonstration && (
        <p>
          <BadgeDemonstration /> Les taux de démonstration sont fictifs : ils sont retirés dès que vous saisissez un premier taux.
        </p>
      )}
      <p>
        <Link className={fr.cx("fr-btn", "fr-btn--icon-left", "fr-icon-add-line")} href="/administration/donnees/publics/ajouter">
          Ajouter un taux
        </Link>
      </p>
      {taux.length === 0 ? (
        <p>Aucun taux national n&apos;a encore été saisi.</p>
      ) : (
        <Tableau
          titre="Taux nationaux saisis"
          titreVisible
          colonnes={["Public", "Taux national", "Tranche d'âge", "Source", "Ordre", "Modifié le", "Action"]}
          lignes={taux.map((t) => ({
            cle: t.id,
            cellules: [
              <>
                {t.libelle}
                {t.provenance === "demonstration" && (
                  <>
                    {" "}
                    <BadgeDemonstration />
                  </>
                )}
              </>,
              formaterTaux(t.taux),
              libelleTranche(t.ageMin, t.ageMax),
              <>
                {t.lien ? (
                  <a href={t.lien} target="_blank" rel="noopener noreferrer" title={`${sourceDuTaux(t)} - nouvelle fenêtre`}>
                    {sourceDuTaux(t)}
                  </a>
                ) : (
                  sourceDuTaux(t)
                )}
              </>,
              String(t.ordre),
              formaterDate(t.modifieLe),
              <Link key="action" href={`/administration/donnees/publics/${t.id}`}>
                {t.provenance === "demonstration" ? "Voir" : "Modifier"}
                <span className={fr.cx("fr-sr-only")}> le taux « {t.libelle} »</span>
              </Link>,
            ],
          }))}
        />
      )}
    </Page>
  );
}
