import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Connexion } from "@/db/client";
import type { Verrou } from "@/db/verrou";
import { analyserArguments } from "./arguments";
import { CODES_SORTIE, executerCommande, type Sortie } from "./commandes";

/*
 * The loopback control endpoint of a running application on the embedded database. The command
 * line cannot open the directory while the app holds it; it sends its command here instead, and the
 * app runs it on its own connection. Authenticated by a random secret in a 0600 file of the data
 * directory; bound to 127.0.0.1 only.
 */

export const FICHIER_SECRET = "efne.pilotage.secret";
const TAILLE_MAXIMALE_REQUETE = 64 * 1024;

type Message = { type: "ligne" | "erreur"; texte: string } | { type: "fin"; code: number };

function lireCorps(requete: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let taille = 0;
    const morceaux: Buffer[] = [];
    requete.on("data", (morceau: Buffer) => {
      taille += morceau.length;
      if (taille > TAILLE_MAXIMALE_REQUETE) {
        reject(new Error("requête trop grande"));
        requete.destroy();
        return;
      }
      morceaux.push(morceau);
    });
    requete.on("end", () => resolve(Buffer.concat(morceaux).toString("utf8")));
    requete.on("error", reject);
  });
}

function secretValide(attendu: Buffer, recu: string | undefined): boolean {
  if (!recu?.startsWith("Bearer ")) return false;
  const donne = Buffer.from(recu.slice("Bearer ".length));
  return donne.length === attendu.length && timingSafeEqual(donne, attendu);
}

export async function demarrerPilotage(params: { connexion: Connexion; verrou: Verrou; dossier: string; maintenant: () => Date }): Promise<Server> {
  const secret = randomBytes(32).toString("hex");
  const attendu = Buffer.from(secret);
  const cheminSecret = join(params.dossier, FICHIER_SECRET);
  writeFileSync(cheminSecret, secret, { mode: 0o600 });

  const serveur = createServer(async (requete, reponse) => {
    if (requete.method !== "POST" || requete.url !== "/commande") {
      reponse.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ erreur: "Inconnu" }));
      return;
    }
    if (!secretValide(attendu, requete.headers.authorization)) {
      reponse.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ erreur: "Secret de pilotage invalide" }));
      return;
    }
    let argv: string[];
    try {
      const corps = JSON.parse(await lireCorps(requete)) as { argv?: unknown };
      if (!Array.isArray(corps.argv) || !corps.argv.every((a) => typeof a === "string")) throw new Error("argv attendu");
      argv = corps.argv;
    } catch {
      reponse.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ erreur: "Requête invalide" }));
      return;
    }
    reponse.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
    const envoyer = (message: Message) => reponse.write(`${JSON.stringify(message)}\n`);
    const sortie: Sortie = { ligne: (texte) => envoyer({ type: "ligne", texte }), erreur: (texte) => envoyer({ type: "erreur", texte }) };
    const code = await executerCommande({ connexion: params.connexion, arguments: analyserArguments(argv), sortie, maintenant: params.maintenant });
    envoyer({ type: "fin", code });
    reponse.end();
  });

  await new Promise<void>((resolve, reject) => {
    serveur.once("error", reject);
    serveur.listen(0, "127.0.0.1", () => resolve());
  });
  const adresse = serveur.address();
  if (adresse === null || typeof adresse === "string") throw new Error("adresse de pilotage inattendue");
  params.verrou.completer({ pilotage: { port: adresse.port } });
  serveur.on("close", () => rmSync(cheminSecret, { force: true }));
  serveur.unref();
  return serveur;
}

/** Sends a command to the running application and relays its output. Returns the exit code. */
export async function executerDansApplication(params: { dossier: string; port: number; argv: string[]; sortie: Sortie }): Promise<number> {
  let secret: string;
  try {
    secret = readFileSync(join(params.dossier, FICHIER_SECRET), "utf8").trim();
  } catch {
    params.sortie.erreur("L'application tourne mais son secret de pilotage est illisible : exécutez la commande avec le même utilisateur que l'application.");
    return CODES_SORTIE.echec;
  }
  const reponse = await fetch(`http://127.0.0.1:${params.port}/commande`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ argv: params.argv }),
  });
  if (!reponse.ok || !reponse.body) {
    params.sortie.erreur(`L'application a refusé la commande (HTTP ${reponse.status}).`);
    return CODES_SORTIE.echec;
  }
  const decodeur = new TextDecoder();
  let reste = "";
  let code: number = CODES_SORTIE.echec;
  for await (const morceau of reponse.body as unknown as AsyncIterable<Uint8Array>) {
    reste += decodeur.decode(morceau, { stream: true });
    let fin: number;
    while ((fin = reste.indexOf("\n")) >= 0) {
      const message = JSON.parse(reste.slice(0, fin)) as Message;
      reste = reste.slice(fin + 1);
      if (message.type === "ligne") params.sortie.ligne(message.texte);
      else if (message.type === "erreur") params.sortie.erreur(message.texte);
      else if (message.type === "fin") code = message.code;
    }
  }
  return code;
}
