import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { connexionApplication } from "@/db/connexion-application";
import { lireDemandeAcces } from "@/services/proconnect";
import { formaterDate } from "@/ui/format";
import { Page } from "@/ui/Page";
import { lireCookie } from "../../session";
import { FormulaireDemandeAcces } from "./FormulaireDemandeAcces";

export const metadata: Metadata = { title: "Accès non encore attribué" };

export default async function AccesNonAttribue({ searchParams }: { searchParams: Promise<{ envoyee?: string }> }) {
  const { envoyee } = await searchParams;
  const { db } = await connexionApplication();
  const identite = await lireDemandeAcces({ db, jeton: await lireCookie("efne_demande_acces"), maintenant: new Date() });
  const filAriane = [{ libelle: "Se connecter", chemin: "/connexion" }];
  if (!identite) {
    return (
      <Page titre="Accès non encore attribué" filAriane={filAriane}>
        <p>
          Cette page s&apos;affiche après une connexion avec ProConnect, lorsque votre compte n&apos;a pas encore d&apos;accès à
          l&apos;Espace France Numérique Ensemble. Votre identification a expiré : reconnectez-vous pour demander un accès.
        </p>
        <p>
          <Link className="fr-btn" href="/connexion">
            Revenir à la page de connexion
          </Link>
        </p>
      </Page>
    );
  }
  const nom = [identite.prenom, identite.nom].filter(Boolean).join(" ");
  return (
    <Page titre="Accès non encore attribué" filAriane={filAriane}>
      <p>
        ProConnect vous a identifié(e){nom ? ` : ${nom}` : ""}, <strong>{identite.email}</strong>
        {identite.siret ? ` (SIRET ${identite.siret})` : ""}. Aucun accès à l&apos;Espace France Numérique Ensemble n&apos;est encore
        attribué à cette adresse.
      </p>
      <p>
        Les accès des préfectures sont attribués par l&apos;équipe nationale France Numérique Ensemble, avec un rôle (préfecture de
        région ou de département) et un périmètre (les territoires que vous suivez).
      </p>
      {identite.demandeeLe ? (
        <Alert
          severity="success"
          title="Votre demande d'accès a été transmise"
          description={`Demande envoyée le ${formaterDate(identite.demandeeLe)}. Vous recevrez un courriel à ${identite.email} lorsque votre accès sera ouvert.`}
        />
      ) : envoyee ? (
        <Alert severity="success" title="Votre demande d'accès a été transmise" description="Vous recevrez un courriel lorsque votre accès sera ouvert." />
      ) : (
        <>
          <h2 className="fr-h4">Demander un accès</h2>
          <FormulaireDemandeAcces />
        </>
      )}
    </Page>
  );
}
