import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { besoins, besoinsDepartements, gouvernances } from "@/db/schema";
import { remplacerConnexion } from "@/db/connexion-application";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { CARTE_RESSOURCE_HUMAINE } from "@/domain/besoins/besoins";
import { COLONNES_BESOINS, COLONNES_PAR_BESOIN } from "@/domain/exports/besoins";
import type { Acteur } from "@/domain/identite/roles";
import { repondreExportBesoins } from "@/app/gouvernances/national/_besoins/export";
import { besoinsNationaux, enregistrerClassement, enregistrerSelection } from "./besoins";
import { syntheseDesBesoinsNationaux } from "./besoins-nationaux";
import { chargerGouvernancesDeDemonstration, effacerGouvernancesDeDemonstration } from "./demonstration-gouvernances";

/* The national view and downloads of the besoins en ingénierie financière, on both databases. */

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T10:00:00Z");
const PREFECTURE_58: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const NATIONAL: Acteur = { id: randomUUID(), role: "administrateur", perimetres: [] };
afterEach(() => remplacerConnexion(undefined));

const SELECTION = {
  besoins: [
    { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true },
    { categorie: "outillage", item: "autre", precision: "=HYPERLINK(\"http://exemple.invalid\")", prestation: true },
    { categorie: "formation", item: "agentsPublics", personnes: 40 },
  ],
};
const CLASSEMENT = ["formation:formation.agentsPublics", CARTE_RESSOURCE_HUMAINE, "prestation:formalisation.redaction", "prestation:outillage.autre"];

describe("besoins en ingénierie financière : vue et exports nationaux", () => {
  it("les exports : 401 sans session, 403 pour une préfecture, 400 séparateur ; le CSV a l'en-tête, une ligne par besoin, la formule neutralisée ; le XLSX a ses deux feuilles typées", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: SELECTION, version: 0, maintenant })).toMatchObject({ ok: true });
      expect(await enregistrerClassement({ connexion, acteur: PREFECTURE_58, code: "58", classement: CLASSEMENT, version: 1, maintenant })).toMatchObject({ ok: true });
      remplacerConnexion(connexion);
      const exporter = (acteur: Acteur | null, format: "csv" | "xlsx", requete = "") => repondreExportBesoins({ acteur, format, url: `http://localhost/gouvernances/national/besoins.${format}${requete}`, maintenant });

      expect((await exporter(null, "csv")).status).toBe(401);
      const refus = await exporter(PREFECTURE_58, "csv");
      expect(refus.status).toBe(403);
      expect(await refus.json()).toEqual({ erreur: "Votre compte ne donne pas accès aux besoins de tous les départements." });
      expect((await exporter(PREFECTURE_58, "xlsx")).status).toBe(403);
      // The permission comes before the parameters.
      expect((await exporter(PREFECTURE_58, "csv", "?separateur=tab")).status).toBe(403);
      expect((await exporter(NATIONAL, "csv", "?separateur=tab")).status).toBe(400);
      // A name every object inherits is no separator either.
      expect((await exporter(NATIONAL, "csv", "?separateur=toString")).status).toBe(400);
      expect(await syntheseDesBesoinsNationaux({ db: connexion.db, acteur: PREFECTURE_58 })).toEqual({ ok: false, erreur: "nonAutorise" });

      const csv = await exporter(NATIONAL, "csv");
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toBe('attachment; filename="france-numerique-ensemble_besoins_national_2026-11-29-11-00.csv"');
      const octets = new Uint8Array(await csv.arrayBuffer());
      expect([...octets.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lignes = new TextDecoder()
        .decode(octets.slice(3))
        .split("\r\n")
        .filter((l) => l !== "");
      expect(lignes[0]).toBe(COLONNES_BESOINS.map((c) => `"${c}"`).join(";"));
      const nievre = lignes.filter((l) => l.startsWith('"58";'));
      expect(nievre).toEqual([
        '"58";"Nièvre";"Formaliser les feuilles de route";"Rédiger la feuille de route";"";"0,5";"Oui";"";"3";"2";"29/11/2026 11:00"',
        `"58";"Nièvre";"Outils des acteurs du territoire";"Autre";"'=HYPERLINK(""http://exemple.invalid"")";"";"Oui";"";"4";"";"29/11/2026 11:00"`,
        '"58";"Nièvre";"Former les professionnels à l\'inclusion numérique";"Former les agents publics à l\'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..)";"";"";"";"40";"1";"";"29/11/2026 11:00"',
      ]);
      const virgule = await exporter(NATIONAL, "csv", "?separateur=virgule");
      const avecBom = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await virgule.arrayBuffer());
      expect(avecBom.split("\r\n")[0]).toBe(`\uFEFF${COLONNES_BESOINS.map((c) => `"${c}"`).join(",")}`);

      const xlsx = await exporter(NATIONAL, "xlsx");
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="france-numerique-ensemble_besoins_national_2026-11-29-11-00.xlsx"');
      const classeur = new ExcelJS.Workbook();
      await classeur.xlsx.load(await xlsx.arrayBuffer());
      expect(classeur.worksheets.map((f) => f.name)).toEqual(["Besoins", "Par besoin"]);
      const feuille = classeur.getWorksheet("Besoins");
      expect(feuille?.getRow(1).values).toEqual([undefined, ...COLONNES_BESOINS]);
      const ligne = feuille?.getRows(2, (feuille?.rowCount ?? 1) - 1)?.find((r) => r.getCell(1).value === "58" && r.getCell(4).value === "Rédiger la feuille de route");
      expect(ligne?.getCell(6).value).toBe(0.5);
      expect(ligne?.getCell(9).value).toBe(3);
      expect(ligne?.getCell(11).value).toEqual(new Date(Date.UTC(2026, 10, 29, 11, 0)));
      const autre = feuille?.getRows(2, (feuille?.rowCount ?? 1) - 1)?.find((r) => r.getCell(1).value === "58" && r.getCell(4).value === "Autre");
      expect(autre?.getCell(5).value).toBe(`'=HYPERLINK("http://exemple.invalid")`);
      expect(autre?.getCell(5).type).toBe(ExcelJS.ValueType.String);
      const parBesoin = classeur.getWorksheet("Par besoin");
      expect(parBesoin?.getRow(1).values).toEqual([undefined, ...COLONNES_PAR_BESOIN]);
      const agents = parBesoin?.getRows(2, (parBesoin?.rowCount ?? 1) - 1)?.find((r) => String(r.getCell(2).value).startsWith("Former les agents publics"));
      expect(agents?.getCell(3).value).toBeGreaterThanOrEqual(1);
      expect(agents?.getCell(6).value).toBeGreaterThanOrEqual(40);
    });
  });

  it("la démonstration donne des besoins fictifs à la Côte-d'Or et à l'Yonne (classés) et à la Saône-et-Loire (pas encore classés), jamais par-dessus de vrais besoins ; effacer les retire seuls", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const db = connexion.db;
      // Real besoins in the Nièvre, and a real gouvernance started in the Yonne: both left alone.
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: SELECTION, version: 0, maintenant })).toMatchObject({ ok: true });
      await db.insert(gouvernances).values({ codeDepartement: "89", etat: "brouillon", creeLe: maintenant, modifieLe: maintenant });
      expect(await chargerGouvernancesDeDemonstration(db, maintenant)).toMatchObject({ besoins: 2 });
      // Loading again gives the same rows.
      expect(await chargerGouvernancesDeDemonstration(db, maintenant)).toMatchObject({ besoins: 2 });
      const lus = await besoinsNationaux({ db, acteur: NATIONAL });
      if (!lus.ok) throw new Error(lus.erreur);
      expect(lus.valeur.map((d) => [d.code, d.demonstration, d.classementEnregistreLe !== null])).toEqual([
        ["21", true, true],
        ["58", false, false],
        ["71", true, false],
      ]);
      const synthese = await syntheseDesBesoinsNationaux({ db, acteur: NATIONAL });
      if (!synthese.ok) throw new Error(synthese.erreur);
      expect(synthese.valeur.departements.find((d) => d.code === "21")?.classementEnTexte).toMatch(/^1\. Ressource humaine \(1,5 ETP\) ; 2\. Prestation de service — Rédiger la feuille de route ; 3\. Former les agents publics/);
      expect(synthese.valeur.chiffres).toMatchObject({ departementsAvecBesoins: 3, classementsEnregistres: 1, demonstration: true });

      // Without the real gouvernance, the Yonne gets its ranked besoins.
      await db.delete(gouvernances).where(eq(gouvernances.codeDepartement, "89"));
      await chargerGouvernancesDeDemonstration(db, maintenant);
      const yonne = await syntheseDesBesoinsNationaux({ db, acteur: NATIONAL });
      expect(yonne.ok && yonne.valeur.departements.find((d) => d.code === "89")).toMatchObject({ demonstration: true, classementEnregistre: true, nombreBesoins: 5, classement: [{ rang: 1, cle: "prestation:financement.dossiersSubvention" }, {}, {}, {}, {}, {}] });

      await effacerGouvernancesDeDemonstration(db);
      expect((await db.select({ code: besoinsDepartements.codeDepartement }).from(besoinsDepartements)).map((b) => b.code)).toEqual(["58"]);
      expect(new Set((await db.select({ code: besoins.codeDepartement }).from(besoins)).map((b) => b.code))).toEqual(new Set(["58"]));
    });
  });
});
