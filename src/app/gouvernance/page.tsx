import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { DEFINITIONS_PERSONAS, PERSONAS } from "@/domain/candidatures/personas";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Participer à l'élaboration des feuilles de routes territoriales" };

const DESCRIPTIONS: Record<(typeof PERSONAS)[number], string> = {
  "conseil-regional": "Porter une feuille de route territoriale ou participer à son élaboration.",
  "conseil-departemental": "Porter une feuille de route territoriale ou participer à son élaboration.",
  epci: "Porter une feuille de route territoriale ou participer à son élaboration.",
  commune: "Participer à l'élaboration de la feuille de route de votre territoire.",
  structure: "Participer à l'élaboration de la feuille de route de votre territoire.",
};

export default function Gouvernance() {
  return (
    <Page titre="Participer à l'élaboration des feuilles de routes territoriales">
      <p>
        Le programme France Numérique Ensemble invite les collectivités et les acteurs de l&apos;inclusion numérique à construire,
        avec la préfecture de leur département, une feuille de route territoriale. Choisissez le formulaire qui vous correspond.
      </p>
      <Notice title="Les informations que vous renseignez sont transmises à la préfecture de votre département, qui organise la gouvernance locale." />
      <h2 className={fr.cx("fr-h4", "fr-mt-5w")}>Vous êtes…</h2>
      <ul className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-raw-list")}>
        {PERSONAS.map((persona) => (
          <li key={persona} className={fr.cx("fr-col-12", "fr-col-md-6", "fr-col-lg-4")}>
            <Card
              title={DEFINITIONS_PERSONAS[persona].libelle}
              titleAs="h3"
              desc={DESCRIPTIONS[persona]}
              linkProps={{ href: `/gouvernance/${persona}` }}
              enlargeLink
              size="small"
            />
          </li>
        ))}
      </ul>
    </Page>
  );
}
