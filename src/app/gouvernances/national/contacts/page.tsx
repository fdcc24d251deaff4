import type { Metadata } from "next";
import { PageContacts } from "../../_espace/Contacts";

export const metadata: Metadata = { title: "Liste des contacts" };

export default async function Contacts({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <PageContacts demande={{ type: "national" }} recherche={await searchParams} />;
}
