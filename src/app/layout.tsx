import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Display } from "@codegouvfr/react-dsfr/Display";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { EN_TETE_NONCE } from "@/securite/csp";
import { DsfrProvider, StartDsfrOnHydration } from "@/ui/dsfr/client";
import { DsfrHead, getHtmlAttributes } from "@/ui/dsfr/serveur";
import { EnTete } from "@/ui/EnTete";
import { NOM_DU_SERVICE } from "@/ui/nom-du-service";
import { PiedDePage } from "@/ui/PiedDePage";
import { peutAdministrer } from "@/services/espaces";
import { sessionCourante } from "./session";

export const metadata: Metadata = {
  title: { default: NOM_DU_SERVICE, template: `%s — ${NOM_DU_SERVICE}` },
  description: "La gouvernance territoriale de l'inclusion numérique : porteurs, feuilles de route, besoins et données des territoires.",
};

export default async function RacineLayout({ children }: { children: ReactNode }) {
  const lang = "fr";
  // Set by src/proxy.ts for every request: the only inline scripts allowed carry it.
  const nonce = (await headers()).get(EN_TETE_NONCE) ?? undefined;
  const session = await sessionCourante();
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead nonce={nonce} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang} doCheckNonce={nonce !== undefined}>
          <StartDsfrOnHydration />
          <SkipLinks
            links={[
              { label: "Contenu", anchor: "#contenu" },
              { label: "Menu", anchor: "#en-tete-main-navigation" },
              { label: "Pied de page", anchor: "#pied-de-page" },
            ]}
          />
          <EnTete
            connecte={session !== null}
            administrateur={peutAdministrer(session?.acteur ?? null).autorise}
            agent={session !== null && ["administrateur", "prefecture-region", "prefecture-departement"].includes(session.acteur.role)}
          />
          <main id="contenu" tabIndex={-1} className="fr-pt-2w">
            {children}
          </main>
          <PiedDePage />
          <Display />
        </DsfrProvider>
      </body>
    </html>
  );
}
