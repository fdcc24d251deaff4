import type { Metadata } from "next";
import { connexionApplication } from "@/db/connexion-application";
import { peutAdministrer } from "@/services/espaces";
import { listerRegionsEtDepartements } from "@/services/territoires";
import { ROLES_ATTRIBUABLES } from "@/services/utilisateurs";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";
import { pageRefusee } from "../../refus";
import { inviter } from "../actions";
import { FormulaireAcces } from "../FormulaireAcces";

export const metadata: Metadata = { title: "Inviter un utilisateur" };

type Parametres = { email?: string; prenom?: string; nom?: string };
const premier = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : undefined);

export default async function Inviter({ searchParams }: { searchParams: Promise<Parametres> }) {
  const session = await sessionCourante();
  const decision = peutAdministrer(session?.acteur ?? null);
  if (!decision.autorise) return pageRefusee(decision.raison, "Inviter un utilisateur");
  const parametres = await searchParams;
  const { db } = await connexionApplication();
  const territoires = await listerRegionsEtDepartements(db);
  return (
    <Page
      titre="Inviter un utilisateur"
      filAriane={[
        { libelle: "Administration", chemin: "/administration" },
        { libelle: "Utilisateurs", chemin: "/administration/utilisateurs" },
      ]}
    >
      <p>
        La personne reçoit un courriel d&apos;invitation. Elle se connecte ensuite avec ProConnect ou avec un lien de connexion envoyé à
        cette adresse, et n&apos;accède qu&apos;aux territoires de son périmètre.
      </p>
      <FormulaireAcces
        action={inviter}
        avecIdentite
        libelleBouton="Inviter"
        roles={ROLES_ATTRIBUABLES}
        territoires={territoires}
        valeurs={{ email: premier(parametres.email), prenom: premier(parametres.prenom), nom: premier(parametres.nom), role: "prefecture-departement" }}
      />
    </Page>
  );
}
