import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { StockageDisque } from "./disque";
import { StockageS3, type ConfigurationS3 } from "./s3";

/*
 * Where the documents' bytes live (PRODUCT §6): a directory on this machine by default, or an
 * S3-compatible bucket when the five EFNE_S3_* settings are given. The database keeps what they
 * are; the store keeps only bytes, under keys the application makes (never a name a person typed).
 */

export interface Stockage {
  readonly type: "disque" | "s3";
  /** Writes the bytes under the key, whole or not at all. */
  ecrire(cle: string, octets: Uint8Array, options?: { typeMime?: string }): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  lire(cle: string): Promise<Buffer | null>;
  /** The bytes under the key as a stream, or null when there are none. */
  ouvrir(cle: string): Promise<Readable | null>;
  existe(cle: string): Promise<boolean>;
}

export const DOSSIER_DOCUMENTS_PAR_DEFAUT = ".donnees/documents";

export const VARIABLES_S3 = ["EFNE_S3_ENDPOINT", "EFNE_S3_REGION", "EFNE_S3_BUCKET", "EFNE_S3_ACCESS_KEY_ID", "EFNE_S3_SECRET_ACCESS_KEY"] as const;

export type ConfigurationStockage = { type: "disque"; repertoire: string } | ({ type: "s3" } & ConfigurationS3);

/**
 * The store the settings describe: S3 when the five EFNE_S3_* variables are set, the directory
 * EFNE_STOCKAGE_REPERTOIRE (default .donnees/documents, beside the embedded database) otherwise.
 * Some S3 variables without the others is a mistake said plainly, never a silent fallback to disk.
 */
export function configurationStockage(env: Record<string, string | undefined> = process.env): ConfigurationStockage {
  const valeurs = Object.fromEntries(VARIABLES_S3.map((v) => [v, env[v]?.trim() ?? ""])) as Record<(typeof VARIABLES_S3)[number], string>;
  const definies = VARIABLES_S3.filter((v) => valeurs[v] !== "");
  if (definies.length === 0) {
    return { type: "disque", repertoire: resolve(/*turbopackIgnore: true*/ env.EFNE_STOCKAGE_REPERTOIRE?.trim() || DOSSIER_DOCUMENTS_PAR_DEFAUT) };
  }
  const manquantes = VARIABLES_S3.filter((v) => valeurs[v] === "");
  if (manquantes.length > 0) {
    throw new Error(
      `Stockage S3 incomplet : ${manquantes.join(", ")} ${manquantes.length > 1 ? "manquent" : "manque"} (${definies.join(", ")} ${definies.length > 1 ? "sont définies" : "est définie"}). ` +
        "Définissez les cinq variables EFNE_S3_* pour utiliser un compartiment S3, ou aucune pour stocker les documents sur le disque.",
    );
  }
  let endpoint: URL;
  try {
    endpoint = new URL(valeurs.EFNE_S3_ENDPOINT);
  } catch {
    throw new Error(`EFNE_S3_ENDPOINT n'est pas une adresse valide : « ${valeurs.EFNE_S3_ENDPOINT} » (exemple : https://s3.fr-par.scw.cloud).`);
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") throw new Error(`EFNE_S3_ENDPOINT doit commencer par https:// ou http:// : « ${valeurs.EFNE_S3_ENDPOINT} ».`);
  return {
    type: "s3",
    endpoint: valeurs.EFNE_S3_ENDPOINT,
    region: valeurs.EFNE_S3_REGION,
    bucket: valeurs.EFNE_S3_BUCKET,
    idCleAcces: valeurs.EFNE_S3_ACCESS_KEY_ID,
    cleSecrete: valeurs.EFNE_S3_SECRET_ACCESS_KEY,
  };
}

export function creerStockage(configuration: ConfigurationStockage): Stockage {
  return configuration.type === "disque" ? new StockageDisque(configuration.repertoire) : new StockageS3(configuration);
}

/** The store of this process's settings (throws, with what to fix, when they are inconsistent). */
export function stockageSelonConfiguration(env: Record<string, string | undefined> = process.env): Stockage {
  return creerStockage(configurationStockage(env));
}
