import { repondreTableauCsv } from "../../../_tableau/telechargement";

export const dynamic = "force-dynamic";

/** A table of a département's dashboard as a CSV file. */
export async function GET(requete: Request, { params }: { params: Promise<{ code: string; fichier: string }> }) {
  const { code, fichier } = await params;
  return repondreTableauCsv({ portee: { type: "departement", code }, fichier, url: requete.url });
}
