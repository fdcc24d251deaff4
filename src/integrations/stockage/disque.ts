import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { verifierCle } from "./cle";
import type { Stockage } from "./stockage";

/*
 * Documents in a directory of this machine. A file is written beside its final name, flushed to
 * disk, then renamed: a reader sees the whole file or nothing, never half of one.
 */

const estAbsent = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === "ENOENT";

export class StockageDisque implements Stockage {
  readonly type = "disque" as const;

  readonly repertoire: string;

  constructor(repertoire: string) {
    this.repertoire = resolve(/*turbopackIgnore: true*/ repertoire);
  }

  private chemin(cle: string): string {
    const chemin = join(this.repertoire, ...verifierCle(cle).split("/"));
    // verifierCle already refuses ".." segments; this keeps the promise whatever the key rule becomes.
    if (!chemin.startsWith(this.repertoire + sep)) throw new Error(`Clé de stockage hors du répertoire : « ${cle} ».`);
    return chemin;
  }

  async ecrire(cle: string, octets: Uint8Array): Promise<void> {
    const chemin = this.chemin(cle);
    await mkdir(dirname(chemin), { recursive: true });
    const temporaire = `${chemin}.${randomBytes(6).toString("hex")}.partiel`;
    const fichier = await open(temporaire, "wx", 0o640);
    try {
      try {
        await fichier.writeFile(octets);
        await fichier.sync();
      } finally {
        await fichier.close();
      }
      await rename(temporaire, chemin);
    } catch (erreur) {
      await unlink(temporaire).catch(() => undefined);
      throw erreur;
    }
  }

  async lire(cle: string): Promise<Buffer | null> {
    try {
      return await readFile(this.chemin(cle));
    } catch (e) {
      if (estAbsent(e)) return null;
      throw e;
    }
  }

  async ouvrir(cle: string): Promise<Readable | null> {
    try {
      const fichier = await open(this.chemin(cle), "r");
      return fichier.createReadStream({ highWaterMark: 256 * 1024 });
    } catch (e) {
      if (estAbsent(e)) return null;
      throw e;
    }
  }

  async existe(cle: string): Promise<boolean> {
    try {
      return (await stat(this.chemin(cle))).isFile();
    } catch (e) {
      if (estAbsent(e)) return false;
      throw e;
    }
  }
}
