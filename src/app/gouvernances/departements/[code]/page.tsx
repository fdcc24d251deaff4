import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { connexionApplication } from "@/db/connexion-application";
import { ouvrirEspaceDepartement } from "@/services/espaces";
import { obtenirDepartement } from "@/services/territoires";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";

type Parametres = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Parametres): Promise<Metadata> {
  const { code } = await params;
  const { db } = await connexionApplication();
  const resultat = await obtenirDepartement(db, code);
  return { title: resultat.ok ? `Gouvernance - ${resultat.valeur.nom}` : "Gouvernance" };
}

export default async function EspaceDepartement({ params }: Parametres) {
  const { code } = await params;
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await ouvrirEspaceDepartement({ db, acteur: session?.acteur ?? null, code });
  if (!resultat.ok) notFound();
  const { departement, vue, peutModifier } = resultat.valeur;
  return (
    <Page titre={`Gouvernance - ${departement.nom}`}>
      {vue === "prefecture" ? (
        <>
          <p className="fr-text--lead">Gouvernance de l&apos;Inclusion Numérique</p>
          <Notice title="Les candidats, les contacts et la proposition de gouvernance de ce département arriveront ici." />
          <p className="fr-mt-3w">
            {peutModifier
              ? "Vous pourrez compléter la gouvernance de ce département."
              : "Vous consultez ce département en lecture seule (préfecture de région ou équipe nationale)."}
          </p>
        </>
      ) : (
        <>
          <p className="fr-text--lead">
            {departement.nom} ({departement.code}), région {departement.region.nom}
          </p>
          <p>Aucune gouvernance n&apos;a encore été déposée pour ce département.</p>
        </>
      )}
    </Page>
  );
}
