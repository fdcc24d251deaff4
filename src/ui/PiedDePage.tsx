import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { MarqueEtat } from "./MarqueEtat";

export function PiedDePage() {
  return (
    <Footer
      id="pied-de-page"
      brandTop={<MarqueEtat />}
      homeLinkProps={{ href: "/", title: "Accueil — Espace France Numérique Ensemble" }}
      accessibility="non compliant"
      accessibilityLinkProps={{ href: "/accessibilite" }}
      contentDescription="L'Espace France Numérique Ensemble accompagne les préfectures, les collectivités et les acteurs de l'inclusion numérique dans la construction des gouvernances et des feuilles de route territoriales du programme France Numérique Ensemble."
      termsLinkProps={{ href: "/mentions-legales" }}
      bottomItems={[{ text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } }, headerFooterDisplayItem]}
    />
  );
}
