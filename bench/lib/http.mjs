/*
 * Plain HTTP helpers for the benchmark: one request at a time, no keep-alive, no compression
 * negotiated (so the bytes received are the bytes a client without Accept-Encoding gets, which
 * is what autocannon sends), always on the loopback interface.
 */
import http from "node:http";
import net from "node:net";

export const HOTE = "127.0.0.1";

/**
 * GET `url` and resolve with { statut, entetes, corps: Buffer }.
 * Rejects on a network error or when no complete answer came within `delaiMs`.
 */
export function obtenir(url, { delaiMs = 10_000 } = {}) {
  return new Promise((resoudre, rejeter) => {
    const requete = http.get(url, { agent: false, headers: { accept: "*/*" } }, (reponse) => {
      const morceaux = [];
      reponse.on("data", (morceau) => morceaux.push(morceau));
      reponse.on("end", () => {
        clearTimeout(minuterie);
        resoudre({ statut: reponse.statusCode ?? 0, entetes: reponse.headers, corps: Buffer.concat(morceaux) });
      });
      reponse.on("error", (erreur) => {
        clearTimeout(minuterie);
        rejeter(erreur);
      });
    });
    const minuterie = setTimeout(() => requete.destroy(new Error(`pas de réponse complète en ${delaiMs} ms : ${url}`)), delaiMs);
    requete.on("error", (erreur) => {
      clearTimeout(minuterie);
      rejeter(erreur);
    });
  });
}

/** A TCP port that is free on the loopback interface right now. */
export function portLibre() {
  return new Promise((resoudre, rejeter) => {
    const serveur = net.createServer();
    serveur.unref();
    serveur.on("error", rejeter);
    serveur.listen(0, HOTE, () => {
      const adresse = serveur.address();
      const port = typeof adresse === "object" && adresse ? adresse.port : 0;
      serveur.close(() => (port ? resoudre(port) : rejeter(new Error("aucun port libre trouvé"))));
    });
  });
}

export const attendre = (ms) => new Promise((resoudre) => setTimeout(resoudre, ms));
