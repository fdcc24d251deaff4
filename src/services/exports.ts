import { Readable } from "node:stream";
import { BOM, COLONNES_CONTACTS, heureMurale, ligneCsv, neutraliser, valeursDeContact, type Separateur } from "@/domain/exports/contacts";
import type { Executeur } from "@/db/client";
import { classeurEnFlux, type Cellule } from "@/integrations/tableur/xlsx";
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
 * written batch by batch as the client reads (src/integrations/tableur/xlsx.ts).
 */
export function fluxXlsx(db: Executeur, territoire: Territoire): ReadableStream<Uint8Array> {
  async function* lots(): AsyncGenerator<Cellule[][]> {
    for await (const lot of lignesDeContacts(db, territoire)) {
      // Text cells are neutralised like the CSV's: a spreadsheet never runs them.
      yield lot.map((l) => {
        const [, ...textes] = valeursDeContact(l);
        return [heureMurale(l.deposeLe), ...textes.map(neutraliser)];
      });
    }
  }
  const octets = classeurEnFlux({ feuille: "Contacts", colonnes: COLONNES_CONTACTS.map((titre, i) => ({ titre, largeur: LARGEURS[i] ?? 20 })), lots: lots() });
  return Readable.toWeb(Readable.from(octets, { objectMode: false })) as ReadableStream<Uint8Array>;
}
