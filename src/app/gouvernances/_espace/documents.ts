import { Readable } from "node:stream";
import { connexionApplication } from "@/db/connexion-application";
import { MESSAGES_DOCUMENT, TAILLE_MAX_DOCUMENT } from "@/domain/gouvernance/documents";
import type { Acteur } from "@/domain/identite/roles";
import { verifierOrigine } from "@/securite/origine";
import {
  deposerDocumentFeuille,
  lireDocumentFeuille,
  verifierDepotDocument,
  type DocumentFeuille,
  type ErreurDepotDocument,
  type Stockage,
} from "@/services/documents-feuilles";
import { reponseErreur } from "../../api/reponses";
import { sessionCourante } from "../../session";

/*
 * The document of a feuille de route over HTTP (PRODUCT §6):
 * - POST /api/v1/departements/{code}/feuilles-de-route/{feuille}/documents, multipart/form-data
 *   with the field "fichier" → 201 { ok: true, document } or { ok: false, message } (400, 401, 403,
 *   404, 409, 413). Everything that can be refused without the file is refused before reading it;
 *   a body larger than the largest document (plus the multipart envelope) is cut off as it comes.
 * - GET /gouvernances/departements/{code}/documents/{id}: the file, as an attachment; 404 for
 *   anyone who may not read the département's space (nothing says whether the document exists).
 * Separated from the route files so tests call them with an actor, a database and a store.
 */

type Connexion = Awaited<ReturnType<typeof connexionApplication>>;

/** Room for the multipart envelope around the file (boundaries, part headers, a long file name). */
const MARGE_ENVELOPPE = 1024 * 1024;
export const TAILLE_MAX_REQUETE_DEPOT = TAILLE_MAX_DOCUMENT + MARGE_ENVELOPPE;

export interface DocumentJson {
  id: string;
  feuilleId: string;
  version: number;
  nomFichier: string;
  typeMime: string;
  taille: number;
  /** ISO 8601 */
  deposeLe: string;
  /** Where to download it. */
  url: string;
}

export const urlDuDocument = (code: string, id: string) => `/gouvernances/departements/${encodeURIComponent(code)}/documents/${encodeURIComponent(id)}`;

export const documentJson = (d: DocumentFeuille): DocumentJson => ({
  id: d.id,
  feuilleId: d.feuilleId,
  version: d.version,
  nomFichier: d.nomFichier,
  typeMime: d.typeMime,
  taille: d.taille,
  deposeLe: d.deposeLe.toISOString(),
  url: urlDuDocument(d.codeDepartement, d.id),
});

const json = (status: number, corps: { ok: true; document: DocumentJson } | { ok: false; message: string }) =>
  Response.json(corps, { status, headers: { "cache-control": "no-store" } });
const refus = (status: 400 | 401 | 403 | 404 | 409 | 413 | 500, message: string) => json(status, { ok: false, message });

const dateLongue = (d: unknown) =>
  d instanceof Date ? d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }) : null;

function refusDuService(erreur: ErreurDepotDocument, details: Record<string, unknown> | undefined): Response {
  switch (erreur) {
    case "nonConnecte":
      return refus(401, "Connectez-vous pour déposer un document.");
    case "nonAutorise":
      return refus(403, "Votre compte ne permet pas de déposer un document pour ce département.");
    case "codeDepartementInvalide":
    case "departementInconnu":
      return refus(404, "Ce département n'existe pas.");
    case "feuilleInconnue":
      return refus(404, "Cette feuille de route n'est pas enregistrée : enregistrez d'abord la section « Feuilles de route & porteurs », puis déposez son document.");
    case "horsDelai": {
      if (details?.raison === "validee") return refus(409, "La gouvernance est validée : elle ne se modifie plus ; le document n'a pas été déposé.");
      if (details?.raison === "pasEncoreOuverte") return refus(409, "La campagne n'est pas encore ouverte : le document n'a pas été déposé.");
      const date = dateLongue(details?.dateLimite);
      return refus(409, `La proposition n'est plus modifiable${date ? ` depuis le ${date}` : ""} : le document n'a pas été déposé.`);
    }
    case "fichierInvalide":
      return refus(details?.raison === "tropGros" ? 413 : 400, typeof details?.message === "string" ? details.message : "Ce fichier n'est pas accepté.");
  }
}

/** The origin this request reached, as src/proxy.ts computes it. */
function origineDuSite(requete: Request): string {
  const url = new URL(requete.url);
  const https = url.protocol === "https:" || requete.headers.get("x-forwarded-proto") === "https";
  return `${https ? "https" : "http"}://${requete.headers.get("x-forwarded-host") ?? requete.headers.get("host") ?? url.host}`;
}

/** The body, cut off with an error as soon as it exceeds `maximum` bytes (a missing or false Content-Length). */
function corpsLimite(corps: ReadableStream<Uint8Array>, maximum: number): { flux: ReadableStream<Uint8Array>; depasse: () => boolean } {
  let lus = 0;
  const flux = corps.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(morceau, controleur) {
        lus += morceau.byteLength;
        if (lus > maximum) controleur.error(new Error(`Corps de plus de ${maximum} octets`));
        else controleur.enqueue(morceau);
      },
    }),
  );
  return { flux, depasse: () => lus > maximum };
}

export async function repondreDepot(p: {
  requete: Request;
  acteur: Acteur | null;
  code: string;
  feuilleId: string;
  maintenant: Date;
  connexion?: Connexion;
  stockage?: Stockage;
}): Promise<Response> {
  // src/proxy.ts checks it for every request; checked here too, so that the upload stays
  // protected if this path is ever served without the proxy (to raise its body size limit).
  const origine = verifierOrigine({
    methode: p.requete.method,
    origineDuSite: origineDuSite(p.requete),
    originesAutorisees: process.env.EFNE_ORIGINES_AUTORISEES?.split(",").map((o) => o.trim()).filter(Boolean),
    origin: p.requete.headers.get("origin"),
    referer: p.requete.headers.get("referer"),
  });
  if (!origine.accepte) return refus(403, "Requête refusée : elle ne vient pas de ce site.");

  const longueur = Number(p.requete.headers.get("content-length") ?? "");
  if (Number.isFinite(longueur) && longueur > TAILLE_MAX_REQUETE_DEPOT) return refus(413, MESSAGES_DOCUMENT.tropGros);
  const typeDeContenu = p.requete.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(typeDeContenu) || !p.requete.body) {
    return refus(400, "Envoyez le document dans le champ « fichier » d'un formulaire multipart/form-data.");
  }

  const connexion = p.connexion ?? (await connexionApplication());
  const possible = await verifierDepotDocument({ db: connexion.db, acteur: p.acteur, code: p.code, feuilleId: p.feuilleId, maintenant: p.maintenant });
  if (!possible.ok) return refusDuService(possible.erreur, possible.details);

  const corps = corpsLimite(p.requete.body, TAILLE_MAX_REQUETE_DEPOT);
  let formulaire: FormData;
  try {
    formulaire = await new Response(corps.flux, { headers: { "content-type": typeDeContenu } }).formData();
  } catch {
    return corps.depasse() ? refus(413, MESSAGES_DOCUMENT.tropGros) : refus(400, "Le fichier n'a pas pu être reçu en entier : réessayez.");
  }
  const fichier = formulaire.get("fichier");
  if (!(fichier instanceof Blob)) return refus(400, "Choisissez le fichier à déposer.");

  try {
    const resultat = await deposerDocumentFeuille({
      connexion,
      acteur: p.acteur,
      code: p.code,
      feuilleId: p.feuilleId,
      fichier: { nom: (fichier as File).name ?? "", type: fichier.type, octets: new Uint8Array(await fichier.arrayBuffer()) },
      maintenant: p.maintenant,
      stockage: p.stockage,
    });
    if (!resultat.ok) return refusDuService(resultat.erreur, resultat.details);
    return json(201, { ok: true, document: documentJson(resultat.valeur) });
  } catch (erreur) {
    console.error(`[efne] Dépôt d'un document de feuille de route (${p.code}, ${p.feuilleId}) : ${(erreur as Error).message}`);
    return refus(500, "Le document n'a pas pu être enregistré. Réessayez dans quelques minutes ; si le problème persiste, prévenez l'équipe nationale.");
  }
}

/** A file name for the old `filename` parameter: ASCII only, accents dropped, quotes and the rest replaced. */
function nomAscii(nom: string): string {
  return nom
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
}

/** RFC 5987 value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves encoded too. */
const valeurRfc5987 = (nom: string) => encodeURIComponent(nom).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const dispositionPieceJointe = (nom: string) => `attachment; filename="${nomAscii(nom)}"; filename*=UTF-8''${valeurRfc5987(nom)}`;

export async function repondreTelechargement(p: { acteur: Acteur | null; code: string; id: string; connexion?: Connexion; stockage?: Stockage }): Promise<Response> {
  const { db } = p.connexion ?? (await connexionApplication());
  const lu = await lireDocumentFeuille({ db, acteur: p.acteur, code: p.code, id: p.id, stockage: p.stockage });
  if (!lu.ok) {
    if (lu.erreur === "fichierIndisponible") {
      console.error(`[efne] Document ${p.id} du département ${p.code} : fichier absent du stockage.`);
      return reponseErreur(500, "Le fichier de ce document est introuvable : prévenez l'équipe nationale.");
    }
    return reponseErreur(404, "Ce document n'existe pas, ou votre compte ne donne pas accès aux documents de ce département.");
  }
  const { document, flux } = lu.valeur;
  return new Response(Readable.toWeb(flux) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": document.typeMime,
      "content-length": String(document.taille),
      "content-disposition": dispositionPieceJointe(document.nomFichier),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** The POST of the route file: the session's actor, then repondreDepot. */
export function routeDepot() {
  return async (requete: Request, contexte: { params: Promise<{ code: string; feuille: string }> }) => {
    const { code, feuille } = await contexte.params;
    const session = await sessionCourante();
    return repondreDepot({ requete, acteur: session?.acteur ?? null, code, feuilleId: feuille, maintenant: new Date() });
  };
}

/** The GET of the route file: the session's actor, then repondreTelechargement. */
export function routeTelechargement() {
  return async (_requete: Request, contexte: { params: Promise<{ code: string; id: string }> }) => {
    const { code, id } = await contexte.params;
    const session = await sessionCourante();
    return repondreTelechargement({ acteur: session?.acteur ?? null, code, id });
  };
}
