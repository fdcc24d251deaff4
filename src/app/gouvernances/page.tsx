import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { cheminDuTerritoire, territoireParDefaut, territoiresAccessibles } from "@/services/espace-prefecture";
import { sessionCourante } from "../session";
import { PresentationEspace, TITRE_ESPACE } from "./_espace/Espace";

export const metadata: Metadata = { title: "Espace préfecture" };

/**
 * "Espace préfecture": an agent goes to the territory chosen in the switcher (when it is theirs),
 * else to the one they opened last, else to their first; anyone else reads what the space is.
 */
export default async function Gouvernances({ searchParams }: { searchParams: Promise<{ territoire?: string }> }) {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const { territoire } = await searchParams;
  if (session && typeof territoire === "string") {
    const accessibles = (await territoiresAccessibles(db, session.acteur)).map(cheminDuTerritoire);
    if (accessibles.includes(territoire)) redirect(territoire);
  }
  const cible = await territoireParDefaut(db, session?.acteur ?? null);
  if (cible) redirect(cible);
  return <PresentationEspace connecte={session !== null} titre={TITRE_ESPACE} />;
}
