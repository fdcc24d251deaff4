/*
 * Reads a JSON array of objects piece by piece, as its text arrives: each element is cut out of
 * the stream (tracking strings, escapes and nesting) and parsed on its own, so a file of any size
 * is read in bounded memory and one broken element does not stop the others.
 */

export type ElementJson = { numero: number; valeur: unknown } | { numero: number; erreur: "elementInvalide" | "elementTropLong" };

export const TAILLE_ELEMENT_MAX = 1_000_000;

export class LecteurTableauJson {
  private etat: "debut" | "entre" | "dans" | "fin" = "debut";
  private profondeur = 0;
  private dansChaine = false;
  private echappe = false;
  private scalaire = false;
  private courant: string[] = [];
  private tailleCourante = 0;
  private tropLong = false;
  private numero = 0;
  /** Set when the text is not a JSON array. */
  pasUnTableau = false;
  /** Text found after the closing bracket, or the closing bracket missing. */
  finInattendue = false;

  pousser(texte: string): ElementJson[] {
    const sortie: ElementJson[] = [];
    let debutMorceau = -1;
    const garder = (fin: number) => {
      if (debutMorceau < 0) return;
      const morceau = texte.slice(debutMorceau, fin);
      this.tailleCourante += morceau.length;
      if (this.tailleCourante > TAILLE_ELEMENT_MAX) this.tropLong = true;
      if (!this.tropLong) this.courant.push(morceau);
      debutMorceau = -1;
    };
    for (let i = 0; i < texte.length; i++) {
      const c = texte[i] as string;
      if (this.etat === "debut") {
        if (c === "\uFEFF" || /\s/.test(c)) continue;
        if (c !== "[") {
          this.pasUnTableau = true;
          this.etat = "fin";
          return sortie;
        }
        this.etat = "entre";
        continue;
      }
      if (this.etat === "fin") {
        if (!/\s/.test(c)) this.finInattendue = true;
        continue;
      }
      if (this.etat === "entre") {
        if (/\s/.test(c) || c === ",") continue;
        if (c === "]") {
          this.etat = "fin";
          continue;
        }
        this.etat = "dans";
        this.profondeur = 0;
        this.scalaire = c !== "{" && c !== "[";
        debutMorceau = i;
      } else if (debutMorceau < 0) debutMorceau = i;
      // Inside an element.
      if (this.dansChaine) {
        if (this.echappe) this.echappe = false;
        else if (c === "\\") this.echappe = true;
        else if (c === '"') this.dansChaine = false;
        continue;
      }
      if (c === '"') this.dansChaine = true;
      else if (c === "{" || c === "[") this.profondeur += 1;
      else if (c === "}" || c === "]") this.profondeur -= 1;
      if (this.scalaire) {
        // A scalar element ("[1, 2]") ends at the next comma or at the array's end.
        if ((c === "," || c === "]") && this.profondeur <= 0) {
          garder(i);
          sortie.push(this.terminerElement());
          if (c === "]") this.etat = "fin";
        }
      } else if (this.profondeur === 0) {
        garder(i + 1);
        sortie.push(this.terminerElement());
      }
    }
    garder(texte.length);
    return sortie;
  }

  /** At the end of the text: an element cut short counts as invalid. */
  terminer(): ElementJson[] {
    if (this.etat === "dans") {
      this.finInattendue = true;
      return [{ numero: ++this.numero, erreur: "elementInvalide" }];
    }
    if (this.etat !== "fin" && !this.pasUnTableau) this.finInattendue = true;
    return [];
  }

  private terminerElement(): ElementJson {
    this.numero += 1;
    const texte = this.courant.join("");
    const tropLong = this.tropLong;
    this.courant = [];
    this.tailleCourante = 0;
    this.tropLong = false;
    this.etat = "entre";
    this.dansChaine = false;
    this.echappe = false;
    if (tropLong) return { numero: this.numero, erreur: "elementTropLong" };
    try {
      return { numero: this.numero, valeur: JSON.parse(texte) };
    } catch {
      return { numero: this.numero, erreur: "elementInvalide" };
    }
  }
}
