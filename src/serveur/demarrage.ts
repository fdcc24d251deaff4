import type { Server } from "node:http";
import { demarrerPilotage } from "@/cli/pilotage";
import type { Connexion } from "@/db/client";
import { configurationBase, initialiserConnexion, ouvrirSelonConfiguration } from "@/db/connexion-application";
import { EMAIL_ADMINISTRATEUR_DEMONSTRATION, LIBELLE_DONNEES_DEMONSTRATION } from "@/domain/donnees/provenance";
import { envoyerCourrielsEnAttente, expediteurConfigure } from "@/services/courriels";
import { emettreLienDeConnexion, urlDeBaseDesLiens } from "@/services/identite";
import { assurerResumePlanifie, executantsDeLApplication } from "@/services/resumes";
import { executerTachesDues } from "@/services/taches";
import { preparerBase } from "@/services/demarrage";

/*
 * Composition root of the server process: opens the database once, prepares it, and, on the
 * embedded database, opens the loopback control endpoint for the command line.
 */

const journal = (message: string) => console.log(`[efne] ${message}`);

interface EtatServeur {
  demarrage?: Promise<Connexion>;
  pilotage?: Server;
  travaux?: NodeJS.Timeout;
}

/** How often the background work runs (scheduled tasks, then the outbox). */
const INTERVALLE_TRAVAUX_MS = 60_000;
const CLE = Symbol.for("efne.serveur");
const etat = ((globalThis as Record<symbol, EtatServeur>)[CLE] ??= {});

export function demarrerServeur(options: { journal?: (message: string) => void } = {}): Promise<Connexion> {
  const ecrire = options.journal ?? journal;
  etat.demarrage ??= (async () => {
    const debut = performance.now();
    const configuration = configurationBase();
    ecrire(configuration.type === "pglite" ? `Base embarquée PGlite : ${configuration.dossier}` : "Base : serveur PostgreSQL (DATABASE_URL)");
    const connexion = await initialiserConnexion(() => ouvrirSelonConfiguration("application"));
    installerArret(connexion);
    const bilan = await preparerBase({
      connexion,
      maintenant: () => new Date(),
      chargerDemonstrationAuPremierDemarrage: connexion.type === "pglite" && process.env.EFNE_DEMONSTRATION !== "non",
      progression: ecrire,
    });
    if (bilan.demonstrationChargee) ecrire(`Premier démarrage : ${LIBELLE_DONNEES_DEMONSTRATION} chargées (« npm run cli -- demo:effacer » les retire).`);
    if (connexion.type === "pglite" && connexion.verrou && connexion.dossier) {
      etat.pilotage = await demarrerPilotage({ connexion, verrou: connexion.verrou, dossier: connexion.dossier, maintenant: () => new Date() });
    }
    ecrire(`Base prête en ${((performance.now() - debut) / 1000).toFixed(1)} s (${bilan.migrations} migrations).`);
    const adresse = urlDeBaseDesLiens();
    ecrire(`Espace France Numérique Ensemble : ${adresse}`);
    if (connexion.type === "pglite" && !process.env.SMTP_URL) await afficherLienAdministrateurDeDemonstration(connexion, adresse);
    await demarrerTravauxDeFond(connexion, adresse, ecrire);
    return connexion;
  })();
  return etat.demarrage;
}

/*
 * Embedded demonstration without a mail server: the demonstration administrator's login link goes
 * straight to the terminal (standard output), never through the application log, never when mail
 * can be sent.
 */
async function afficherLienAdministrateurDeDemonstration(connexion: Connexion, adresse: string) {
  const emis = await emettreLienDeConnexion({ db: connexion.db, email: EMAIL_ADMINISTRATEUR_DEMONSTRATION, maintenant: new Date(), urlDeBase: adresse });
  if (!emis) return;
  process.stdout.write(
    `\nPour vous connecter en administrateur de démonstration (${emis.email}), ouvrez dans les 15 minutes :\n  ${emis.lien}\n` +
      "Ensuite : « npm run cli -- connexion:lien --email " + emis.email + " » en donne un nouveau.\n\n",
  );
}

/*
 * Background work, one loop for both, every minute: the due scheduled tasks (the daily digest…),
 * then the outbox handed to the mail server (messages that failed, or that a stopped instance wrote).
 * The command `taches:executer` runs the tasks on demand.
 */
async function demarrerTravauxDeFond(connexion: Connexion, adresse: string, ecrire: (message: string) => void) {
  if (etat.travaux) return;
  await assurerResumePlanifie(connexion.db, new Date());
  const executants = executantsDeLApplication(adresse);
  const expediteur = expediteurConfigure();
  if (expediteur) ecrire("Courriels : envoyés par le serveur SMTP configuré (SMTP_URL).");
  let enCours = false;
  etat.travaux = setInterval(() => {
    if (enCours) return;
    enCours = true;
    executerTachesDues({ connexion, executants, maintenant: new Date() })
      .then((bilan) => {
        if (bilan.faites + bilan.echouees > 0) ecrire(`Tâches planifiées : ${bilan.faites} faite(s), ${bilan.echouees} en échec.`);
      })
      .catch((erreur: Error) => ecrire(`Tâches planifiées : ${erreur.name}.`))
      .then(() => (expediteur ? envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: new Date() }) : 0))
      .catch((erreur: Error) => ecrire(`Courriels : envoi impossible (${erreur.name}).`))
      .finally(() => (enCours = false));
  }, INTERVALLE_TRAVAUX_MS);
  etat.travaux.unref();
}

function installerArret(connexion: Connexion) {
  let enCours = false;
  const arreter = (signal: NodeJS.Signals) => {
    if (enCours) return;
    enCours = true;
    etat.pilotage?.close();
    if (etat.travaux) clearInterval(etat.travaux);
    connexion
      .fermer()
      .catch((erreur: Error) => console.error(`[efne] Fermeture de la base : ${erreur.message}`))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", arreter);
  process.once("SIGTERM", arreter);
  // Whatever happens, never leave a lock that names this process behind.
  process.once("exit", () => connexion.verrou?.liberer());
}
