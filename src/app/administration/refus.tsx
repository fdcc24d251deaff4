import { redirect } from "next/navigation";
import { AccesRefuse } from "@/ui/AccesRefuse";
import { messageErreur, type CodeErreur } from "@/ui/messages-erreur";
import { Page } from "@/ui/Page";

/** What an administration page shows when its service says no: the login page, "Accès non autorisé", or the error. */
export function pageRefusee(erreur: CodeErreur, titre: string) {
  if (erreur === "nonConnecte") redirect("/connexion");
  if (erreur === "nonAutorise") return <AccesRefuse titre={titre} />;
  return (
    <Page titre={titre} filAriane={[{ libelle: "Administration", chemin: "/administration" }]}>
      <p>{messageErreur(erreur)}</p>
    </Page>
  );
}
