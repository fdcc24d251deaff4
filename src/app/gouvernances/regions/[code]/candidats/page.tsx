import type { Metadata } from "next";
import { PageCandidats } from "../../../_espace/Candidats";

export const metadata: Metadata = { title: "Candidats à la gouvernance" };

type Parametres = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function Candidats({ params, searchParams }: Parametres) {
  return <PageCandidats demande={{ type: "region", code: (await params).code }} recherche={await searchParams} />;
}
