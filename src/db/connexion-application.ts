import { dossierPglite, ouvrirPglite, ouvrirPostgresql, type Connexion } from "./client";

/*
 * The application's one database connection per process, kept on globalThis so that module
 * reloads and the separate bundles of Next.js share it.
 */

interface EtatGlobal {
  connexion?: Promise<Connexion>;
}

const CLE = Symbol.for("efne.connexion-application");
const etat = ((globalThis as Record<symbol, EtatGlobal>)[CLE] ??= {});

export function configurationBase(env: NodeJS.ProcessEnv = process.env): { type: "postgresql"; url: string } | { type: "pglite"; dossier: string } {
  const url = env.DATABASE_URL?.trim();
  return url ? { type: "postgresql", url } : { type: "pglite", dossier: dossierPglite(env) };
}

export async function ouvrirSelonConfiguration(role: "application" | "ligne-de-commande"): Promise<Connexion> {
  const configuration = configurationBase();
  return configuration.type === "postgresql"
    ? ouvrirPostgresql(configuration.url)
    : ouvrirPglite({ dossier: configuration.dossier, role });
}

/** Registers how the connection is made (once, at start) and returns it. */
export function initialiserConnexion(fabrique: () => Promise<Connexion>): Promise<Connexion> {
  etat.connexion ??= fabrique().catch((erreur) => {
    etat.connexion = undefined;
    throw erreur;
  });
  return etat.connexion;
}

export function connexionApplication(): Promise<Connexion> {
  if (!etat.connexion) throw new Error("La connexion à la base n'est pas initialisée (démarrage de l'application incomplet).");
  return etat.connexion;
}

export function connexionEstInitialisee(): boolean {
  return etat.connexion !== undefined;
}

/** Tests only: serve a given connection to the route handlers. */
export function remplacerConnexion(connexion: Connexion | undefined) {
  etat.connexion = connexion ? Promise.resolve(connexion) : undefined;
}
