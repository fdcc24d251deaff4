import type { Metadata } from "next";
import { PageContacts } from "../../../_espace/Contacts";

export const metadata: Metadata = { title: "Liste des contacts" };

type Parametres = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function Contacts({ params, searchParams }: Parametres) {
  return <PageContacts demande={{ type: "region", code: (await params).code }} recherche={await searchParams} />;
}
