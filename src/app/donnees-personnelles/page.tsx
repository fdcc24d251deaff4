import type { Metadata } from "next";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Données personnelles" };

export default function DonneesPersonnelles() {
  return (
    <Page titre="Données personnelles">
      <p>
        Cette version du service ne recueille encore aucune donnée personnelle : elle ne propose ni compte, ni formulaire, et ne
        dépose aucun cookie de mesure d&apos;audience.
      </p>
    </Page>
  );
}
