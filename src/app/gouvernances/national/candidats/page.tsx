import type { Metadata } from "next";
import { PageCandidats } from "../../_espace/Candidats";

export const metadata: Metadata = { title: "Candidats à la gouvernance" };

export default async function Candidats({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <PageCandidats demande={{ type: "national" }} recherche={await searchParams} />;
}
