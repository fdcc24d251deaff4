import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { creerBasePostgresqlDeTest } from "../../src/db/test/postgresql-de-test";
import { demarrerCaptureSmtp } from "../outils/capture-smtp";
import { demarrerFournisseurOidc } from "../outils/fournisseur-oidc";
// @ts-expect-error: plain JavaScript module shared with the npm scripts
import { construireSiNecessaire, racine } from "../../scripts/construction.mjs";

/*
 * The end-to-end tests run against the built application, served by `next start` twice: on a fresh
 * embedded database (first start: territories and demonstration data) and on a fresh database of
 * the PostgreSQL server. Both send their mail to a real SMTP server (smtp-server, messages written
 * to a folder) and know a local OpenID provider standing in for ProConnect (oidc-provider).
 */

export type NomServeur = "pglite" | "postgresql";

export interface ServeurDeTest {
  url: string;
  /** The environment the operators' command line needs to reach this server's database. */
  env: Record<string, string>;
}

/** The ProConnect accounts of the local provider: login → claims. */
export const COMPTES_PROCONNECT = {
  "agent-58": { email: "camille.agent58@nievre.gouv.fr", given_name: "Camille", usual_name: "Martin", siret: "17580001800013" },
  "agent-58-pg": { email: "camille.agent58.pg@nievre.gouv.fr", given_name: "Camille", usual_name: "Martin", siret: "17580001800013" },
  inconnu: { email: "dominique.inconnu@yonne.gouv.fr", given_name: "Dominique", usual_name: "Durand", siret: "17890001800019" },
  "inconnu-pg": { email: "dominique.inconnu.pg@yonne.gouv.fr", given_name: "Dominique", usual_name: "Durand", siret: "17890001800019" },
};

declare module "vitest" {
  export interface ProvidedContext {
    e2e: { url: string; dossierPglite: string; dossierCourriels: string; serveurs: Record<NomServeur, ServeurDeTest> };
  }
}

function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const serveur = createServer();
    serveur.listen(0, "127.0.0.1", () => {
      const adresse = serveur.address();
      serveur.close(() => (typeof adresse === "object" && adresse ? resolve(adresse.port) : reject(new Error("port"))));
    });
  });
}

async function attendreSante(url: string, serveur: ChildProcess, journal: () => string, delaiMs: number) {
  const limite = Date.now() + delaiMs;
  while (Date.now() < limite) {
    if (serveur.exitCode !== null) throw new Error(`Le serveur s'est arrêté (code ${serveur.exitCode}) :\n${journal()}`);
    try {
      const reponse = await fetch(`${url}/api/health`);
      if (reponse.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Le serveur n'a pas répondu en ${delaiMs / 1000} s :\n${journal()}`);
}

async function demarrerApplication(port: number, env: Record<string, string>) {
  const url = `http://127.0.0.1:${port}`;
  let journal = "";
  const serveur = spawn(join(racine, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: racine,
    // Vitest sets NODE_ENV=test: the built app must run as in production.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  serveur.stdout?.on("data", (d) => (journal += d));
  serveur.stderr?.on("data", (d) => (journal += d));
  await attendreSante(url, serveur, () => journal, 120_000);
  return {
    url,
    async arreter() {
      if (serveur.exitCode !== null) return;
      const fin = new Promise((r) => serveur.once("exit", r));
      serveur.kill("SIGTERM");
      await Promise.race([fin, new Promise((r) => setTimeout(r, 10_000))]);
      if (serveur.exitCode === null) serveur.kill("SIGKILL");
    },
  };
}

export default async function preparer(projet: TestProject) {
  if (!construireSiNecessaire()) throw new Error("La construction de l'application a échoué.");
  const dossierPglite = mkdtempSync(join(tmpdir(), "efne-e2e-"));
  const dossierCourriels = mkdtempSync(join(tmpdir(), "efne-e2e-courriels-"));
  const dossierDocuments = mkdtempSync(join(tmpdir(), "efne-e2e-documents-"));
  const nettoyages: Array<() => Promise<unknown> | void> = [
    () => rmSync(dossierPglite, { recursive: true, force: true }),
    () => rmSync(dossierCourriels, { recursive: true, force: true }),
    () => rmSync(dossierDocuments, { recursive: true, force: true }),
  ];
  const nettoyer = async () => {
    for (const n of nettoyages.reverse()) await n();
  };
  try {
    const ports = { pglite: await portLibre(), postgresql: await portLibre() };
    const capture = await demarrerCaptureSmtp({ dossier: dossierCourriels });
    nettoyages.push(() => capture.arreter());
    const client = { clientId: "efne-e2e", clientSecret: "secret-de-test-e2e" };
    const fournisseur = await demarrerFournisseurOidc({
      clients: [
        {
          ...client,
          redirectUris: Object.values(ports).map((p) => `http://127.0.0.1:${p}/connexion/proconnect/retour`),
          postLogoutRedirectUris: Object.values(ports).map((p) => `http://127.0.0.1:${p}/`),
        },
      ],
      comptes: COMPTES_PROCONNECT,
    });
    nettoyages.push(() => fournisseur.arreter());
    const commun = {
      SMTP_URL: capture.url,
      SMTP_EXPEDITEUR: "Espace France Numérique Ensemble <ne-pas-repondre@efne.test>",
      PROCONNECT_ISSUER: fournisseur.issuer,
      PROCONNECT_CLIENT_ID: client.clientId,
      PROCONNECT_CLIENT_SECRET: client.clientSecret,
      EFNE_STOCKAGE_REPERTOIRE: dossierDocuments,
    };
    const envPglite = { PGLITE_DIR: dossierPglite, DATABASE_URL: "" };
    const pglite = await demarrerApplication(ports.pglite, { ...commun, ...envPglite });
    nettoyages.push(() => pglite.arreter());
    const base = await creerBasePostgresqlDeTest("efne_e2e");
    nettoyages.push(() => base.supprimer());
    const envPostgresql = { DATABASE_URL: base.url };
    const postgresql = await demarrerApplication(ports.postgresql, { ...commun, ...envPostgresql });
    nettoyages.push(() => postgresql.arreter());

    projet.provide("e2e", {
      url: pglite.url,
      dossierPglite,
      dossierCourriels,
      serveurs: { pglite: { url: pglite.url, env: envPglite }, postgresql: { url: postgresql.url, env: envPostgresql } },
    });
  } catch (erreur) {
    await nettoyer();
    throw erreur;
  }
  return nettoyer;
}
