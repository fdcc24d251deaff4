import type { Metadata } from "next";
import Link from "next/link";
import { PageEspace } from "../_espace/Espace";

export const metadata: Metadata = { title: "Gouvernance - France entière" };

export default function EspaceNational() {
  return (
    <PageEspace
      demande={{ type: "national" }}
      etatGouvernance={
        <section aria-labelledby="besoins-titre" className="fr-mb-6w">
          <h2 id="besoins-titre" className="fr-h4">
            Besoins en ingénierie financière
          </h2>
          <p>Les besoins exprimés par chaque département, leur classement par priorité, leur synthèse et leurs exports.</p>
          <Link className="fr-btn fr-btn--secondary" href="/gouvernances/national/besoins">
            Voir les besoins en ingénierie financière
          </Link>
        </section>
      }
    />
  );
}
