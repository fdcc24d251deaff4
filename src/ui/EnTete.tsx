import { Header } from "@codegouvfr/react-dsfr/Header";

export const NOM_DU_SERVICE = "Espace France Numérique Ensemble";

export function EnTete() {
  return (
    <Header
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      serviceTitle={NOM_DU_SERVICE}
      serviceTagline="La gouvernance territoriale de l'inclusion numérique"
      homeLinkProps={{ href: "/", title: `Accueil — ${NOM_DU_SERVICE}` }}
      navigation={[
        { text: "Données de l'Inclusion Numérique", linkProps: { href: "/donnees" } },
        { text: "Gouvernance", linkProps: { href: "/gouvernance" } },
      ]}
    />
  );
}
