import type { Metadata } from "next";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Vérifiez votre messagerie" };

export default function Verification() {
  return (
    <Page titre="Vérifiez votre messagerie" filAriane={[{ libelle: "Se connecter", chemin: "/connexion" }]}>
      <Notice title="Si un compte existe pour cette adresse, un lien de connexion vient d'y être envoyé." />
      <p className="fr-mt-3w">Le lien ne sert qu&apos;une fois et expire dans 15 minutes. Pensez à regarder dans les courriers indésirables.</p>
    </Page>
  );
}
