import type { Metadata } from "next";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { fr } from "@codegouvfr/react-dsfr";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Administration" };

export default function Administration() {
  return (
    <Page titre="Administration">
      <Notice title="L'espace d'administration n'est pas encore ouvert." />
      <p className={fr.cx("fr-mt-3w")}>
        Il sera réservé à l&apos;équipe nationale France Numérique Ensemble : suivi des gouvernances de chaque département, campagnes et
        échéances, utilisateurs et rôles, imports de données et journal d&apos;audit.
      </p>
    </Page>
  );
}
