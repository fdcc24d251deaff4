import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StockageDisque } from "./disque";
import { StockageS3 } from "./s3";
import { configurationStockage, stockageSelonConfiguration } from "./stockage";

const S3 = {
  EFNE_S3_ENDPOINT: "https://s3.fr-par.scw.cloud",
  EFNE_S3_REGION: "fr-par",
  EFNE_S3_BUCKET: "efne-documents",
  EFNE_S3_ACCESS_KEY_ID: "SCWXXXXXXXX",
  EFNE_S3_SECRET_ACCESS_KEY: "secret",
};

describe("choix du stockage des documents selon la configuration", () => {
  it("sans variable S3 : le disque, dans .donnees/documents par défaut ou dans EFNE_STOCKAGE_REPERTOIRE", () => {
    expect(configurationStockage({})).toEqual({ type: "disque", repertoire: join(process.cwd(), ".donnees/documents") });
    expect(configurationStockage({ EFNE_STOCKAGE_REPERTOIRE: "/srv/efne/documents", EFNE_S3_BUCKET: "  " })).toEqual({ type: "disque", repertoire: "/srv/efne/documents" });
    expect(stockageSelonConfiguration({})).toBeInstanceOf(StockageDisque);
  });

  it("avec les cinq variables S3 : le compartiment", () => {
    expect(configurationStockage(S3)).toEqual({ type: "s3", endpoint: S3.EFNE_S3_ENDPOINT, region: "fr-par", bucket: "efne-documents", idCleAcces: "SCWXXXXXXXX", cleSecrete: "secret" });
    expect(stockageSelonConfiguration(S3)).toBeInstanceOf(StockageS3);
  });

  it("une partie seulement des variables S3 : une erreur qui dit lesquelles manquent, jamais le disque en silence", () => {
    const { EFNE_S3_SECRET_ACCESS_KEY: _secret, EFNE_S3_REGION: _region, ...partiel } = S3;
    expect(() => configurationStockage(partiel)).toThrow(
      "Stockage S3 incomplet : EFNE_S3_REGION, EFNE_S3_SECRET_ACCESS_KEY manquent (EFNE_S3_ENDPOINT, EFNE_S3_BUCKET, EFNE_S3_ACCESS_KEY_ID sont définies). Définissez les cinq variables EFNE_S3_* pour utiliser un compartiment S3, ou aucune pour stocker les documents sur le disque.",
    );
    expect(() => configurationStockage({ EFNE_S3_BUCKET: "b" })).toThrow(/^Stockage S3 incomplet : EFNE_S3_ENDPOINT, EFNE_S3_REGION, EFNE_S3_ACCESS_KEY_ID, EFNE_S3_SECRET_ACCESS_KEY manquent \(EFNE_S3_BUCKET est définie\)/);
  });

  it("une adresse de service invalide est dite", () => {
    expect(() => configurationStockage({ ...S3, EFNE_S3_ENDPOINT: "s3.fr-par.scw.cloud" })).toThrow("EFNE_S3_ENDPOINT n'est pas une adresse valide");
    expect(() => configurationStockage({ ...S3, EFNE_S3_ENDPOINT: "ftp://s3.example" })).toThrow("EFNE_S3_ENDPOINT doit commencer par https:// ou http://");
  });
});
