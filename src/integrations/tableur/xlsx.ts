import { once } from "node:events";
import { constants, createDeflateRaw } from "node:zlib";

/*
 * A streaming XLSX writer: one worksheet of typed cells (text, dates), a frozen header row and an
 * autofilter, written row batch by row batch into a ZIP archive whose entries carry their sizes
 * after their data (data descriptors). Nothing but the current batch is held in memory, whatever
 * the number of rows (ExcelJS 4 keeps a whole sheet until its end).
 */

export type Cellule = string | Date | number | null;

export interface ColonneXlsx {
  titre: string;
  largeur: number;
}

/* ---------- ZIP ---------- */

const TABLE_CRC = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(donnees: Uint8Array, precedent = 0): number {
  let c = (precedent ^ 0xffffffff) >>> 0;
  for (let i = 0; i < donnees.length; i += 1) c = (TABLE_CRC[(c ^ (donnees[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface EntreeCentrale {
  nom: Buffer;
  crc: number;
  compresse: number;
  taille: number;
  position: number;
}

const DATE_DOS = 0x21; // 1980-01-01: the archive's entries carry no meaningful time
const LIMITE_ZIP32 = 0xffffffff;

/** Deflates the parts of one entry; each part is flushed so that its bytes can leave at once. */
function compresseur() {
  const flux = createDeflateRaw({ level: 6 });
  const sortis: Buffer[] = [];
  flux.on("data", (c: Buffer) => sortis.push(c));
  return {
    async ecrire(morceau: Buffer): Promise<Buffer[]> {
      flux.write(morceau);
      await new Promise<void>((resolve) => flux.flush(constants.Z_SYNC_FLUSH, () => resolve()));
      return sortis.splice(0);
    },
    async terminer(): Promise<Buffer[]> {
      const fin = once(flux, "end");
      flux.end();
      await fin;
      return sortis.splice(0);
    },
  };
}

/** A ZIP archive of entries given as async sources of bytes, produced as it is read. */
export async function* archiveZip(entrees: AsyncIterable<{ nom: string; contenu: AsyncIterable<Buffer> | Iterable<Buffer> }>): AsyncGenerator<Buffer> {
  let position = 0;
  const centrale: EntreeCentrale[] = [];
  for await (const entree of entrees) {
    const nom = Buffer.from(entree.nom, "utf8");
    const entete = Buffer.alloc(30);
    entete.writeUInt32LE(0x04034b50, 0);
    entete.writeUInt16LE(20, 4);
    entete.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 name
    entete.writeUInt16LE(8, 8); // deflate
    entete.writeUInt16LE(0, 10);
    entete.writeUInt16LE(DATE_DOS, 12);
    entete.writeUInt16LE(nom.length, 26);
    const debut = position;
    yield Buffer.concat([entete, nom]);
    position += 30 + nom.length;
    const z = compresseur();
    let crc = 0;
    let taille = 0;
    let compresse = 0;
    for await (const morceau of entree.contenu) {
      crc = crc32(morceau, crc);
      taille += morceau.length;
      for (const sortie of await z.ecrire(morceau)) {
        compresse += sortie.length;
        yield sortie;
      }
    }
    for (const sortie of await z.terminer()) {
      compresse += sortie.length;
      yield sortie;
    }
    if (taille > LIMITE_ZIP32 || compresse > LIMITE_ZIP32 || position + compresse > LIMITE_ZIP32) throw new Error("Fichier trop volumineux pour une archive ZIP sans ZIP64.");
    position += compresse;
    const descripteur = Buffer.alloc(16);
    descripteur.writeUInt32LE(0x08074b50, 0);
    descripteur.writeUInt32LE(crc, 4);
    descripteur.writeUInt32LE(compresse, 8);
    descripteur.writeUInt32LE(taille, 12);
    yield descripteur;
    position += 16;
    centrale.push({ nom, crc, compresse, taille, position: debut });
  }
  const debutCentrale = position;
  for (const e of centrale) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0808, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(0, 12);
    h.writeUInt16LE(DATE_DOS, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.compresse, 20);
    h.writeUInt32LE(e.taille, 24);
    h.writeUInt16LE(e.nom.length, 28);
    h.writeUInt32LE(e.position, 42);
    yield Buffer.concat([h, e.nom]);
    position += 46 + e.nom.length;
  }
  const fin = Buffer.alloc(22);
  fin.writeUInt32LE(0x06054b50, 0);
  fin.writeUInt16LE(centrale.length, 8);
  fin.writeUInt16LE(centrale.length, 10);
  fin.writeUInt32LE(position - debutCentrale, 12);
  fin.writeUInt32LE(debutCentrale, 16);
  yield fin;
}

/* ---------- SpreadsheetML ---------- */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Text for XML: escaped, without the characters XML 1.0 forbids. */
export function texteXml(valeur: string): string {
  return valeur
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function lettreDeColonne(index: number): string {
  let n = index + 1;
  let lettres = "";
  while (n > 0) {
    const reste = (n - 1) % 26;
    lettres = String.fromCharCode(65 + reste) + lettres;
    n = Math.floor((n - 1) / 26);
  }
  return lettres;
}

/** A date as a spreadsheet serial number (its UTC fields are what the cell shows). */
export function numeroDeSerie(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

// Styles: 0 default, 1 date "dd/mm/yyyy hh:mm", 2 bold (header).
const STYLES = `${XML}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function cellule(valeur: Cellule, reference: string, style?: number): string {
  const s = style ? ` s="${style}"` : "";
  if (valeur === null || valeur === "") return "";
  if (valeur instanceof Date) return `<c r="${reference}" s="1"><v>${numeroDeSerie(valeur)}</v></c>`;
  if (typeof valeur === "number") return `<c r="${reference}"${s}><v>${valeur}</v></c>`;
  return `<c r="${reference}" t="inlineStr"${s}><is><t xml:space="preserve">${texteXml(valeur)}</t></is></c>`;
}

function ligne(valeurs: readonly Cellule[], numero: number, style?: number): string {
  return `<row r="${numero}">${valeurs.map((v, i) => cellule(v, `${lettreDeColonne(i)}${numero}`, style)).join("")}</row>`;
}

/**
 * A workbook of one sheet: the header row (bold, frozen, with filters), then the rows of each batch
 * as they come. Returns the bytes of the .xlsx, produced as they are read.
 */
export function classeurEnFlux(p: { feuille: string; colonnes: readonly ColonneXlsx[]; lots: AsyncIterable<ReadonlyArray<readonly Cellule[]>> }): AsyncGenerator<Buffer> {
  let lignes = 1;
  const derniereColonne = lettreDeColonne(p.colonnes.length - 1);
  async function* feuille(): AsyncGenerator<Buffer> {
    const colonnes = p.colonnes.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.largeur}" customWidth="1"/>`).join("");
    yield Buffer.from(
      `${XML}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${colonnes}</cols><sheetData>${ligne(
        p.colonnes.map((c) => c.titre),
        1,
        2,
      )}`,
      "utf8",
    );
    for await (const lot of p.lots) {
      if (lot.length === 0) continue;
      yield Buffer.from(lot.map((valeurs) => ligne(valeurs, ++lignes)).join(""), "utf8");
    }
    yield Buffer.from(`</sheetData><autoFilter ref="A1:${derniereColonne}${lignes}"/></worksheet>`, "utf8");
  }
  const nomFeuille = texteXml(p.feuille);
  async function* entrees() {
    yield {
      nom: "[Content_Types].xml",
      contenu: [
        Buffer.from(
          `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
        ),
      ],
    };
    yield { nom: "_rels/.rels", contenu: [Buffer.from(`${XML}<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)] };
    yield {
      nom: "xl/_rels/workbook.xml.rels",
      contenu: [
        Buffer.from(
          `${XML}<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`,
        ),
      ],
    };
    yield { nom: "xl/styles.xml", contenu: [Buffer.from(STYLES)] };
    yield { nom: "xl/worksheets/sheet1.xml", contenu: feuille() };
    // Written last: the filter's range is known once every row is.
    yield {
      nom: "xl/workbook.xml",
      contenu: [
        Buffer.from(
          `${XML}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets><sheet name="${nomFeuille}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${nomFeuille.replace(/'/g, "''")}'!$A$1:$${derniereColonne}$${lignes}</definedName></definedNames></workbook>`,
        ),
      ],
    };
  }
  return archiveZip(entrees());
}
