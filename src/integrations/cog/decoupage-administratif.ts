import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { millesimeDuPaquet, type SourcesCog } from "@/domain/territoires/referentiel";

/*
 * Reads the Code officiel géographique shipped by @etalab/decoupage-administratif. Its index.js is
 * broken: the JSON files are read directly.
 */

export const NOM_PAQUET_COG = "@etalab/decoupage-administratif";

export interface SourceCog {
  paquet: string;
  version: string;
  millesime: string;
  /** SHA-256 of the files read: an unchanged empreinte means nothing to import. */
  empreinte: string;
  lire(): SourcesCog;
}

function dossierDuPaquet(): string {
  // Resolved from the project's root so that it works the same from the command line and the bundled app.
  const requerir = createRequire(join(process.cwd(), "package.json"));
  return dirname(requerir.resolve(`${NOM_PAQUET_COG}/package.json`));
}

const FICHIERS = ["regions", "departements", "communes", "epci", "ept"] as const;

export function sourceCogInstallee(): SourceCog {
  const dossier = dossierDuPaquet();
  const { version } = JSON.parse(readFileSync(join(dossier, "package.json"), "utf8")) as { version: string };
  const millesime = millesimeDuPaquet(readFileSync(join(dossier, "README.md"), "utf8"), version);
  if (!millesime) {
    throw new Error(`Le millésime du COG livré par ${NOM_PAQUET_COG} ${version} est introuvable dans son README.`);
  }
  const hachage = createHash("sha256");
  const contenus = new Map<string, Buffer>();
  for (const nom of FICHIERS) {
    const contenu = readFileSync(join(dossier, "data", `${nom}.json`));
    contenus.set(nom, contenu);
    hachage.update(nom).update(contenu);
  }
  const empreinte = hachage.digest("hex");
  return {
    paquet: NOM_PAQUET_COG,
    version,
    millesime,
    empreinte,
    lire() {
      const json = (nom: (typeof FICHIERS)[number]) => JSON.parse((contenus.get(nom) as Buffer).toString("utf8"));
      return {
        regions: json("regions"),
        departements: json("departements"),
        communes: json("communes"),
        epci: json("epci"),
        ept: json("ept"),
      };
    },
  };
}
