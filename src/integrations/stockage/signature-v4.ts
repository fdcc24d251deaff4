import { createHash, createHmac } from "node:crypto";

/*
 * AWS Signature Version 4 for S3-compatible object stores (Authorization header, payload hash
 * sent in x-amz-content-sha256), written here with node:crypto rather than pulling in an SDK:
 * canonical request → string to sign → key derived from the secret, date, region and service →
 * HMAC-SHA256. Checked against the examples of the Amazon S3 documentation
 * (signature-v4.test.ts).
 */

export const ALGORITHME = "AWS4-HMAC-SHA256";

/** SHA-256 of an empty body, the payload hash of a GET or HEAD. */
export const EMPREINTE_VIDE = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface Identifiants {
  idCleAcces: string;
  cleSecrete: string;
}

export interface RequeteASigner {
  methode: string;
  url: URL;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (added here). */
  enTetes?: Record<string, string>;
  /** Hex SHA-256 of the body. */
  empreinteCorps: string;
  date: Date;
  region: string;
  service?: string;
  identifiants: Identifiants;
}

export interface RequeteSignee {
  /** Every signed header, lower-cased, with authorization: what to send (host apart, which fetch sets itself). */
  enTetes: Record<string, string>;
  signature: string;
  requeteCanonique: string;
  chaineASigner: string;
}

export const sha256Hex = (donnees: string | Uint8Array) => createHash("sha256").update(donnees).digest("hex");

const hmac = (cle: string | Buffer, donnees: string) => createHmac("sha256", cle).update(donnees, "utf8").digest();

/** URI encoding of SigV4: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper case); "/" kept in paths. */
export function encoderUri(texte: string, garderBarres: boolean): string {
  let resultat = "";
  for (const octet of Buffer.from(texte, "utf8")) {
    const c = String.fromCharCode(octet);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (garderBarres && c === "/")) resultat += c;
    else resultat += `%${octet.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return resultat;
}

/** "20130524T000000Z" */
export const dateAmz = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

function chaineDeRequete(url: URL): string {
  return [...url.searchParams]
    .map(([cle, valeur]) => [encoderUri(cle, false), encoderUri(valeur, false)] as const)
    .sort(([a, va], [b, vb]) => (a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([cle, valeur]) => `${cle}=${valeur}`)
    .join("&");
}

/** The path as S3 canonicalises it: each segment decoded then encoded once (S3 does not double-encode). */
function cheminCanonique(url: URL): string {
  const segments = url.pathname.split("/").map((s) => encoderUri(decodeURIComponent(s), false));
  return segments.join("/") || "/";
}

export function signerRequete(r: RequeteASigner): RequeteSignee {
  const service = r.service ?? "s3";
  const horodatage = dateAmz(r.date);
  const jour = horodatage.slice(0, 8);
  const enTetes: Record<string, string> = {};
  for (const [nom, valeur] of Object.entries(r.enTetes ?? {})) enTetes[nom.toLowerCase()] = valeur.trim().replace(/\s+/g, " ");
  enTetes.host = r.url.host;
  enTetes["x-amz-date"] = horodatage;
  enTetes["x-amz-content-sha256"] = r.empreinteCorps;
  const noms = Object.keys(enTetes).sort();
  const signes = noms.join(";");
  const requeteCanonique = [
    r.methode.toUpperCase(),
    cheminCanonique(r.url),
    chaineDeRequete(r.url),
    ...noms.map((n) => `${n}:${enTetes[n]}`),
    "",
    signes,
    r.empreinteCorps,
  ].join("\n");
  const portee = `${jour}/${r.region}/${service}/aws4_request`;
  const chaineASigner = [ALGORITHME, horodatage, portee, sha256Hex(requeteCanonique)].join("\n");
  const cle = hmac(hmac(hmac(hmac(`AWS4${r.identifiants.cleSecrete}`, jour), r.region), service), "aws4_request");
  const signature = createHmac("sha256", cle).update(chaineASigner, "utf8").digest("hex");
  enTetes.authorization = `${ALGORITHME} Credential=${r.identifiants.idCleAcces}/${portee},SignedHeaders=${signes},Signature=${signature}`;
  return { enTetes, signature, requeteCanonique, chaineASigner };
}
