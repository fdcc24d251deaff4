import { Readable } from "node:stream";
import type { ReadableStream as FluxWeb } from "node:stream/web";
import { verifierCle } from "./cle";
import { EMPREINTE_VIDE, encoderUri, sha256Hex, signerRequete } from "./signature-v4";
import type { Stockage } from "./stockage";

/*
 * Documents in an S3-compatible bucket (AWS, Scaleway, OVHcloud, Outscale, MinIO, Garage…),
 * reached with path-style addresses ({endpoint}/{bucket}/{key}) and requests signed with AWS
 * Signature Version 4 (signature-v4.ts). Three operations: PUT, GET and HEAD of an object.
 */

export interface ConfigurationS3 {
  endpoint: string;
  region: string;
  bucket: string;
  idCleAcces: string;
  cleSecrete: string;
}

const DELAI_MS = 60_000;

/** The error code of an S3 error body (<Error><Code>AccessDenied</Code>…), when there is one. */
function codeErreur(corps: string): string | null {
  return /<Code>([^<]{1,100})<\/Code>/.exec(corps)?.[1] ?? null;
}

export class StockageS3 implements Stockage {
  readonly type = "s3" as const;

  constructor(
    private readonly configuration: ConfigurationS3,
    private readonly options: { maintenant?: () => Date; fetch?: typeof fetch; delaiMs?: number } = {},
  ) {}

  private url(cle: string): URL {
    const base = new URL(this.configuration.endpoint);
    const prefixe = base.pathname.replace(/\/+$/, "");
    base.pathname = `${prefixe}/${encoderUri(this.configuration.bucket, false)}/${encoderUri(verifierCle(cle), true)}`;
    base.search = "";
    return base;
  }

  private async envoyer(methode: "PUT" | "GET" | "HEAD", cle: string, corps?: { octets: Uint8Array; typeMime?: string }): Promise<Response> {
    const url = this.url(cle);
    const { enTetes } = signerRequete({
      methode,
      url,
      enTetes: corps?.typeMime ? { "content-type": corps.typeMime } : {},
      empreinteCorps: corps ? sha256Hex(corps.octets) : EMPREINTE_VIDE,
      date: (this.options.maintenant ?? (() => new Date()))(),
      region: this.configuration.region,
      identifiants: { idCleAcces: this.configuration.idCleAcces, cleSecrete: this.configuration.cleSecrete },
    });
    // fetch sets Host from the address itself (the same value as the one signed).
    const { host: _host, ...aEnvoyer } = enTetes;
    try {
      return await (this.options.fetch ?? fetch)(url, {
        method: methode,
        headers: aEnvoyer,
        body: corps ? new Blob([corps.octets as Uint8Array<ArrayBuffer>]) : undefined,
        signal: AbortSignal.timeout(this.options.delaiMs ?? DELAI_MS),
        redirect: "error",
      });
    } catch (erreur) {
      throw new Error(`Stockage S3 injoignable (${methode} ${url.origin}) : ${erreur instanceof Error ? erreur.message : String(erreur)}`);
    }
  }

  private async echec(reponse: Response, operation: string): Promise<never> {
    const corps = await reponse.text().catch(() => "");
    const code = codeErreur(corps);
    throw new Error(`Stockage S3 : ${operation} refusé (HTTP ${reponse.status}${code ? `, ${code}` : ""}).`);
  }

  async ecrire(cle: string, octets: Uint8Array, options: { typeMime?: string } = {}): Promise<void> {
    const reponse = await this.envoyer("PUT", cle, { octets, typeMime: options.typeMime });
    if (!reponse.ok) return this.echec(reponse, "écriture");
    await reponse.body?.cancel();
  }

  async lire(cle: string): Promise<Buffer | null> {
    const reponse = await this.envoyer("GET", cle);
    if (reponse.status === 404) {
      await reponse.body?.cancel();
      return null;
    }
    if (!reponse.ok) return this.echec(reponse, "lecture");
    return Buffer.from(await reponse.arrayBuffer());
  }

  async ouvrir(cle: string): Promise<Readable | null> {
    const reponse = await this.envoyer("GET", cle);
    if (reponse.status === 404) {
      await reponse.body?.cancel();
      return null;
    }
    if (!reponse.ok) return this.echec(reponse, "lecture");
    return reponse.body ? Readable.fromWeb(reponse.body as unknown as FluxWeb<Uint8Array>) : Readable.from([]);
  }

  async existe(cle: string): Promise<boolean> {
    const reponse = await this.envoyer("HEAD", cle);
    await reponse.body?.cancel();
    if (reponse.status === 404) return false;
    if (!reponse.ok) throw new Error(`Stockage S3 : vérification refusée (HTTP ${reponse.status}).`);
    return true;
  }
}
