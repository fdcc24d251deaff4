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
