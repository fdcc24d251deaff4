import { createReadStream, statSync } from "node:fs";
import { basename, resolve } from "node:path";

/*
 * Where an import reads its file: a path on this machine, or an http(s) URL when the machine is
 * online. Either way the bytes arrive as a stream: no file is held whole in memory.
 */

export interface SourceDeFichier {
  nom: string;
  octets: AsyncIterable<Uint8Array>;
}

export type ErreurSource = { code: "fichierIntrouvable" | "telechargementImpossible"; detail: string };

export async function ouvrirSource(cheminOuUrl: string, options: { delaiMs?: number } = {}): Promise<{ ok: true; source: SourceDeFichier } | { ok: false; erreur: ErreurSource }> {
  if (/^https?:\/\//i.test(cheminOuUrl)) {
    let reponse: Response;
    try {
      reponse = await fetch(cheminOuUrl, { signal: AbortSignal.timeout(options.delaiMs ?? 60_000), redirect: "follow" });
    } catch (e) {
      return { ok: false, erreur: { code: "telechargementImpossible", detail: e instanceof Error ? e.message : String(e) } };
    }
    if (!reponse.ok || !reponse.body) return { ok: false, erreur: { code: "telechargementImpossible", detail: `HTTP ${reponse.status}` } };
    const nom = decodeURIComponent(new URL(cheminOuUrl).pathname.split("/").pop() || "fichier");
    return { ok: true, source: { nom, octets: reponse.body as unknown as AsyncIterable<Uint8Array> } };
  }
  const chemin = resolve(cheminOuUrl);
  try {
    if (!statSync(chemin).isFile()) return { ok: false, erreur: { code: "fichierIntrouvable", detail: chemin } };
  } catch {
    return { ok: false, erreur: { code: "fichierIntrouvable", detail: chemin } };
  }
  return { ok: true, source: { nom: basename(chemin), octets: createReadStream(chemin, { highWaterMark: 256 * 1024 }) } };
}
