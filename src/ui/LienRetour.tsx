import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";

/** The "← Retour" link of the seed's screens. */
export function LienRetour({ chemin, libelle = "Retour" }: { chemin: string; libelle?: string }) {
  return (
    <Link href={chemin} className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
      {libelle}
    </Link>
  );
}
