import { redirect } from "next/navigation";

/** The entry of the main navigation: the national dashboard. */
export default function Donnees() {
  redirect("/donnees/national");
}
