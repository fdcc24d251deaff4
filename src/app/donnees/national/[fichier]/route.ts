import { repondreTableauCsv } from "../../_tableau/telechargement";

export const dynamic = "force-dynamic";

/** A table of the national dashboard as a CSV file. */
export async function GET(requete: Request, { params }: { params: Promise<{ fichier: string }> }) {
  const { fichier } = await params;
  return repondreTableauCsv({ portee: { type: "national" }, fichier, url: requete.url });
}
