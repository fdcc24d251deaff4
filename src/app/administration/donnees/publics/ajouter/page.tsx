import type { Metadata } from "next";
import { peutAdministrer } from "@/services/espaces";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../../session";
import { pageRefusee } from "../../../refus";
import { ajouter } from "../actions";
import { FormulaireTaux } from "../FormulaireTaux";

export const metadata: Metadata = { title: "Ajouter un taux national" };

export default async function AjouterTaux() {
  const session = await sessionCourante();
  const decision = peutAdministrer(session?.acteur ?? null);
  if (!decision.autorise) return pageRefusee(decision.raison, "Ajouter un taux national");
  return (
    <Page
      titre="Ajouter un taux national"
      filAriane={[
        { libelle: "Administration", chemin: "/administration" },
        { libelle: "Taux nationaux du diagnostic des publics", chemin: "/administration/donnees/publics" },
      ]}
      retour="/administration/donnees/publics"
    >
      <FormulaireTaux action={ajouter} valeurs={{}} libelleBouton="Ajouter le taux" />
    </Page>
  );
}
