import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { classeurEnFlux, crc32, lettreDeColonne, numeroDeSerie, texteXml, type Cellule } from "./xlsx";

async function octets(flux: AsyncIterable<Buffer>): Promise<Buffer> {
  const morceaux: Buffer[] = [];
  for await (const m of flux) morceaux.push(m);
  return Buffer.concat(morceaux);
}

async function* lots(n: number, taille: number): AsyncGenerator<Cellule[][]> {
  for (let debut = 0; debut < n; debut += taille) {
    yield Array.from({ length: Math.min(taille, n - debut) }, (_, i) => [new Date(Date.UTC(2026, 10, 29, 14, 5)), `Commune n° ${debut + i} — Œuvre & « Cœur » <b>`, null, "=1+1"]);
  }
}

describe("classeur XLSX en flux", () => {
  it("calcule le CRC-32 des archives ZIP", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("6789"), crc32(Buffer.from("12345")))).toBe(0xcbf43926);
  });

  it("nomme les colonnes, échappe le texte, date en numéro de série", () => {
    expect([0, 10, 25, 26, 27, 701].map(lettreDeColonne)).toEqual(["A", "K", "Z", "AA", "AB", "ZZ"]);
    expect(texteXml('a<b>&"c"\u0001')).toBe("a&lt;b&gt;&amp;&quot;c&quot;");
    expect(numeroDeSerie(new Date(Date.UTC(1970, 0, 1)))).toBe(25569);
  });

  it("écrit un classeur que les tableurs relisent : en-tête figé et filtré, dates typées, texte intact", async () => {
    const colonnes = [
      { titre: "Date de dépôt", largeur: 18 },
      { titre: "Collectivité", largeur: 40 },
      { titre: "Vide", largeur: 10 },
      { titre: "Formule", largeur: 10 },
    ];
    const fichier = await octets(classeurEnFlux({ feuille: "Contacts", colonnes, lots: lots(2500, 1000) }));
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(fichier as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet("Contacts");
    expect(feuille?.rowCount).toBe(2501);
    expect(feuille?.getRow(1).values).toEqual([undefined, "Date de dépôt", "Collectivité", "Vide", "Formule"]);
    expect(feuille?.getRow(1).getCell(1).font?.bold).toBe(true);
    const date = feuille?.getRow(2).getCell(1);
    expect(date?.value).toEqual(new Date(Date.UTC(2026, 10, 29, 14, 5)));
    expect(date?.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(feuille?.getRow(2501).getCell(2).value).toBe("Commune n° 2499 — Œuvre & « Cœur » <b>");
    // Text stays text: no formula.
    expect(feuille?.getRow(2).getCell(4).value).toBe("=1+1");
    expect(feuille?.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(feuille?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(feuille?.autoFilter).toBe("A1:D2501");
  });

  it("produit une archive ZIP intègre (contrôlée par l'outil zip de Python)", async () => {
    const fichier = await octets(classeurEnFlux({ feuille: "Contacts", colonnes: [{ titre: "A", largeur: 5 }], lots: lots(10, 3) }));
    const chemin = join(mkdtempSync(join(tmpdir(), "efne-xlsx-")), "essai.xlsx");
    writeFileSync(chemin, fichier);
    const sortie = execFileSync("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.namelist()))", chemin], { encoding: "utf8" });
    expect(sortie.trim().split("\n")).toEqual(["None", "6"]);
  });
});
