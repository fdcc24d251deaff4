import { redirect } from "next/navigation";
import { estCodeDepartement } from "@/domain/territoires/codes";

/** The answer of the département switcher (a GET form): the chosen dashboard. */
export default async function ChoixDepartement({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const choix = (await searchParams).departement;
  if (typeof choix === "string" && estCodeDepartement(choix)) redirect(`/donnees/departements/${choix}`);
  redirect("/donnees/national");
}
