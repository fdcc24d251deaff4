import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ouvrirEspaceDepartement } from "@/services/espaces";
import { ouvrirGouvernance } from "@/services/gouvernance";
import { gouvernancePublique } from "@/services/gouvernance-publique";
import { obtenirDepartement } from "@/services/territoires";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";
import { PageEspace } from "../../_espace/Espace";
import { VueGouvernancePublique } from "./GouvernancePublique";

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
    const gouvernance = await ouvrirGouvernance({ db, acteur: session?.acteur ?? null, code: departement.code });
    const sections = gouvernance.ok ? Object.values(gouvernance.valeur.verification.sections) : [];
    const completes = sections.filter((s) => s.complete).length;
    const commencee = gouvernance.ok && gouvernance.valeur.etat !== "aucune";
    return (
      <PageEspace
        demande={{ type: "departement", code: departement.code }}
        etatGouvernance={
          <section aria-labelledby="gouvernance-titre" className="fr-mb-6w">
            <h2 id="gouvernance-titre" className="fr-h4">
              Gouvernance du département
            </h2>
            {commencee && gouvernance.ok ? (
              <p>
                {gouvernance.valeur.etat === "deposee"
                  ? "Proposition de gouvernance déposée : l'équipe nationale l'instruit."
                  : gouvernance.valeur.etat === "validee"
                    ? "Gouvernance validée par l'équipe nationale."
                    : gouvernance.valeur.etat === "aCompleter"
                      ? "L'équipe nationale demande de compléter la proposition de gouvernance."
                      : `Proposition de gouvernance en préparation : ${completes} section${completes > 1 ? "s" : ""} complète${completes > 1 ? "s" : ""} sur 7.`}
              </p>
            ) : (
              <p>Aucune proposition de gouvernance n&apos;a encore été commencée pour ce département.</p>
            )}
            {!peutModifier && <p className="fr-text--sm">Vous consultez ce département en lecture seule (préfecture de région ou équipe nationale).</p>}
            <p>
              <Link className={`fr-btn${peutModifier ? "" : " fr-btn--secondary"}`} href={`/gouvernances/departements/${departement.code}/gouvernance`}>
                {peutModifier ? (commencee ? "Poursuivre la proposition de gouvernance" : "Créer la proposition de gouvernance") : "Voir la proposition de gouvernance"}
              </Link>
            </p>
          </section>
        }
      />
    );
  }
  const publique = await gouvernancePublique(db, departement.code);
  return (
    <Page titre={`Gouvernance - ${departement.nom}`}>
      <p className="fr-text--lead">
        {departement.nom} ({departement.code}), région {departement.region.nom}
      </p>
      {publique.ok && publique.valeur.public ? (
        <VueGouvernancePublique gouvernance={publique.valeur} />
      ) : publique.ok && publique.valeur.etat === "aCompleter" ? (
        <p>La proposition de gouvernance de ce département a été déposée ; l&apos;équipe nationale a demandé de la compléter.</p>
      ) : (
        <p>Aucune gouvernance n&apos;a encore été déposée pour ce département.</p>
      )}
      <p>
        L&apos;espace préfecture de ce département (candidats, contacts, gouvernance en préparation) est réservé aux agents de la préfecture et à l&apos;équipe nationale.
      </p>
    </Page>
  );
}
