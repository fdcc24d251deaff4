import type { Metadata } from "next";
import { Page } from "@/ui/Page";

export const metadata: Metadata = { title: "Mentions légales" };

export default function MentionsLegales() {
  return (
    <Page titre="Mentions légales">
      <h2>Éditeur</h2>
      <p>Agence nationale de la cohésion des territoires (ANCT), programme France Numérique Ensemble.</p>
      <h2>Code source</h2>
      <p>Le code source de ce service est ouvert.</p>
      <h2>Données</h2>
      <p>
        Les territoires proviennent du Code officiel géographique de l&apos;INSEE, diffusé sous Licence Ouverte. Les données de
        démonstration sont fictives et signalées comme telles.
      </p>
    </Page>
  );
}
