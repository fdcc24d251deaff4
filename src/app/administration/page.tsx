import type { Metadata } from "next";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { fr } from "@codegouvfr/react-dsfr";
import Link from "next/link";
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
      <ul>
        <li>
          <Link href="/administration/utilisateurs">Utilisateurs</Link> : inviter les agents des préfectures, leur rôle et leur périmètre,
          les demandes d&apos;accès
        </li>
        <li>
          <Link href="/administration/donnees/publics">Taux nationaux du diagnostic des publics</Link> : les taux (CREDOC…) appliqués à la
          population de chaque territoire pour estimer ses publics éloignés du numérique
        </li>
        <li>
          <Link href="/administration/campagnes">Campagnes</Link> : l&apos;ouverture et la clôture de la campagne des gouvernances, les
          prolongations accordées à un département
        </li>
        <li>
          <Link href="/administration/courriels">Courriels</Link> : les messages écrits par l&apos;application (liens de connexion…)
        </li>
      </ul>
      <Notice title="L'espace d'administration n'est pas encore complet." />
      <p className={fr.cx("fr-mt-3w")}>
        Il est réservé à l&apos;équipe nationale France Numérique Ensemble et accueillera le suivi des gouvernances de chaque
        département, les campagnes et échéances, les imports de données et le journal d&apos;audit.
      </p>
    </Page>
  );
}
