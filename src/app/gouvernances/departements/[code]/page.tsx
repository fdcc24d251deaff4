import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ouvrirBesoins } from "@/services/besoins";
import { ouvrirEspaceDepartement } from "@/services/espaces";
import { ouvrirGouvernance } from "@/services/gouvernance";
import { gouvernancePublique } from "@/services/gouvernance-publique";
import { obtenirDepartement } from "@/services/territoires";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";
import { PageEspace } from "../../_espace/Espace";
import { cheminBesoins, dateEnFrancais, phraseEcheance } from "./besoins/commun";
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
    const besoins = await ouvrirBesoins({ db, acteur: session?.acteur ?? null, code: departement.code, maintenant: new Date() });
    const b = besoins.ok ? besoins.valeur : null;
    const besoinsModifiables = b !== null && b.peutModifier && b.fenetre.modifiable;
    const besoinsEtat = !b || b.version === 0 ? "nonCommences" : b.complete ? "completes" : "aClasser";
    // PRODUCT §6-7: the proposal submitted (or validated) and the besoins ranked.
    const deuxFormulaires = gouvernance.ok && (gouvernance.valeur.etat === "deposee" || gouvernance.valeur.etat === "validee") && besoinsEtat === "completes";
    return (
      <PageEspace
        demande={{ type: "departement", code: departement.code }}
        etatGouvernance={
          <>
            {deuxFormulaires && b && (
              <div className="fr-alert fr-alert--success fr-mb-6w">
                <h2 className="fr-alert__title">2 formulaires complétés</h2>
                <p>
                  La proposition de gouvernance et les besoins en ingénierie financière du département sont transmis à l&apos;équipe nationale.
                  {b.fenetre.modifiable ? ` Ils restent modifiables ${phraseEcheance(b)}.` : ""}
                </p>
              </div>
            )}
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
            {b && (
              <section aria-labelledby="besoins-titre" className="fr-mb-6w">
                <h2 id="besoins-titre" className="fr-h4">
                  Besoins en ingénierie financière
                </h2>
                <p>
                  {besoinsEtat === "nonCommences"
                    ? "Besoins en ingénierie financière non commencés."
                    : besoinsEtat === "completes"
                      ? `Besoins en ingénierie financière complétés${b.classementEnregistreLe ? ` le ${dateEnFrancais(b.classementEnregistreLe)}` : ""}.`
                      : "Sélection des besoins enregistrée : leur classement par priorité reste à faire."}
                </p>
                <p>
                  <Link
                    className={`fr-btn${besoinsModifiables ? "" : " fr-btn--secondary"}`}
                    href={`${cheminBesoins(departement.code)}${besoinsEtat === "nonCommences" ? "" : besoinsEtat === "aClasser" ? "/priorisation" : "/selection"}`}
                  >
                    {!besoinsModifiables
                      ? "Voir les besoins en ingénierie financière"
                      : besoinsEtat === "nonCommences"
                        ? "Renseigner les besoins en ingénierie financière"
                        : besoinsEtat === "aClasser"
                          ? "Prioriser les besoins en ingénierie financière"
                          : "Modifier les besoins en ingénierie financière"}
                  </Link>
                </p>
              </section>
            )}
          </>
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
