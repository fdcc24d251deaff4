import type { ScoresIfn } from "@/domain/donnees/ifn";

/*
 * Fictitious IFN for the demonstration mode: for each code, five sub-scores between 1 and 10 drawn
 * from the code itself (the same code always gives the same scores) and their mean. They only
 * show the dashboard at work: the data set is labelled "Données de démonstration — fictives".
 */

function graine(code: string): number {
  // FNV-1a, 32 bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i += 1) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function scoresDeDemonstration(code: string): ScoresIfn {
  let etat = graine(code) || 1;
  const suivant = () => {
    // xorshift32
    etat ^= etat << 13;
    etat ^= etat >>> 17;
    etat ^= etat << 5;
    etat >>>= 0;
    return 1 + Math.round(((etat % 10_000) / 10_000) * 90) / 10;
  };
  const [thd, quatreG, pauvrete, plus65, peuDiplomes] = [suivant(), suivant(), suivant(), suivant(), suivant()] as [number, number, number, number, number];
  const score = Math.round(((thd + quatreG + pauvrete + plus65 + peuDiplomes) / 5) * 1000) / 1000;
  return { thd, quatreG, pauvrete, plus65, peuDiplomes, score };
}
