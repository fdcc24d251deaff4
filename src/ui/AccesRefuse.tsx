import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Page } from "./Page";

/** What a logged-in person sees on a page their role does not open. */
export function AccesRefuse({ titre }: { titre: string }) {
  return (
    <Page titre={titre}>
      <Alert
        severity="warning"
        title="Accès non autorisé"
        description="Votre compte ne donne pas accès à cette page. Si vous pensez que c'est une erreur, contactez l'équipe nationale France Numérique Ensemble."
      />
    </Page>
  );
}
