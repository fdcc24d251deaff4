import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import Link from "next/link";

export const metadata: Metadata = { title: "Page non trouvée" };

export default function PageNonTrouvee() {
  return (
    <div className={fr.cx("fr-container", "fr-py-8w")}>
      <p className={fr.cx("fr-text--sm", "fr-mb-3v")}>Erreur 404</p>
      <h1>Page non trouvée</h1>
      <p className={fr.cx("fr-text--lead")}>La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Si vous avez tapé l&apos;adresse web dans le navigateur, vérifiez qu&apos;elle est correcte. La page n&apos;est peut-être plus
        disponible. Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d&apos;accueil.
      </p>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Link className={fr.cx("fr-btn")} href="/">
            Page d&apos;accueil
          </Link>
        </li>
      </ul>
    </div>
  );
}
