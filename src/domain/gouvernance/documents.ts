/*
 * The document of a feuille de route (PRODUCT §6: "Le format des feuilles de route est libre"):
 * a PDF or an office file of at most 25 Mo. A file is accepted when its extension is one of the
 * accepted kinds AND its first bytes are those of that kind (PDF, ZIP for OOXML and OpenDocument,
 * OLE compound file for the legacy Word, Excel and PowerPoint files): the name alone proves
 * nothing, and the type the browser announces is not read at all. The same checks run in the
 * browser (instant message) and on the server (the one that counts).
 */

export const TAILLE_MAX_DOCUMENT = 25 * 1024 * 1024;

/** How many first bytes the checks read. */
export const OCTETS_DE_SIGNATURE = 8;

type Signature = "pdf" | "zip" | "ole";

const SIGNATURES: Record<Signature, readonly number[]> = {
  // "%PDF-"
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d],
  // "PK\x03\x04": a ZIP archive (OOXML and OpenDocument files are ZIP packages)
  zip: [0x50, 0x4b, 0x03, 0x04],
  // The OLE compound file of the legacy Office formats
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
};

/** Each accepted extension, with the type served on download and the first bytes it must have. */
export const FORMATS_DOCUMENT = {
  pdf: { typeMime: "application/pdf", signature: "pdf" },
  docx: { typeMime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", signature: "zip" },
  xlsx: { typeMime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", signature: "zip" },
  pptx: { typeMime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", signature: "zip" },
  odt: { typeMime: "application/vnd.oasis.opendocument.text", signature: "zip" },
  ods: { typeMime: "application/vnd.oasis.opendocument.spreadsheet", signature: "zip" },
  odp: { typeMime: "application/vnd.oasis.opendocument.presentation", signature: "zip" },
  doc: { typeMime: "application/msword", signature: "ole" },
  xls: { typeMime: "application/vnd.ms-excel", signature: "ole" },
  ppt: { typeMime: "application/vnd.ms-powerpoint", signature: "ole" },
} as const satisfies Record<string, { typeMime: string; signature: Signature }>;

export type ExtensionDocument = keyof typeof FORMATS_DOCUMENT;

export const EXTENSIONS_DOCUMENT = Object.keys(FORMATS_DOCUMENT) as ExtensionDocument[];

/** For the `accept` attribute of a file input: ".pdf,.docx,…". */
export const ACCEPT_DOCUMENT = EXTENSIONS_DOCUMENT.map((e) => `.${e}`).join(",");

export const MESSAGES_DOCUMENT = {
  vide: "Le fichier est vide.",
  tropGros: "Le fichier dépasse 25 Mo.",
  formatNonAccepte: "Format non accepté : déposez un PDF ou un fichier bureautique (Word, Excel, PowerPoint, OpenDocument).",
  contenuIncoherent: "Le contenu du fichier ne correspond pas à son extension.",
} as const;

export type ErreurDocument = keyof typeof MESSAGES_DOCUMENT;

export interface DocumentVerifie {
  /** The name to store and to offer on download (see nomDeFichierSur). */
  nomFichier: string;
  extension: ExtensionDocument;
  typeMime: string;
  taille: number;
}

export type VerificationDocument = { ok: true; document: DocumentVerifie } | { ok: false; erreur: ErreurDocument; message: string };

const refus = (erreur: ErreurDocument): VerificationDocument => ({ ok: false, erreur, message: MESSAGES_DOCUMENT[erreur] });

/** The lower-cased extension of a name ("Feuille.PDF" → "pdf"), or "" when it has none. */
export function extensionDe(nom: string): string {
  const base = nom.split(/[/\\]/).pop() ?? "";
  const point = base.lastIndexOf(".");
  return point > 0 ? base.slice(point + 1).toLowerCase() : "";
}

const estExtensionDocument = (e: string): e is ExtensionDocument => Object.prototype.hasOwnProperty.call(FORMATS_DOCUMENT, e);

function commencePar(octets: Uint8Array, signature: readonly number[]): boolean {
  return octets.length >= signature.length && signature.every((o, i) => octets[i] === o);
}

/**
 * Checks a file from its name, its size and its first bytes (at least OCTETS_DE_SIGNATURE of
 * them, or the whole file when it is shorter). Order of the answers: empty, too big, kind not
 * accepted, content not matching the extension.
 */
export function verifierDocument(fichier: { nom: string; taille: number; premiersOctets: Uint8Array }): VerificationDocument {
  if (!Number.isFinite(fichier.taille) || fichier.taille <= 0) return refus("vide");
  if (fichier.taille > TAILLE_MAX_DOCUMENT) return refus("tropGros");
  const extension = extensionDe(fichier.nom);
  if (!estExtensionDocument(extension)) return refus("formatNonAccepte");
  const format = FORMATS_DOCUMENT[extension];
  if (!commencePar(fichier.premiersOctets, SIGNATURES[format.signature])) return refus("contenuIncoherent");
  return { ok: true, document: { nomFichier: nomDeFichierSur(fichier.nom), extension, typeMime: format.typeMime, taille: fichier.taille } };
}

export const LONGUEUR_MAX_NOM_FICHIER = 150;

/** Control and format characters (including the bidirectional overrides that disguise an extension). */
const INVISIBLES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Characters that file systems or the Content-Disposition header handle badly. */
const RESERVES = /[<>:"/\\|?*]/g;

/** The first characters of `texte` (whole code points) that fit in `longueur` UTF-16 units. */
function tronquer(texte: string, longueur: number): string {
  let resultat = "";
  for (const c of texte) {
    if (resultat.length + c.length > longueur) break;
    resultat += c;
  }
  return resultat;
}

/**
 * A name safe to store and to offer on download: no folder (only what follows the last / or \),
 * no control or invisible character, no reserved character, spaces collapsed, no leading or
 * trailing dot or space, LONGUEUR_MAX_NOM_FICHIER characters at most with the extension kept
 * (lower-cased). A name with nothing left becomes "document.{extension}".
 */
export function nomDeFichierSur(nom: string): string {
  const base = (nom.split(/[/\\]/).pop() ?? "").normalize("NFC");
  const extension = extensionDe(base);
  const sansExtension = extension ? base.slice(0, base.length - extension.length - 1) : base;
  const nettoye = (s: string) =>
    s
      .replace(/\s/g, " ")
      .replace(INVISIBLES, "")
      .replace(RESERVES, "_")
      .replace(/\s+/g, " ")
      .replace(/^[\s.]+|[\s.]+$/g, "");
  const ext = nettoye(extension).toLowerCase();
  const suffixe = ext ? `.${tronquer(ext, 16)}` : "";
  const corps = tronquer(nettoye(sansExtension), LONGUEUR_MAX_NOM_FICHIER - suffixe.length).replace(/[\s.]+$/, "");
  return `${corps || "document"}${suffixe}`;
}

/** A size as people read it: "850 octets", "12,5 ko", "3,2 Mo" (1 ko = 1 024 octets). */
export function formaterTaille(octets: number): string {
  const nombre = (n: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(n);
  if (octets < 1024) return `${octets} octet${octets > 1 ? "s" : ""}`;
  if (octets < 1024 * 1024) return `${nombre(octets / 1024)} ko`;
  return `${nombre(octets / (1024 * 1024))} Mo`;
}
