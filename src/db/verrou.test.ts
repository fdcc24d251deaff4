import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DossierVerrouille, FICHIER_VERROU, lireVerrou, prendreVerrou } from "./verrou";

const dossierTemporaire = () => mkdtempSync(join(tmpdir(), "efne-verrou-"));

function pidTermine(): number {
  const fils = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(fils.stdout.toString());
}

describe("verrou du dossier de la base embarquée", () => {
  it("étant donné un dossier libre, quand un processus prend le verrou, alors un second essai échoue en nommant le détenteur", () => {
    const dossier = dossierTemporaire();
    const verrou = prendreVerrou(dossier, "application");
    expect(() => prendreVerrou(dossier, "ligne-de-commande")).toThrow(DossierVerrouille);
    expect(lireVerrou(dossier)?.pid).toBe(process.pid);
    expect(statSync(join(dossier, FICHIER_VERROU)).mode & 0o777).toBe(0o600);
    verrou.liberer();
    expect(existsSync(join(dossier, FICHIER_VERROU))).toBe(false);
    prendreVerrou(dossier, "ligne-de-commande").liberer();
  });

  it("reprend le verrou d'un processus qui n'existe plus", () => {
    const dossier = dossierTemporaire();
    const mort = pidTermine();
    writeFileSync(join(dossier, FICHIER_VERROU), JSON.stringify({ pid: mort, hote: hostname(), jeton: "ancien", role: "application", depuis: "2026-01-01" }));
    const verrou = prendreVerrou(dossier, "application");
    expect(lireVerrou(dossier)?.jeton).toBe(verrou.contenu.jeton);
    verrou.liberer();
  });

  it("tient pour actif le verrou posé depuis une autre machine, qu'il ne peut pas vérifier", () => {
    const dossier = dossierTemporaire();
    writeFileSync(join(dossier, FICHIER_VERROU), JSON.stringify({ pid: pidTermine(), hote: "autre-machine", jeton: "x", role: "application", depuis: "2026-01-01" }));
    expect(() => prendreVerrou(dossier, "application")).toThrow(DossierVerrouille);
  });

  it("ne supprime pas en se libérant un verrou qui a changé de détenteur", () => {
    const dossier = dossierTemporaire();
    const verrou = prendreVerrou(dossier, "application");
    writeFileSync(join(dossier, FICHIER_VERROU), JSON.stringify({ ...verrou.contenu, jeton: "autre" }));
    verrou.liberer();
    expect(JSON.parse(readFileSync(join(dossier, FICHIER_VERROU), "utf8")).jeton).toBe("autre");
  });

  it("publie le port de pilotage dans le verrou", () => {
    const dossier = dossierTemporaire();
    const verrou = prendreVerrou(dossier, "application");
    verrou.completer({ pilotage: { port: 4321 } });
    expect(lireVerrou(dossier)?.pilotage).toEqual({ port: 4321 });
    verrou.liberer();
  });
});
