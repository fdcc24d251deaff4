/*
 * Every state-changing request must come from a page of this site: its Origin (or, failing that,
 * its Referer) must be the site's own origin. Browsers always send Origin on cross-site POSTs.
 */

export const METHODES_SURES = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequeteAVerifier {
  methode: string;
  /** The origin this server is reached at, e.g. "http://localhost:3000". */
  origineDuSite: string;
  /** Other accepted origins (EFNE_ORIGINES_AUTORISEES). */
  originesAutorisees?: string[];
  origin: string | null;
  referer: string | null;
}

export type VerdictOrigine = { accepte: true } | { accepte: false; raison: "origineEtrangere" | "origineAbsente" };

function origineDe(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function verifierOrigine(r: RequeteAVerifier): VerdictOrigine {
  if (METHODES_SURES.has(r.methode.toUpperCase())) return { accepte: true };
  const acceptees = new Set([r.origineDuSite, ...(r.originesAutorisees ?? [])].map((o) => origineDe(o)).filter(Boolean));
  const annoncee = r.origin && r.origin !== "null" ? origineDe(r.origin) : r.referer ? origineDe(r.referer) : null;
  if (annoncee === null) return { accepte: false, raison: "origineAbsente" };
  return acceptees.has(annoncee) ? { accepte: true } : { accepte: false, raison: "origineEtrangere" };
}
