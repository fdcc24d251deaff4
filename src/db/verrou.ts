import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/*
 * One process at a time may open an embedded database directory: a second process opening it
 * directly would silently corrupt it. The owner writes a lock file; a lock whose process no longer
 * exists is stale and is taken over.
 */

export const FICHIER_VERROU = "efne.verrou.json";

export interface ContenuVerrou {
  pid: number;
  hote: string;
  jeton: string;
  role: "application" | "ligne-de-commande" | "test";
  depuis: string;
  /** Set by the application once its loopback control endpoint listens. */
  pilotage?: { port: number };
}

export class DossierVerrouille extends Error {
  constructor(readonly detenteur: ContenuVerrou) {
    super(
      `La base embarquée est déjà ouverte par un autre processus (pid ${detenteur.pid}, ${detenteur.role}, depuis ${detenteur.depuis}).`,
    );
    this.name = "DossierVerrouille";
  }
}

export interface Verrou {
  readonly chemin: string;
  readonly contenu: ContenuVerrou;
  completer(ajout: Partial<Pick<ContenuVerrou, "pilotage">>): void;
  liberer(): void;
}

export function processusExiste(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (erreur) {
    return (erreur as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lireVerrou(dossier: string): ContenuVerrou | null {
  try {
    return JSON.parse(readFileSync(join(dossier, FICHIER_VERROU), "utf8")) as ContenuVerrou;
  } catch {
    return null;
  }
}

/**
 * The lock is live while its process runs. A lock written on another machine (a shared disk) cannot
 * be checked and is taken as live: an operator removes it by hand after checking.
 */
export function verrouActif(contenu: ContenuVerrou): boolean {
  return contenu.hote !== hostname() || processusExiste(contenu.pid);
}

function ecrireAtomiquement(chemin: string, contenu: ContenuVerrou) {
  const provisoire = `${chemin}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(provisoire, JSON.stringify(contenu), { mode: 0o600 });
  renameSync(provisoire, chemin);
}

export function prendreVerrou(dossier: string, role: ContenuVerrou["role"]): Verrou {
  mkdirSync(dossier, { recursive: true });
  const chemin = join(dossier, FICHIER_VERROU);
  const contenu: ContenuVerrou = {
    pid: process.pid,
    hote: hostname(),
    jeton: randomBytes(16).toString("hex"),
    role,
    depuis: new Date().toISOString(),
  };

  for (let tentative = 0; tentative < 2; tentative++) {
    try {
      const fd = openSync(chemin, "wx", 0o600);
      writeSync(fd, JSON.stringify(contenu));
      closeSync(fd);
      break;
    } catch (erreur) {
      if ((erreur as NodeJS.ErrnoException).code !== "EEXIST") throw erreur;
      const existant = lireVerrou(dossier);
      if (existant && verrouActif(existant)) throw new DossierVerrouille(existant);
      if (!existant && tentative === 0) {
        // Being written by another process right now, or truncated by a crash: look once more.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        const relu = lireVerrou(dossier);
        if (relu && verrouActif(relu)) throw new DossierVerrouille(relu);
      }
      rmSync(chemin, { force: true });
    }
  }
  // Two processes taking over the same stale lock at once: only the one whose token is in the file owns it.
  const relu = lireVerrou(dossier);
  if (!relu || relu.jeton !== contenu.jeton) {
    throw new DossierVerrouille(relu ?? { ...contenu, pid: -1, role: "application" });
  }

  let libere = false;
  const verrou: Verrou = {
    chemin,
    contenu,
    completer(ajout) {
      Object.assign(contenu, ajout);
      ecrireAtomiquement(chemin, contenu);
    },
    liberer() {
      if (libere) return;
      libere = true;
      const actuel = lireVerrou(dossier);
      if (actuel?.jeton === contenu.jeton) rmSync(chemin, { force: true });
    },
  };
  return verrou;
}
