import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StockageDisque } from "./disque";

const racine = mkdtempSync(join(tmpdir(), "efne-stockage-"));
afterAll(() => rmSync(racine, { recursive: true, force: true }));

describe("stockage sur le disque", () => {
  it("écrit sous la clé (dossiers créés), sans fichier temporaire laissé, puis relit à l'identique", async () => {
    const stockage = new StockageDisque(join(racine, "documents"));
    const octets = new Uint8Array(1_000_000).map((_, i) => i % 251);
    await stockage.ecrire("feuilles-de-route/58/abc.pdf", octets);
    const dossier = join(racine, "documents", "feuilles-de-route", "58");
    expect(readdirSync(dossier)).toEqual(["abc.pdf"]);
    expect(statSync(join(dossier, "abc.pdf")).mode & 0o007).toBe(0);
    expect(Buffer.compare(readFileSync(join(dossier, "abc.pdf")), Buffer.from(octets))).toBe(0);

    expect(Buffer.compare((await stockage.lire("feuilles-de-route/58/abc.pdf")) ?? Buffer.alloc(0), Buffer.from(octets))).toBe(0);
    const morceaux: Buffer[] = [];
    for await (const m of (await stockage.ouvrir("feuilles-de-route/58/abc.pdf")) ?? []) morceaux.push(m as Buffer);
    expect(Buffer.compare(Buffer.concat(morceaux), Buffer.from(octets))).toBe(0);
    expect(await stockage.existe("feuilles-de-route/58/abc.pdf")).toBe(true);
  });

  it("réécrire une clé remplace son contenu en entier", async () => {
    const stockage = new StockageDisque(racine);
    await stockage.ecrire("a.txt", new Uint8Array([1, 2, 3, 4]));
    await stockage.ecrire("a.txt", new Uint8Array([9]));
    expect([...((await stockage.lire("a.txt")) ?? [])]).toEqual([9]);
  });

  it("une clé absente : lire et ouvrir rendent null, existe rend faux (un dossier n'est pas un document)", async () => {
    const stockage = new StockageDisque(racine);
    expect(await stockage.lire("absent/x.pdf")).toBeNull();
    expect(await stockage.ouvrir("absent/x.pdf")).toBeNull();
    expect(await stockage.existe("absent/x.pdf")).toBe(false);
    await stockage.ecrire("dossier/x.pdf", new Uint8Array([1]));
    expect(await stockage.existe("dossier")).toBe(false);
  });

  it("refuse toute clé qui sortirait du répertoire ou viserait un fichier caché", async () => {
    const stockage = new StockageDisque(join(racine, "documents"));
    for (const cle of ["../x", "a/../../x", "/etc/passwd", "a//b", ".cache", "a/.x", "a\\b", "", "a/", "é.pdf"]) {
      await expect(stockage.ecrire(cle, new Uint8Array([1])), cle).rejects.toThrow("Clé de stockage invalide");
      await expect(stockage.lire(cle), cle).rejects.toThrow("Clé de stockage invalide");
    }
  });
});
