import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

/** The user's system preference decides; the footer's "Paramètres d'affichage" lets them choose. */
export const schemaCouleursParDefaut: DefaultColorScheme = "system";
