import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Notice } from "@codegouvfr/react-dsfr/Notice";

export const metadata: Metadata = { title: "Participer à l'élaboration des feuilles de routes territoriales" };

export default function Gouvernance() {
  return (
    <div className={fr.cx("fr-container", "fr-py-6w")}>
      <h1>Participer à l&apos;élaboration des feuilles de routes territoriales</h1>
      <Notice title="Les formulaires de manifestation d'intérêt ne sont pas encore ouverts dans cet espace." />
      <p className={fr.cx("fr-mt-3w")}>
        Conseils régionaux, conseils départementaux, EPCI, communes et autres structures pourront bientôt indiquer ici à leur préfecture
        qu&apos;ils souhaitent porter une feuille de route territoriale ou participer à son élaboration.
      </p>
    </div>
  );
}
