import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ouvrirPglite } from "@/db/client";
import { DossierVerrouille, FICHIER_VERROU, lireVerrou } from "@/db/verrou";

/*
 * The operators' command line and the embedded database, process against process: while the
 * application holds the directory, commands run inside it; without it, the command opens the
 * directory itself; never do two processes open it at once.
 */

const tsx = join(process.cwd(), "node_modules/.bin/tsx");
const dossier = mkdtempSync(join(tmpdir(), "efne-cli-"));
const env = { ...process.env, PGLITE_DIR: dossier, DATABASE_URL: "", EFNE_DEMONSTRATION: "non" };

function cli(...argv: string[]): Promise<{ code: number | null; sortie: string; erreurs: string }> {
  return new Promise((resolve) => {
    const fils = spawn(tsx, ["--tsconfig", "tsconfig.json", "src/cli/main.ts", ...argv], { env });
    let sortie = "";
    let erreurs = "";
    fils.stdout.on("data", (d) => (sortie += d));
    fils.stderr.on("data", (d) => (erreurs += d));
    fils.on("close", (code) => resolve({ code, sortie, erreurs }));
  });
}

function demarrerHote(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const hote = spawn(tsx, ["--tsconfig", "tsconfig.json", "src/serveur/hote-de-test.ts"], { env });
    let journal = "";
    hote.stderr.on("data", (d) => (journal += d));
    hote.stdout.on("data", (d) => {
      if (String(d).includes("PRET")) resolve(hote);
    });
    hote.on("exit", (code) => reject(new Error(`L'hôte s'est arrêté (${code}) : ${journal}`)));
  });
}

const arreter = (hote: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    hote.removeAllListeners("exit");
    hote.on("exit", (code) => resolve(code));
    hote.kill("SIGTERM");
  });

let hote: ChildProcess | undefined;
afterAll(() => hote?.kill("SIGKILL"));

describe("ligne de commande et application sur la base embarquée", () => {
  it("étant donné l'application démarrée, quand une commande écrit, alors l'application lit ce qu'elle a écrit", async () => {
    hote = await demarrerHote();
    const verrou = lireVerrou(dossier);
    // tsx runs the script in a child process of its own: the lock names that process.
    expect(verrou).toMatchObject({ role: "application" });
    expect(verrou?.pid).not.toBe(process.pid);
    expect(verrou?.pilotage?.port).toBeGreaterThan(0);

    await expect(ouvrirPglite({ dossier })).rejects.toThrow(DossierVerrouille);

    const avant = await cli("statut");
    expect(avant.code).toBe(0);
    expect(avant.sortie).toContain("Lieux d'inclusion numérique : 0 (aucune donnée)");

    const chargement = await cli("demo:charger");
    expect(chargement.erreurs).toContain(`exécutée par l'application en cours, pid ${verrou?.pid}`);
    expect(chargement.code).toBe(0);
    expect(chargement.sortie).toContain("Données de démonstration — fictives : chargées.");

    const apres = await cli("statut");
    expect(apres.sortie).toMatch(/Lieux d'inclusion numérique : [\d\s  ]+ \(données de démonstration — fictives\)/);
    expect(apres.sortie).toContain("Territoires : COG 2026");
  }, 120_000);

  it("une commande en erreur rend son code de sortie à travers l'application", async () => {
    const inconnue = await cli("demo:charger", "--bidule", "1");
    expect(inconnue.code).toBe(2);
    expect(inconnue.erreurs).toContain("Option inconnue pour demo:charger : --bidule");
  });

  it("une fois l'application arrêtée, la commande ouvre elle-même la base et retrouve les données", async () => {
    expect(await arreter(hote as ChildProcess)).not.toBeNull();
    hote = undefined;
    expect(existsSync(join(dossier, FICHIER_VERROU))).toBe(false);
    const effacement = await cli("demo:effacer");
    expect(effacement.code).toBe(0);
    expect(effacement.erreurs).not.toContain("exécutée par l'application");
    expect(effacement.sortie).toMatch(/effacés : [1-9]/);
    expect(existsSync(join(dossier, FICHIER_VERROU))).toBe(false);
  }, 60_000);
});
