import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Display } from "@codegouvfr/react-dsfr/Display";
import { DsfrProvider, StartDsfrOnHydration } from "@/ui/dsfr/client";
import { DsfrHead, getHtmlAttributes } from "@/ui/dsfr/serveur";
import { EnTete, NOM_DU_SERVICE } from "@/ui/EnTete";
import { PiedDePage } from "@/ui/PiedDePage";

export const metadata: Metadata = {
  title: { default: NOM_DU_SERVICE, template: `%s — ${NOM_DU_SERVICE}` },
  description: "La gouvernance territoriale de l'inclusion numérique : porteurs, feuilles de route, besoins et données des territoires.",
};

export default function RacineLayout({ children }: { children: ReactNode }) {
  const lang = "fr";
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang}>
          <StartDsfrOnHydration />
          <EnTete />
          <main id="contenu" tabIndex={-1}>
            {children}
          </main>
          <PiedDePage />
          <Display />
        </DsfrProvider>
      </body>
    </html>
  );
}
