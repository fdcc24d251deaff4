import { connexionApplication } from "@/db/connexion-application";
import { SEPARATEURS, type Separateur } from "@/domain/exports/contacts";
import { csvDuTableau, tableauDiagnostic, tableauxDepartement, tableauxNational, type TableauDeDonnees } from "@/domain/donnees/tableau-de-bord";
import { estimerPublics } from "@/services/diagnostic-publics";
import { tableauDeBordDepartement, tableauDeBordNational } from "@/services/tableau-de-bord";
import { messageErreur } from "@/ui/messages-erreur";
import { reponseErreur } from "../../api/reponses";

/*
 * The CSV download of a table of the public dashboard: `/donnees/departements/{code}/{table}.csv`
 * and `/donnees/national/{table}.csv`. Public data, like the page.
 */

async function tableauxDe(portee: { type: "national" } | { type: "departement"; code: string }): Promise<{ ok: true; tableaux: TableauDeDonnees[]; nom: string } | { ok: false; reponse: Response }> {
  const { db } = await connexionApplication();
  const diagnostic = await estimerPublics(db, { codeDepartement: portee.type === "national" ? null : portee.code });
  if (!diagnostic.ok) {
    const code = portee.type === "national" ? "" : portee.code;
    return { ok: false, reponse: reponseErreur(diagnostic.erreur === "departementInconnu" ? 404 : 400, messageErreur(diagnostic.erreur, { code })) };
  }
  if (portee.type === "national") return { ok: true, tableaux: [...tableauxNational(await tableauDeBordNational(db)), tableauDiagnostic(diagnostic.valeur)], nom: "national" };
  const resultat = await tableauDeBordDepartement(db, portee.code);
  if (!resultat.ok) return { ok: false, reponse: reponseErreur(resultat.erreur === "departementInconnu" ? 404 : 400, messageErreur(resultat.erreur, { code: portee.code })) };
  return { ok: true, tableaux: [...tableauxDepartement(resultat.valeur), tableauDiagnostic(diagnostic.valeur)], nom: `departement-${portee.code}` };
}

export async function repondreTableauCsv(p: { portee: { type: "national" } | { type: "departement"; code: string }; fichier: string; url: string }): Promise<Response> {
  const separateur = new URL(p.url).searchParams.get("separateur") ?? "point-virgule";
  if (!(separateur in SEPARATEURS)) return reponseErreur(400, "Le paramètre separateur vaut « point-virgule » ou « virgule ».");
  const lus = await tableauxDe(p.portee);
  if (!lus.ok) return lus.reponse;
  const tableau = p.fichier.endsWith(".csv") ? lus.tableaux.find((t) => `${t.id}.csv` === p.fichier) : undefined;
  if (!tableau) return reponseErreur(404, `Aucun tableau « ${p.fichier.slice(0, 80)} ». Tableaux : ${lus.tableaux.map((t) => `${t.id}.csv`).join(", ")}.`);
  return new Response(csvDuTableau(tableau, separateur as Separateur), {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="france-numerique-ensemble_donnees_${lus.nom}_${tableau.id}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
