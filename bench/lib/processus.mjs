/*
 * Child processes of the benchmark (the Next.js server, the static baseline server, the command
 * line run beside the server). Each one is started in its own process group so that it can be
 * stopped with everything it spawned, and is remembered until it has exited so that an error or
 * Ctrl-C never leaves one behind.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { attendre, HOTE, obtenir } from "./http.mjs";

/** Children started and not yet seen exiting. */
const vivants = new Set();

function suivre(enfant) {
  const suivi = { enfant, fin: null };
  suivi.termine = new Promise((resoudre) => {
    enfant.once("exit", (code, signal) => {
      suivi.fin = { code, signal };
      vivants.delete(suivi);
      resoudre(suivi.fin);
    });
    enfant.once("error", (erreur) => {
      suivi.fin = { code: null, signal: null, erreur };
      vivants.delete(suivi);
      resoudre(suivi.fin);
    });
  });
  vivants.add(suivi);
  return suivi;
}

function signaler(suivi, signal) {
  if (suivi.fin || !suivi.enfant.pid) return;
  try {
    // Negative pid: the whole process group led by the child.
    process.kill(-suivi.enfant.pid, signal);
  } catch {
    try {
      suivi.enfant.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Sends `signal` and waits for the exit, at most `delaiMs`; then SIGKILL.
 * Resolves with { code, signal, dureeMs, force } (force: it had to be killed).
 */
export async function arreter(suivi, { signal = "SIGTERM", delaiMs = 30_000 } = {}) {
  const debut = performance.now();
  if (suivi.fin) return { ...suivi.fin, dureeMs: 0, force: false };
  signaler(suivi, signal);
  let minuterie;
  const delai = new Promise((resoudre) => (minuterie = setTimeout(() => resoudre(null), delaiMs)));
  let fin = await Promise.race([suivi.termine, delai]);
  clearTimeout(minuterie);
  let force = false;
  if (!fin) {
    force = true;
    signaler(suivi, "SIGKILL");
    fin = await suivi.termine;
  }
  return { ...fin, dureeMs: performance.now() - debut, force };
}

/** Stops every child still running: `signal` first, SIGKILL for those still there after `delaiMs`. */
export async function arreterTout({ signal = "SIGTERM", delaiMs = 10_000 } = {}) {
  await Promise.all([...vivants].map((suivi) => arreter(suivi, { signal, delaiMs })));
}

/** Last resort, synchronous (process "exit" handler): SIGKILL to whatever is left. */
export function tuerToutSynchrone() {
  for (const suivi of vivants) signaler(suivi, "SIGKILL");
}

export function dernieresLignes(fichier, nombre = 30) {
  try {
    return readFileSync(fichier, "utf8").trimEnd().split("\n").slice(-nombre).join("\n");
  } catch {
    return "(journal illisible)";
  }
}

/**
 * Environment of the measured server, and of the command line run beside it: the embedded
 * database in `dossierPglite` with its demonstration data (the path being measured), never a
 * DATABASE_URL inherited from the shell.
 */
export function environnementApplication({ port, dossierPglite }) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PGLITE_DIR: dossierPglite, PORT: String(port), NODE_ENV: "production" };
  delete env.DATABASE_URL;
  delete env.EFNE_DEMONSTRATION;
  return env;
}

/**
 * Runs `commande …argv` in `racine` with the server's environment, in its own process group.
 * Resolves with { code, sortie, erreurs } (stdout and stderr as text); rejects after `delaiMs`
 * (the command is then stopped like any other child). `libelle` names it in that error. `env`
 * replaces the server's environment (a command line run without a server).
 */
export function executer({ racine, port, dossierPglite, commande, argv, libelle, delaiMs = 120_000, env }) {
  const enfant = spawn(commande, argv, {
    cwd: racine,
    env: env ?? environnementApplication({ port, dossierPglite }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const suivi = suivre(enfant);
  let sortie = "";
  let erreurs = "";
  enfant.stdout.setEncoding("utf8").on("data", (texte) => (sortie += texte));
  enfant.stderr.setEncoding("utf8").on("data", (texte) => (erreurs += texte));
  let minuterie;
  const delai = new Promise((_, rejeter) => {
    minuterie = setTimeout(() => {
      arreter(suivi, { delaiMs: 5_000 }).finally(() => rejeter(new Error(`« ${libelle} » n'a pas terminé en ${delaiMs / 1000} s`)));
    }, delaiMs);
  });
  const fin = suivi.termine.then((f) => {
    if (f.erreur) throw f.erreur;
    return { code: f.code, sortie, erreurs };
  });
  return Promise.race([fin, delai]).finally(() => clearTimeout(minuterie));
}

/**
 * Spawns `commande …argv` in `racine` with `env`, in its own process group, stdout and stderr piped,
 * and follows it like the other children (stopped on every way out). Returns the follow-up object
 * ({ enfant, fin, termine }); the caller reads the pipes and measures.
 */
export function lancer({ racine, env, commande, argv }) {
  const enfant = spawn(commande, argv, { cwd: racine, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  return suivre(enfant);
}

/**
 * Runs `npm run cli -- …argv` with the server's environment, so that the command line finds the
 * running application's database directory and sends its command to the application's control
 * endpoint.
 */
export function executerCli({ racine, port, dossierPglite, argv, delaiMs = 120_000 }) {
  return executer({ racine, port, dossierPglite, commande: "npm", argv: ["run", "--silent", "cli", "--", ...argv], libelle: `npm run cli -- ${argv.join(" ")}`, delaiMs });
}

/**
 * Runs bench/generer-contacts.ts on the database directory (the application must be stopped: the
 * script opens the directory itself, under its lock file).
 */
export function executerGenerateurContacts({ racine, port, dossierPglite, nombre, graine, delaiMs = 900_000 }) {
  const argv = ["--tsconfig", "tsconfig.json", "bench/generer-contacts.ts", dossierPglite, String(nombre), String(graine), "--mesurer-lots"];
  return executer({ racine, port, dossierPglite, commande: join(racine, "node_modules/.bin/tsx"), argv, libelle: `tsx bench/generer-contacts.ts ${nombre} ${graine}`, delaiMs });
}

/**
 * Spawns `next start` on 127.0.0.1:`port` with the embedded database in `dossierPglite`,
 * its output appended to `journal`. Returns the follow-up object and the spawn instant.
 */
export function lancerNext({ racine, port, dossierPglite, journal }) {
  const env = environnementApplication({ port, dossierPglite });
  const sortie = openSync(journal, "a");
  const debut = performance.now();
  try {
    const enfant = spawn(join(racine, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", HOTE], {
      cwd: racine,
      env,
      detached: true,
      stdio: ["ignore", sortie, sortie],
    });
    return { suivi: suivre(enfant), debut, journal, port };
  } finally {
    closeSync(sortie);
  }
}

/**
 * Polls GET /api/health until it answers 200 with {"statut":"ok"}, at most `delaiMaxMs` after
 * `serveur.debut`. Resolves with the milliseconds from spawn to that answer and the health body.
 * Rejects when the process exits first or the delay runs out.
 */
export async function attendreSante(serveur, { delaiMaxMs = 120_000, intervalleMs = 50 } = {}) {
  const url = `http://${HOTE}:${serveur.port}/api/health`;
  const limite = serveur.debut + delaiMaxMs;
  const essaisMax = Math.ceil(delaiMaxMs / intervalleMs) + 1;
  let derniere = "aucune réponse";
  for (let essai = 0; essai < essaisMax && performance.now() < limite; essai++) {
    if (serveur.suivi.fin) {
      throw new Error(
        `le serveur s'est arrêté avant d'être prêt (code ${serveur.suivi.fin.code}, signal ${serveur.suivi.fin.signal}).\n` +
          `Fin du journal (${serveur.journal}) :\n${dernieresLignes(serveur.journal)}`,
      );
    }
    try {
      const reste = Math.max(100, Math.min(5_000, limite - performance.now()));
      const reponse = await obtenir(url, { delaiMs: reste });
      if (reponse.statut === 200) {
        const fin = performance.now();
        const sante = JSON.parse(reponse.corps.toString("utf8"));
        if (sante.statut === "ok") return { dureeMs: fin - serveur.debut, sante };
        derniere = `200 mais statut « ${sante.statut} »`;
      } else {
        derniere = `HTTP ${reponse.statut}`;
      }
    } catch (erreur) {
      derniere = erreur.code ?? erreur.message;
    }
    await attendre(intervalleMs);
  }
  throw new Error(
    `/api/health n'a pas répondu 200 {"statut":"ok"} en ${delaiMaxMs / 1000} s (dernière réponse : ${derniere}).\n` +
      `Fin du journal (${serveur.journal}) :\n${dernieresLignes(serveur.journal)}`,
  );
}

/**
 * Starts bench/serveur-statique.mjs on `fichier` and resolves once it listens, with its port.
 */
export function lancerServeurStatique({ racine, fichier, typeDeContenu, delaiMs = 15_000 }) {
  const enfant = spawn(process.execPath, [join(racine, "bench/serveur-statique.mjs"), fichier, typeDeContenu, "0"], {
    cwd: racine,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const suivi = suivre(enfant);
  return new Promise((resoudre, rejeter) => {
    let tampon = "";
    const minuterie = setTimeout(() => rejeter(new Error(`le serveur statique n'a pas démarré en ${delaiMs} ms`)), delaiMs);
    enfant.stdout.setEncoding("utf8");
    enfant.stdout.on("data", (texte) => {
      tampon += texte;
      const trouve = /^PRET (\d+)$/m.exec(tampon);
      if (trouve) {
        clearTimeout(minuterie);
        resoudre({ suivi, port: Number(trouve[1]) });
      }
    });
    suivi.termine.then((fin) => {
      clearTimeout(minuterie);
      rejeter(new Error(`le serveur statique s'est arrêté au démarrage (code ${fin.code}, signal ${fin.signal})`));
    });
  });
}
