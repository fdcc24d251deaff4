"use client";

import { Header } from "@codegouvfr/react-dsfr/Header";
import { usePathname } from "next/navigation";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { MarqueEtat } from "./MarqueEtat";
import { NOM_DU_SERVICE } from "./nom-du-service";

export interface EntreeNavigation {
  libelle: string;
  chemin: string;
}

/** The main navigation; "Administration" joins it for administrators. */
export const NAVIGATION_PRINCIPALE: EntreeNavigation[] = [
  { libelle: "Données de l'Inclusion Numérique", chemin: "/donnees" },
  { libelle: "Gouvernance", chemin: "/gouvernance" },
];

export function estActive(chemin: string, courant: string): boolean {
  return courant === chemin || courant.startsWith(`${chemin}/`);
}

/*
 * A client component: the layout is not rendered again on client-side navigation, so the current
 * entry (aria-current) must follow the browser's path. Rendering it on the server left the previous
 * entry marked after a navigation (caught by the end-to-end tests).
 */
export const ENTREE_ADMINISTRATION: EntreeNavigation = { libelle: "Administration", chemin: "/administration" };
/** For the préfectures and the national team: their territory's space (the one opened last). */
export const ENTREE_ESPACE_PREFECTURE: EntreeNavigation = { libelle: "Espace préfecture", chemin: "/gouvernances" };

export function EnTete({ connecte, administrateur, agent = false }: { connecte: boolean; administrateur: boolean; agent?: boolean }) {
  const navigation = [...NAVIGATION_PRINCIPALE, ...(agent ? [ENTREE_ESPACE_PREFECTURE] : []), ...(administrateur ? [ENTREE_ADMINISTRATION] : [])];
  const courant = usePathname() ?? "/";
  return (
    <Header
      id="en-tete"
      brandTop={<MarqueEtat />}
      serviceTitle={NOM_DU_SERVICE}
      serviceTagline="La gouvernance territoriale de l'inclusion numérique"
      homeLinkProps={{ href: "/", title: `Accueil — ${NOM_DU_SERVICE}` }}
      quickAccessItems={[
        connecte
          ? { iconId: "fr-icon-account-circle-line", text: "Mon profil", linkProps: { href: "/profil" } }
          : { iconId: "fr-icon-lock-line", text: "Se connecter", linkProps: { href: "/connexion" } },
        headerFooterDisplayItem,
      ]}
      navigation={navigation.map((e) => ({ text: e.libelle, linkProps: { href: e.chemin }, isActive: estActive(e.chemin, courant) }))}
    />
  );
}
