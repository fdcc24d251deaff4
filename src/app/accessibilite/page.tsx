import type { Metadata } from "next";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

export default function Accessibilite() {
  return (
    <Page titre="Déclaration d'accessibilité">
      <p>
        L&apos;Espace France Numérique Ensemble s&apos;engage à rendre son service accessible, conformément à l&apos;article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le site est <strong>non conforme</strong> au référentiel général d&apos;amélioration de l&apos;accessibilité (RGAA) : il n&apos;a
        pas encore fait l&apos;objet d&apos;un audit. Il est construit avec le système de design de l&apos;État (DSFR).
      </p>
      <h2>Ce qui est vérifié</h2>
      <p>
        Avant chaque mise en ligne, des tests automatiques parcourent chaque page du site dans le navigateur Chromium et la contrôlent
        avec l&apos;outil axe-core, sur les critères WCAG 2.1 de niveaux A et AA, en thème clair et en thème sombre ; ils vérifient aussi
        les liens d&apos;évitement au clavier. Ces contrôles automatiques ne couvrent qu&apos;une partie des critères du RGAA : ils ne
        remplacent pas un audit.
      </p>
      <h2>Retour d&apos;information et contact</h2>
      <p>
        Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, contactez l&apos;équipe nationale France Numérique Ensemble
        de l&apos;Agence nationale de la cohésion des territoires pour être orienté vers une alternative accessible.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d&apos;accessibilité vous empêchant d&apos;accéder à un contenu ou une fonctionnalité du site, que vous
        nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous pouvez saisir le Défenseur des droits.
      </p>
    </Page>
  );
}
