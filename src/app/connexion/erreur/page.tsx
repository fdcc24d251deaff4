import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Page } from "@/ui/Page";
import { messageErreur } from "@/ui/messages-erreur";

export const metadata: Metadata = { title: "Connexion impossible" };

const MOTIFS_LIEN = ["lienInconnu", "lienDejaUtilise", "lienExpire", "compteDesactive"] as const;
const MOTIFS_PROCONNECT = ["refuseParLeFournisseur", "reponseInvalide", "fournisseurInjoignable", "configuration", "etatInconnu"] as const;

export default async function ErreurConnexion({ searchParams }: { searchParams: Promise<{ motif?: string }> }) {
  const { motif } = await searchParams;
  const proconnect = MOTIFS_PROCONNECT.find((m) => m === motif);
  const connu = proconnect ?? MOTIFS_LIEN.find((m) => m === motif) ?? "lienInconnu";
  return (
    <Page titre="Connexion impossible" filAriane={[{ libelle: "Se connecter", chemin: "/connexion" }]}>
      <Alert
        severity="error"
        title={
          proconnect
            ? "La connexion avec ProConnect n'a pas abouti"
            : connu === "compteDesactive"
              ? "Ce compte ne permet pas de vous connecter"
              : "Ce lien ne permet pas de vous connecter"
        }
        description={messageErreur(connu)}
      />
      <p className="fr-mt-3w">
        <Link className="fr-btn" href="/connexion">
          {proconnect ? "Revenir à la page de connexion" : "Demander un nouveau lien"}
        </Link>
      </p>
    </Page>
  );
}
