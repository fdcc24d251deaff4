import type { Metadata } from "next";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { fr } from "@codegouvfr/react-dsfr";
import { redirect } from "next/navigation";
import { peutAdministrer } from "@/services/espaces";
import { AccesRefuse } from "@/ui/AccesRefuse";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../session";

export const metadata: Metadata = { title: "Administration" };

export default async function Administration() {
  const session = await sessionCourante();
  const decision = peutAdministrer(session?.acteur ?? null);
  if (!decision.autorise) {
    if (decision.raison === "nonConnecte") redirect("/connexion");
    return <AccesRefuse titre="Administration" />;
  }
  return (
    <Page titre="Administration">
      <Notice title="L'espace d'administration n'est pas encore ouvert." />
      <p className={fr.cx("fr-mt-3w")}>
        Il est réservé à l&apos;équipe nationale France Numérique Ensemble : suivi des gouvernances de chaque département, campagnes et
        échéances, utilisateurs et rôles, imports de données et journal d&apos;audit.
      </p>
    </Page>
  );
}
