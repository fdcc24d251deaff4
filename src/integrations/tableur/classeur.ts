import { archiveZip, lettreDeColonne, numeroDeSerie, texteXml, type Cellule, type ColonneXlsx } from "./xlsx";

/*
 * A small XLSX workbook of several sheets, built in memory: for exports of a few thousand rows at
 * most (the besoins of 101 départements), where the streaming writer of ./xlsx.ts, one sheet only,
 * is not needed. Same cells and conventions: typed cells (text, numbers, dates shown
 * "dd/mm/yyyy hh:mm"), a bold frozen header row with filters on each sheet. The ZIP is ./xlsx.ts's.
 */

export interface FeuilleXlsx {
  /** 31 characters at most, none of : \ / ? * [ ] (Excel's rule). */
  nom: string;
  colonnes: readonly ColonneXlsx[];
  lignes: ReadonlyArray<readonly Cellule[]>;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPE_FEUILLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

// Styles: 0 default, 1 date "dd/mm/yyyy hh:mm", 2 bold (header).
const STYLES = `${XML}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function cellule(valeur: Cellule, reference: string, enTete: boolean): string {
  if (valeur === null || valeur === "") return "";
  if (valeur instanceof Date) return Number.isNaN(valeur.getTime()) ? "" : `<c r="${reference}" s="1"><v>${numeroDeSerie(valeur)}</v></c>`;
  if (typeof valeur === "number") return Number.isFinite(valeur) ? `<c r="${reference}"><v>${valeur}</v></c>` : "";
  return `<c r="${reference}" t="inlineStr"${enTete ? ' s="2"' : ""}><is><t xml:space="preserve">${texteXml(valeur)}</t></is></c>`;
}

function ligne(valeurs: readonly Cellule[], numero: number, enTete = false): string {
  return `<row r="${numero}">${valeurs.map((v, i) => cellule(v, `${lettreDeColonne(i)}${numero}`, enTete)).join("")}</row>`;
}

const plage = (f: FeuilleXlsx) => `A1:${lettreDeColonne(Math.max(f.colonnes.length, 1) - 1)}${f.lignes.length + 1}`;

function xmlDeFeuille(f: FeuilleXlsx): string {
  const colonnes = f.colonnes.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.largeur}" customWidth="1"/>`).join("");
  const lignes = [
    ligne(
      f.colonnes.map((c) => c.titre),
      1,
      true,
    ),
    ...f.lignes.map((valeurs, i) => ligne(valeurs, i + 2)),
  ].join("");
  return `${XML}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${colonnes}</cols><sheetData>${lignes}</sheetData><autoFilter ref="${plage(f)}"/></worksheet>`;
}

function nomValide(nom: string): boolean {
  return nom.length > 0 && nom.length <= 31 && !/[:\\/?*[\]]/.test(nom);
}

/** The bytes of a .xlsx holding the sheets in order (the first one opens). */
export async function classeurXlsx(feuilles: readonly FeuilleXlsx[]): Promise<Buffer> {
  if (feuilles.length === 0) throw new Error("Un classeur a au moins une feuille.");
  const noms = feuilles.map((f) => f.nom);
  if (!noms.every(nomValide) || new Set(noms.map((n) => n.toLowerCase())).size !== noms.length) throw new Error("Noms de feuilles invalides ou en double.");
  const types = feuilles.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${TYPE_FEUILLE}"/>`).join("");
  const liens = feuilles.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  const declarations = feuilles.map((f, i) => `<sheet name="${texteXml(f.nom)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const filtres = feuilles
    .map((f, i) => {
      const [debut, fin] = plage(f).split(":") as [string, string];
      const absolu = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${texteXml(f.nom).replace(/'/g, "''")}'!${absolu(debut)}:${absolu(fin)}</definedName>`;
    })
    .join("");
  const entrees = [
    {
      nom: "[Content_Types].xml",
      xml: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${types}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    { nom: "_rels/.rels", xml: `${XML}<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      nom: "xl/_rels/workbook.xml.rels",
      xml: `${XML}<Relationships xmlns="${NS_PKG}">${liens}<Relationship Id="rId${feuilles.length + 1}" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`,
    },
    { nom: "xl/workbook.xml", xml: `${XML}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets>${declarations}</sheets><definedNames>${filtres}</definedNames></workbook>` },
    { nom: "xl/styles.xml", xml: STYLES },
    ...feuilles.map((f, i) => ({ nom: `xl/worksheets/sheet${i + 1}.xml`, xml: xmlDeFeuille(f) })),
  ];
  async function* sources() {
    for (const e of entrees) yield { nom: e.nom, contenu: [Buffer.from(e.xml, "utf8")] };
  }
  const morceaux: Buffer[] = [];
  for await (const m of archiveZip(sources())) morceaux.push(m);
  return Buffer.concat(morceaux);
}
