import { PassThrough, Readable } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { BOM, COLONNES_CONTACTS, heureMurale, ligneCsv, neutraliser, valeursDeContact, type Separateur } from "@/domain/exports/contacts";
import type { Executeur } from "@/db/client";
import { lignesDeContacts, type Territoire } from "./espace-prefecture";

/*
 * The contacts exports, streamed: the lines are read from the database by batches as the client
 * downloads, so the national export never holds the whole file in memory.
 */

const encodeur = new TextEncoder();

/** CSV in UTF-8 with a BOM, quoted cells, CRLF, the separator chosen. Pulled batch by batch. */
export function fluxCsv(db: Executeur, territoire: Territoire, separateur: Separateur): ReadableStream<Uint8Array> {
  const lots = lignesDeContacts(db, territoire);
  let entete = true;
  return new ReadableStream<Uint8Array>({
    async pull(controleur) {
      if (entete) {
        entete = false;
        controleur.enqueue(encodeur.encode(BOM + ligneCsv(COLONNES_CONTACTS, separateur)));
        return;
      }
      const { value, done } = await lots.next();
      if (done) {
        controleur.close();
        return;
      }
      controleur.enqueue(encodeur.encode(value.map((l) => ligneCsv(valeursDeContact(l), separateur)).join("")));
    },
    async cancel() {
      await lots.return(undefined);
    },
  });
}

const LARGEURS = [18, 40, 14, 32, 30, 30, 30, 16, 36, 16, 12];

/**
 * XLSX with typed columns (the deposit date is a date cell), a frozen header row and filters,
 * written by ExcelJS's streaming writer; each batch waits until the client has taken the previous.
 */
export function fluxXlsx(db: Executeur, territoire: Territoire): ReadableStream<Uint8Array> {
  const sortie = new PassThrough({ highWaterMark: 1 << 20 });
  const classeur = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sortie, useStyles: true, useSharedStrings: false });
  classeur.creator = "Espace France Numérique Ensemble";
  const feuille = classeur.addWorksheet("Contacts", { views: [{ state: "frozen", ySplit: 1 }] });
  feuille.columns = COLONNES_CONTACTS.map((titre, i) => ({ header: titre, key: `c${i}`, width: LARGEURS[i] ?? 20, ...(i === 0 ? { style: { numFmt: "dd/mm/yyyy hh:mm" } } : {}) }));
  feuille.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLONNES_CONTACTS.length } };
  feuille.getRow(1).font = { bold: true };
  feuille.getRow(1).commit();
  const ecrire = async () => {
    for await (const lot of lignesDeContacts(db, territoire)) {
      for (const l of lot) {
        const [, ...textes] = valeursDeContact(l);
        // Text cells are neutralised like the CSV's: a spreadsheet never runs them.
        feuille.addRow([heureMurale(l.deposeLe), ...textes.map(neutraliser)]).commit();
      }
      if (sortie.writableNeedDrain) await once(sortie, "drain");
    }
    feuille.commit();
    await classeur.commit();
  };
  ecrire().catch((erreur: unknown) => sortie.destroy(erreur instanceof Error ? erreur : new Error(String(erreur))));
  return Readable.toWeb(sortie) as ReadableStream<Uint8Array>;
}
