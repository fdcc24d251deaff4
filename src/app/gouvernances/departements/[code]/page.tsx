import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ouvrirEspaceDepartement } from "@/services/espaces";
import { obtenirDepartement } from "@/services/territoires";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";
import { PageEspace } from "../../_espace/Espace";

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
  if (vue === "prefecture") {
    return (
      <PageEspace
        demande={{ type: "departement", code: departement.code }}
        etatGouvernance={
          <section aria-labelledby="gouvernance-titre" className="fr-mb-6w">
            <h2 id="gouvernance-titre" className="fr-h4">
              Gouvernance du département
            </h2>
            <p>Aucune gouvernance n&apos;a encore été déposée pour ce département.</p>
            <p className="fr-text--sm">
              {peutModifier
                ? "La proposition de gouvernance se rédigera ici."
                : "Vous consultez ce département en lecture seule (préfecture de région ou équipe nationale)."}
            </p>
          </section>
        }
      />
    );
  }
  return (
    <Page titre={`Gouvernance - ${departement.nom}`}>
      <p className="fr-text--lead">
        {departement.nom} ({departement.code}), région {departement.region.nom}
      </p>
      <p>Aucune gouvernance n&apos;a encore été déposée pour ce département.</p>
      <p>
        L&apos;espace préfecture de ce département (candidats, contacts, gouvernance en préparation) est réservé aux agents de la préfecture et à l&apos;équipe nationale.
      </p>
    </Page>
  );
}
