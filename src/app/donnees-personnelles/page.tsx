import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";

export const metadata: Metadata = { title: "Données personnelles" };

export default function DonneesPersonnelles() {
  return (
    <div className={fr.cx("fr-container", "fr-py-6w")}>
      <h1>Données personnelles</h1>
      <p>
        Cette version du service ne recueille encore aucune donnée personnelle : elle ne propose ni compte, ni formulaire, et ne
        dépose aucun cookie de mesure d&apos;audience.
      </p>
    </div>
  );
}
