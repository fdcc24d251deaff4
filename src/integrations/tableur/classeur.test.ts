import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { classeurXlsx } from "./classeur";

describe("classeur XLSX de plusieurs feuilles", () => {
  it("étant donné deux feuilles, alors un tableur relit chacune : en-tête gras, figé et filtré, nombres, dates et texte typés", async () => {
    const fichier = await classeurXlsx([
      {
        nom: "Besoins",
        colonnes: [
          { titre: "Département", largeur: 20 },
          { titre: "ETP", largeur: 8 },
          { titre: "Le", largeur: 18 },
          { titre: "Formule", largeur: 10 },
        ],
        lignes: [
          ["Côte-d'Or & « Cœur » <b>", 1.5, new Date(Date.UTC(2026, 10, 29, 14, 5)), "=1+1"],
          ["Yonne", null, null, ""],
        ],
      },
      { nom: "Par besoin", colonnes: [{ titre: "Besoin", largeur: 40 }, { titre: "Rang moyen", largeur: 10 }], lignes: [["Rédiger la feuille de route", 1.25]] },
    ]);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(fichier as unknown as ArrayBuffer);
    expect(classeur.worksheets.map((f) => f.name)).toEqual(["Besoins", "Par besoin"]);
    const besoins = classeur.getWorksheet("Besoins");
    expect(besoins?.getRow(1).values).toEqual([undefined, "Département", "ETP", "Le", "Formule"]);
    expect(besoins?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(besoins?.getRow(2).getCell(1).value).toBe("Côte-d'Or & « Cœur » <b>");
    expect(besoins?.getRow(2).getCell(2).value).toBe(1.5);
    expect(besoins?.getRow(2).getCell(3).value).toEqual(new Date(Date.UTC(2026, 10, 29, 14, 5)));
    expect(besoins?.getRow(2).getCell(3).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(besoins?.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(besoins?.getRow(3).getCell(2).value).toBeNull();
    expect(besoins?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(besoins?.autoFilter).toBe("A1:D3");
    const parBesoin = classeur.getWorksheet("Par besoin");
    expect(parBesoin?.getRow(2).values).toEqual([undefined, "Rédiger la feuille de route", 1.25]);
    expect(parBesoin?.autoFilter).toBe("A1:B2");
  });

  it("produit une archive ZIP intègre (contrôlée par l'outil zip de Python)", async () => {
    const fichier = await classeurXlsx([
      { nom: "Un", colonnes: [{ titre: "A", largeur: 5 }], lignes: [] },
      { nom: "Deux", colonnes: [{ titre: "B", largeur: 5 }], lignes: [[1]] },
    ]);
    const chemin = join(mkdtempSync(join(tmpdir(), "efne-classeur-")), "essai.xlsx");
    writeFileSync(chemin, fichier);
    const sortie = execFileSync("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.namelist()))", chemin], { encoding: "utf8" });
    expect(sortie.trim().split("\n")).toEqual(["None", "7"]);
  });

  it("refuse un classeur sans feuille, un nom de feuille interdit ou en double", async () => {
    await expect(classeurXlsx([])).rejects.toThrow();
    await expect(classeurXlsx([{ nom: "A/B", colonnes: [], lignes: [] }])).rejects.toThrow();
    await expect(classeurXlsx([{ nom: "Feuille", colonnes: [], lignes: [] }, { nom: "feuille", colonnes: [], lignes: [] }])).rejects.toThrow();
  });
});
