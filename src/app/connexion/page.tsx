import type { Metadata } from "next";
import { Page } from "@/ui/Page";
import { FormulaireConnexion } from "./FormulaireConnexion";

export const metadata: Metadata = { title: "Se connecter" };

export default function Connexion() {
  return (
    <Page titre="Se connecter">
      <p>Indiquez votre adresse e-mail : si un compte lui correspond, vous recevrez un lien de connexion valable 15 minutes.</p>
      <FormulaireConnexion />
    </Page>
  );
}
