"use client";

import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";

/** A plain link: the route sends the browser to ProConnect. */
export function BoutonProConnect() {
  return <ProConnectButton url="/connexion/proconnect" />;
}
