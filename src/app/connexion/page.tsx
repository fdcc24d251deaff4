import type { Metadata } from "next";
import { configurationProConnect } from "@/services/proconnect";
import { Page } from "@/ui/Page";
import { BoutonProConnect } from "./BoutonProConnect";
import { FormulaireConnexion } from "./FormulaireConnexion";

export const metadata: Metadata = { title: "Se connecter" };

export default function Connexion() {
  const proconnect = configurationProConnect() !== null;
  return (
    <Page titre="Se connecter">
      {proconnect && (
        <section className="fr-mb-5w">
          <h2 className="fr-h4">Agents de l&apos;État et des collectivités</h2>
          <p>Identifiez-vous avec le compte de votre administration.</p>
          <BoutonProConnect />
        </section>
      )}
      <section>
        {proconnect && <h2 className="fr-h4">Recevoir un lien de connexion par e-mail</h2>}
        <p>Indiquez votre adresse e-mail : si un compte lui correspond, vous recevrez un lien de connexion valable 15 minutes.</p>
        <FormulaireConnexion />
      </section>
    </Page>
  );
}
