import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StockageS3, type ConfigurationS3 } from "./s3";
import { sha256Hex, signerRequete } from "./signature-v4";

/*
 * A small S3 imitation on a local port: it keeps objects in memory under their path and, like S3,
 * recomputes the signature of every request from what it received (method, path, signed headers,
 * body hash) before answering. A request whose bytes differ from what was signed is refused.
 */

const CONFIGURATION: ConfigurationS3 = { endpoint: "", region: "fr-par", bucket: "efne-documents", idCleAcces: "CLEDETEST", cleSecrete: "secret/de+test" };
const objets = new Map<string, { octets: Buffer; typeMime: string | undefined }>();
const requetes: Array<{ methode: string; chemin: string; enTetes: IncomingMessage["headers"] }> = [];
let serveur: Server;

const lireCorps = async (requete: IncomingMessage) => {
  const morceaux: Buffer[] = [];
  for await (const m of requete) morceaux.push(m as Buffer);
  return Buffer.concat(morceaux);
};

function signatureValable(requete: IncomingMessage, corps: Buffer, url: URL): boolean {
  const autorisation = String(requete.headers.authorization ?? "");
  const signes = /SignedHeaders=([^,]+)/.exec(autorisation)?.[1]?.split(";") ?? [];
  const date = String(requete.headers["x-amz-date"] ?? "");
  const empreinte = String(requete.headers["x-amz-content-sha256"] ?? "");
  if (empreinte !== sha256Hex(corps)) return false;
  const enTetes = Object.fromEntries(signes.filter((n) => !["host", "x-amz-date", "x-amz-content-sha256"].includes(n)).map((n) => [n, String(requete.headers[n] ?? "")]));
  const attendue = signerRequete({
    methode: requete.method ?? "",
    url,
    enTetes,
    empreinteCorps: empreinte,
    date: new Date(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")),
    region: CONFIGURATION.region,
    identifiants: { idCleAcces: CONFIGURATION.idCleAcces, cleSecrete: CONFIGURATION.cleSecrete },
  });
  return attendue.enTetes.authorization === autorisation && signes.includes("host");
}

beforeAll(async () => {
  serveur = createServer(async (requete, reponse) => {
    const corps = await lireCorps(requete);
    const url = new URL(requete.url ?? "/", `http://${requete.headers.host}`);
    requetes.push({ methode: requete.method ?? "", chemin: url.pathname, enTetes: requete.headers });
    if (url.pathname.endsWith("/en-panne")) {
      reponse.writeHead(500).end("<Error><Code>InternalError</Code></Error>");
      return;
    }
    if (!signatureValable(requete, corps, url)) {
      reponse.writeHead(403, { "content-type": "application/xml" }).end("<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>…</Message></Error>");
      return;
    }
    const objet = objets.get(url.pathname);
    if (requete.method === "PUT") {
      objets.set(url.pathname, { octets: corps, typeMime: requete.headers["content-type"] });
      reponse.writeHead(200, { etag: `"${sha256Hex(corps).slice(0, 32)}"` }).end();
    } else if (!objet) {
      reponse.writeHead(404, { "content-type": "application/xml" }).end(requete.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code></Error>");
    } else {
      reponse.writeHead(200, { "content-type": objet.typeMime ?? "application/octet-stream", "content-length": objet.octets.length });
      reponse.end(requete.method === "HEAD" ? undefined : objet.octets);
    }
  });
  await new Promise<void>((ok) => serveur.listen(0, "127.0.0.1", ok));
  CONFIGURATION.endpoint = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => serveur.close(() => ok())));

describe("stockage S3 (adresses « path-style », signature version 4)", () => {
  it("écrit un objet sous {endpoint}/{compartiment}/{clé} puis le relit à l'identique, en entier ou en flux", async () => {
    const stockage = new StockageS3(CONFIGURATION);
    const octets = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    await stockage.ecrire("feuilles-de-route/58/0b7c.pdf", octets, { typeMime: "application/pdf" });
    const put = requetes.at(-1);
    expect(put).toMatchObject({ methode: "PUT", chemin: "/efne-documents/feuilles-de-route/58/0b7c.pdf" });
    expect(put?.enTetes.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=CLEDETEST\/\d{8}\/fr-par\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/);
    expect(objets.get("/efne-documents/feuilles-de-route/58/0b7c.pdf")?.typeMime).toBe("application/pdf");

    expect(Buffer.compare((await stockage.lire("feuilles-de-route/58/0b7c.pdf")) ?? Buffer.alloc(0), Buffer.from(octets))).toBe(0);
    const flux = await stockage.ouvrir("feuilles-de-route/58/0b7c.pdf");
    const morceaux: Buffer[] = [];
    for await (const m of flux ?? []) morceaux.push(m as Buffer);
    expect(Buffer.compare(Buffer.concat(morceaux), Buffer.from(octets))).toBe(0);
    expect(await stockage.existe("feuilles-de-route/58/0b7c.pdf")).toBe(true);
  });

  it("un objet absent : lire et ouvrir rendent null, existe rend faux", async () => {
    const stockage = new StockageS3(CONFIGURATION);
    expect(await stockage.lire("absent")).toBeNull();
    expect(await stockage.ouvrir("absent")).toBeNull();
    expect(await stockage.existe("absent")).toBe(false);
  });

  it("un préfixe de chemin dans l'adresse du service est gardé", async () => {
    const stockage = new StockageS3({ ...CONFIGURATION, endpoint: `${CONFIGURATION.endpoint}/passerelle/` });
    await stockage.ecrire("a/b.txt", new Uint8Array([1, 2, 3]));
    expect(requetes.at(-1)?.chemin).toBe("/passerelle/efne-documents/a/b.txt");
  });

  it("une signature refusée ou une panne du service est une erreur qui le dit ; une clé invalide ne part jamais", async () => {
    const mauvaiseCle = new StockageS3({ ...CONFIGURATION, cleSecrete: "autre" });
    await expect(mauvaiseCle.ecrire("x.pdf", new Uint8Array([1]))).rejects.toThrow("Stockage S3 : écriture refusé (HTTP 403, SignatureDoesNotMatch).");
    await expect(new StockageS3(CONFIGURATION).lire("en-panne")).rejects.toThrow("HTTP 500, InternalError");
    const avant = requetes.length;
    await expect(new StockageS3(CONFIGURATION).lire("../autre-compartiment/x")).rejects.toThrow("Clé de stockage invalide");
    expect(requetes.length).toBe(avant);
  });

  it("un service injoignable est une erreur qui nomme l'adresse", async () => {
    const injoignable = new StockageS3({ ...CONFIGURATION, endpoint: "http://127.0.0.1:9" }, { delaiMs: 2000 });
    await expect(injoignable.existe("x")).rejects.toThrow(/^Stockage S3 injoignable \(HEAD http:\/\/127\.0\.0\.1:9\)/);
  });
});
