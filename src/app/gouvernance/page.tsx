import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Page } from "@/ui/Page";
import { Notice } from "@codegouvfr/react-dsfr/Notice";

export const metadata: Metadata = { title: "Participer à l'élaboration des feuilles de routes territoriales" };

export default function Gouvernance() {
  return (
    <Page titre="Participer à l'élaboration des feuilles de routes territoriales">
      <Notice title="Les formulaires de manifestation d'intérêt ne sont pas encore ouverts dans cet espace." />
      <p className={fr.cx("fr-mt-3w")}>
        Conseils régionaux, conseils départementaux, EPCI, communes et autres structures pourront bientôt indiquer ici à leur préfecture
        qu&apos;ils souhaitent porter une feuille de route territoriale ou participer à son élaboration.
      </p>
    </Page>
  );
}
