import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { fr } from "@codegouvfr/react-dsfr";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { formaterTaux, libelleTranche } from "@/domain/donnees/diagnostic-publics";
import { obtenirTaux } from "@/services/diagnostic-publics";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../../session";
import { pageRefusee } from "../../../refus";
import { modifier, supprimer } from "../actions";
import { BoutonSupprimer } from "../BoutonSupprimer";
import { FormulaireTaux } from "../FormulaireTaux";

export const metadata: Metadata = { title: "Taux national" };

const texte = (n: number | null) => (n === null ? "" : String(n));

export default async function ModifierTaux({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await obtenirTaux({ db, acteur: session?.acteur ?? null, id });
  if (!resultat.ok) {
    if (resultat.erreur === "tauxInconnu") notFound();
    return pageRefusee(resultat.erreur, "Taux national");
  }
  const t = resultat.valeur;
  const demonstration = t.provenance === "demonstration";
  return (
    <Page
      titre={demonstration ? "Taux de démonstration" : "Modifier un taux national"}
      filAriane={[
        { libelle: "Administration", chemin: "/administration" },
        { libelle: "Taux nationaux du diagnostic des publics", chemin: "/administration/donnees/publics" },
      ]}
      retour="/administration/donnees/publics"
    >
      {demonstration ? (
        <>
          <p>
            <BadgeDemonstration />
          </p>
          <p>
            {t.libelle} : {formaterTaux(t.taux)} ({libelleTranche(t.ageMin, t.ageMax).toLowerCase()}).
          </p>
          <Alert
            severity="info"
            small
            className={fr.cx("fr-mb-3w")}
            description="Un taux de démonstration ne se modifie pas : supprimez-le, ou saisissez un taux réel (les taux de démonstration sont alors tous retirés)."
          />
        </>
      ) : (
        <FormulaireTaux
          action={modifier.bind(null, t.id)}
          version={t.modifieLe.toISOString()}
          valeurs={{ libelle: t.libelle, taux: String(t.taux).replace(".", ","), ageMin: texte(t.ageMin), ageMax: texte(t.ageMax), source: t.source, annee: String(t.annee), lien: t.lien ?? "", ordre: String(t.ordre) }}
          libelleBouton="Enregistrer"
        />
      )}
      <h2 className={fr.cx("fr-h4", "fr-mt-6w")}>Supprimer</h2>
      <p>Le taux disparaît des tableaux de bord ; sa suppression est inscrite au journal d&apos;audit.</p>
      <BoutonSupprimer action={supprimer.bind(null, t.id)} />
    </Page>
  );
}
