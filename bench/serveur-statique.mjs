#!/usr/bin/env node
/*
 * Baseline server of the benchmark: serves one file, read once into memory at start, to every
 * GET or HEAD request, with its Content-Type and Content-Length. It stands for "the cheapest way
 * this machine can answer with the same number of bytes" beside a Next.js route.
 *
 * Usage: node bench/serveur-statique.mjs <file> <content-type> [port]
 * Listens on 127.0.0.1 (port 0 = any free port) and prints "PRET <port>" once it accepts connections.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

const [fichier, typeDeContenu = "application/octet-stream", portDemande = "0"] = process.argv.slice(2);
if (!fichier) {
  console.error("usage : node bench/serveur-statique.mjs <fichier> <content-type> [port]");
  process.exit(2);
}

const corps = readFileSync(fichier);
const entetes = { "Content-Type": typeDeContenu, "Content-Length": String(corps.length) };

const serveur = http.createServer((requete, reponse) => {
  if (requete.method !== "GET" && requete.method !== "HEAD") {
    reponse.writeHead(405, { Allow: "GET, HEAD", "Content-Length": "0" });
    reponse.end();
    return;
  }
  reponse.writeHead(200, entetes);
  reponse.end(requete.method === "HEAD" ? undefined : corps);
});

serveur.listen(Number(portDemande), "127.0.0.1", () => {
  const adresse = serveur.address();
  process.stdout.write(`PRET ${typeof adresse === "object" && adresse ? adresse.port : portDemande}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    serveur.close(() => process.exit(0));
    serveur.closeAllConnections();
  });
}
