/*
 * A streaming CSV reader (RFC 4180 and its usual variants) for the data importers: text arrives in
 * chunks of any size, records come out as soon as they are complete, each with the line where it
 * starts. Quoted fields may hold separators, quotes ("") and line breaks; CRLF, LF and CR end
 * records; a field longer than the limit is reported, not kept, so a hostile file cannot fill the
 * memory.
 */

export const SEPARATEURS_CSV = [",", ";", "|", "\t"] as const;

export type EnregistrementCsv = { ligne: number; champs: string[] } | { ligne: number; erreur: "champTropLong" | "guillemetNonFerme" };

/** The separator of a header line: the candidate that appears most often outside quotes. */
export function detecterSeparateur(entete: string): string {
  let meilleur: string = ",";
  let maximum = 0;
  for (const s of SEPARATEURS_CSV) {
    let n = 0;
    let guillemets = false;
    for (const c of entete) {
      if (c === '"') guillemets = !guillemets;
      else if (!guillemets && c === s) n += 1;
    }
    if (n > maximum) {
      maximum = n;
      meilleur = s;
    }
  }
  return meilleur;
}

export class LecteurCsv {
  private separateur: string | null;
  private readonly tailleMaximale: number;
  private champ = "";
  private champs: string[] = [];
  private guillemets = false;
  /** The previous character was a quote inside a quoted field (an escaped "" or the closing one). */
  private guillemetEnAttente = false;
  private ligne = 1;
  private debut = 1;
  private crPrecedent = false;
  private tropLong = false;
  private premierMorceau = true;
  private entete = "";

  constructor(options: { separateur?: string; tailleMaximaleChamp?: number } = {}) {
    this.separateur = options.separateur ?? null;
    this.tailleMaximale = options.tailleMaximaleChamp ?? 100_000;
  }

  /** The separator used (detected from the header line when not given). */
  get separateurUtilise(): string | null {
    return this.separateur;
  }

  /** Reads a chunk of text; yields every record it completes. */
  *pousser(texte: string): Generator<EnregistrementCsv> {
    if (this.premierMorceau) {
      this.premierMorceau = false;
      if (texte.charCodeAt(0) === 0xfeff) texte = texte.slice(1);
    }
    if (this.separateur === null) {
      // Wait for the whole header line to choose the separator.
      this.entete += texte;
      const fin = this.entete.search(/[\r\n]/);
      if (fin < 0 && this.entete.length < 1_000_000) return;
      this.separateur = detecterSeparateur(fin < 0 ? this.entete : this.entete.slice(0, fin));
      texte = this.entete;
      this.entete = "";
    }
    const sep = this.separateur;
    for (let i = 0; i < texte.length; i += 1) {
      const c = texte[i] as string;
      if (this.crPrecedent) {
        this.crPrecedent = false;
        if (c === "\n") continue;
      }
      if (this.guillemets) {
        if (this.guillemetEnAttente) {
          this.guillemetEnAttente = false;
          if (c === '"') {
            this.ajouter('"');
            continue;
          }
          this.guillemets = false;
          // fall through: the character after the closing quote is read outside quotes
        } else if (c === '"') {
          this.guillemetEnAttente = true;
          continue;
        } else {
          if (c === "\n" || c === "\r") {
            // A line break inside a quoted field: kept as one "\n", counted as one line.
            this.ligne += 1;
            if (c === "\r") this.crPrecedent = true;
            this.ajouter("\n");
          } else this.ajouter(c);
          continue;
        }
      }
      if (c === '"' && this.champ.length === 0 && !this.tropLong) {
        this.guillemets = true;
      } else if (c === sep) {
        this.finirChamp();
      } else if (c === "\n" || c === "\r") {
        if (c === "\r") this.crPrecedent = true;
        const e = this.finirEnregistrement();
        this.ligne += 1;
        this.debut = this.ligne;
        if (e) yield e;
      } else {
        this.ajouter(c);
      }
    }
  }

  /** The end of the text: the last record, if any. */
  *terminer(): Generator<EnregistrementCsv> {
    if (this.separateur === null && this.entete.length > 0) {
      yield* this.pousser("");
      if (this.separateur === null) this.separateur = detecterSeparateur(this.entete);
    }
    if (this.guillemets && !this.guillemetEnAttente) {
      yield { ligne: this.debut, erreur: "guillemetNonFerme" };
      this.reinitialiser();
      return;
    }
    this.guillemets = false;
    this.guillemetEnAttente = false;
    const e = this.finirEnregistrement();
    if (e) yield e;
  }

  private ajouter(c: string) {
    if (this.tropLong) return;
    if (this.champ.length >= this.tailleMaximale) {
      this.tropLong = true;
      this.champ = "";
      return;
    }
    this.champ += c;
  }

  private finirChamp() {
    this.champs.push(this.champ);
    this.champ = "";
    this.guillemets = false;
    this.guillemetEnAttente = false;
  }

  private finirEnregistrement(): EnregistrementCsv | null {
    this.finirChamp();
    const champs = this.champs;
    const tropLong = this.tropLong;
    const ligne = this.debut;
    this.reinitialiser();
    // An empty line is no record.
    if (champs.length === 1 && champs[0] === "" && !tropLong) return null;
    return tropLong ? { ligne, erreur: "champTropLong" } : { ligne, champs };
  }

  private reinitialiser() {
    this.champ = "";
    this.champs = [];
    this.tropLong = false;
    this.guillemets = false;
    this.guillemetEnAttente = false;
  }
}

/** Decodes a file's bytes: UTF-8 (BOM or not), or Windows-1252 when its first bytes are not UTF-8. */
export function choisirEncodage(debut: Uint8Array): "utf-8" | "windows-1252" {
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(debut.subarray(0, reculerAuDebutDeCaractere(debut)));
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

function reculerAuDebutDeCaractere(octets: Uint8Array): number {
  let fin = octets.length;
  for (let i = 0; i < 3 && fin > 0; i += 1) {
    const o = octets[fin - 1] as number;
    if ((o & 0xc0) === 0x80) fin -= 1;
    else if ((o & 0xc0) === 0xc0) return fin - 1;
    else return octets.length;
  }
  return fin;
}

/**
 * Decodes a file's bytes as they arrive, deciding its encoding on the first bytes that are not
 * ASCII (not on a fixed sample: a Windows-1252 file whose first accent comes after the first
 * 64 KB is still read right). UTF-8 when they are valid UTF-8 (or after a UTF-8 BOM), else
 * Windows-1252. Bytes that are not UTF-8 later in a UTF-8 file become U+FFFD.
 */
export class DecodeurDeFichier {
  private mode: "indecis" | "utf-8" | "windows-1252" = "indecis";
  private retenue: Uint8Array = new Uint8Array();
  private decodeur: TextDecoder | null = null;
  private strict = true;

  get encodage(): "utf-8" | "windows-1252" | null {
    return this.mode === "indecis" ? null : this.mode;
  }

  decoder(morceau: Uint8Array): string {
    let octets = morceau;
    if (this.retenue.length) {
      octets = new Uint8Array(this.retenue.length + morceau.length);
      octets.set(this.retenue);
      octets.set(morceau, this.retenue.length);
      this.retenue = new Uint8Array();
    }
    if (this.mode === "indecis") {
      if (octets[0] === 0xef && octets[1] === 0xbb && octets[2] === 0xbf) return this.choisir("utf-8", octets);
      if (octets.length < 3 && octets.every((o) => o === 0xef || o === 0xbb || o === 0xbf) && octets.length > 0) {
        this.retenue = octets;
        return "";
      }
      const premierNonAscii = octets.findIndex((o) => o >= 0x80);
      if (premierNonAscii < 0) return latin1(octets);
      const fin = finDesCaracteresComplets(octets);
      if (fin <= premierNonAscii) {
        // Only the start of a character so far: wait for its end.
        this.retenue = octets.subarray(fin);
        return latin1(octets.subarray(0, fin));
      }
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(octets.subarray(0, fin));
        return this.choisir("utf-8", octets);
      } catch {
        return this.choisir("windows-1252", octets);
      }
    }
    return this.suite(octets);
  }

  terminer(): string {
    if (this.mode === "indecis") return this.retenue.length ? this.choisir("windows-1252", this.retenue) + (this.decodeur?.decode() ?? "") : "";
    try {
      return this.decodeur?.decode() ?? "";
    } catch {
      // A UTF-8 character cut short by the end of the file.
      return "\uFFFD";
    }
  }

  private choisir(mode: "utf-8" | "windows-1252", octets: Uint8Array): string {
    this.mode = mode;
    this.decodeur = new TextDecoder(mode, { fatal: mode === "utf-8" });
    return this.suite(octets);
  }

  private suite(octets: Uint8Array): string {
    const decodeur = this.decodeur as TextDecoder;
    if (this.mode !== "utf-8" || !this.strict) return decodeur.decode(octets, { stream: true });
    try {
      return decodeur.decode(octets, { stream: true });
    } catch {
      // Not UTF-8 after all, late in a file that began as UTF-8: keep reading, with U+FFFD.
      this.strict = false;
      this.decodeur = new TextDecoder("utf-8");
      return this.decodeur.decode(octets, { stream: true });
    }
  }
}

/** Where the last complete UTF-8 character ends (a character cut at the end is left for later). */
function finDesCaracteresComplets(octets: Uint8Array): number {
  for (let recul = 1; recul <= Math.min(3, octets.length); recul++) {
    const o = octets[octets.length - recul] as number;
    if ((o & 0xc0) === 0x80) continue;
    const longueur = o >= 0xf0 ? 4 : o >= 0xe0 ? 3 : o >= 0xc0 ? 2 : 1;
    return longueur > recul ? octets.length - recul : octets.length;
  }
  return octets.length;
}

const latin1 = (octets: Uint8Array) => {
  let texte = "";
  for (let i = 0; i < octets.length; i += 8192) texte += String.fromCharCode(...octets.subarray(i, i + 8192));
  return texte;
};
