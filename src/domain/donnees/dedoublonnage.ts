import { normaliserNom } from "@/domain/candidatures/cle";

/*
 * Places described by several sources: the method of the national cartography, written anew.
 * Two places are compared only within one commune, when they come from different sources and
 * their typologies are compatible (one has none, they share one, or one is a France Services and
 * the other a PIMMS). Three scores out of 100: distance (100 under 0.0004°, about 40 m, then
 * 100 / (1000·d + 1)), similarity of the names and of the addresses (2 × longest common
 * subsequence / total length). With coordinates on both, their mean must exceed 83; without, the
 * mean of the two similarities must exceed 90. Pairs are grouped transitively; the most recently
 * updated place of a group stands for it.
 */

export interface LieuAComparer {
  cle: string;
  /** Places of the same source are never merged: a producer's own ids are distinct places. */
  source: string;
  codeCommune: string | null;
  typologies: readonly string[];
  latitude: number | null;
  longitude: number | null;
  nom: string;
  adresse: string | null;
  dateMaj: string | null;
}

export interface PaireDeDoublons {
  a: string;
  b: string;
  score: number;
  distance: number | null;
  nom: number;
  adresse: number;
}

export interface GroupeDeDoublons {
  representant: string;
  /** The other places of the group, each with the best score linking it to the group. */
  membres: Array<{ cle: string; score: number }>;
}

export const SEUIL_AVEC_COORDONNEES = 83;
export const SEUIL_SANS_COORDONNEES = 90;
const LONGUEUR_COMPAREE = 160;

/** Similarity of two texts, 0 to 100, on their normalised forms (case, accents, punctuation). */
export function similarite(a: string, b: string): number {
  const x = normaliserNom(a).slice(0, LONGUEUR_COMPAREE);
  const y = normaliserNom(b).slice(0, LONGUEUR_COMPAREE);
  if (!x.length && !y.length) return 0;
  if (x === y) return 100;
  // Longest common subsequence, one row at a time.
  let precedente = new Uint16Array(y.length + 1);
  let courante = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      courante[j] = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? (precedente[j - 1] as number) + 1 : Math.max(precedente[j] as number, courante[j - 1] as number);
    }
    [precedente, courante] = [courante, precedente];
  }
  return Math.round((200 * (precedente[y.length] as number)) / (x.length + y.length));
}

export function scoreDistance(a: LieuAComparer, b: LieuAComparer): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  const d = Math.hypot(a.latitude - b.latitude, a.longitude - b.longitude);
  return d < 0.0004 ? 100 : 100 / (1000 * d + 1);
}

export function typologiesCompatibles(a: readonly string[], b: readonly string[]): boolean {
  if (!a.length || !b.length) return true;
  if (a.some((t) => b.includes(t))) return true;
  return (a.includes("RFS") && b.includes("PIMMS")) || (a.includes("PIMMS") && b.includes("RFS"));
}

/** The pair's scores, or null when the two places are not to be compared or score too low. */
export function comparer(a: LieuAComparer, b: LieuAComparer): PaireDeDoublons | null {
  if (a.source === b.source || !a.codeCommune || a.codeCommune !== b.codeCommune || !typologiesCompatibles(a.typologies, b.typologies)) return null;
  const distance = scoreDistance(a, b);
  // More than about a kilometre apart: even identical names and addresses cannot reach the threshold.
  if (distance !== null && distance < 10) return null;
  const nom = similarite(a.nom, b.nom);
  const adresse = a.adresse && b.adresse ? similarite(a.adresse, b.adresse) : 0;
  const score = distance === null ? Math.floor((nom + adresse) / 2) : Math.floor((distance + nom + adresse) / 3);
  const seuil = distance === null ? SEUIL_SANS_COORDONNEES : SEUIL_AVEC_COORDONNEES;
  return score > seuil ? { a: a.cle, b: b.cle, score, distance: distance === null ? null : Math.round(distance), nom, adresse } : null;
}

/** Newest first; without a date last; then by key, so that the result does not depend on the order of the input. */
function plusRecentDabord(a: LieuAComparer, b: LieuAComparer): number {
  if (a.dateMaj !== b.dateMaj) {
    if (a.dateMaj === null) return 1;
    if (b.dateMaj === null) return -1;
    return a.dateMaj < b.dateMaj ? 1 : -1;
  }
  return a.cle < b.cle ? -1 : a.cle > b.cle ? 1 : 0;
}

export function dedoublonner(lieux: readonly LieuAComparer[]): { paires: PaireDeDoublons[]; groupes: GroupeDeDoublons[] } {
  const parCommune = new Map<string, LieuAComparer[]>();
  for (const l of lieux) {
    if (!l.codeCommune) continue;
    const liste = parCommune.get(l.codeCommune) ?? [];
    liste.push(l);
    parCommune.set(l.codeCommune, liste);
  }
  const paires: PaireDeDoublons[] = [];
  for (const liste of parCommune.values()) {
    if (liste.length < 2 || new Set(liste.map((l) => l.source)).size < 2) continue;
    for (let i = 0; i < liste.length; i++) {
      for (let j = i + 1; j < liste.length; j++) {
        const p = comparer(liste[i] as LieuAComparer, liste[j] as LieuAComparer);
        if (p) paires.push(p);
      }
    }
  }

  // Union-find over the pairs.
  const parent = new Map<string, string>();
  const racine = (c: string): string => {
    let r = c;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r) as string;
    let x = c;
    while (x !== r) {
      const suivant = parent.get(x) as string;
      parent.set(x, r);
      x = suivant;
    }
    return r;
  };
  for (const p of paires) {
    parent.set(p.a, parent.get(p.a) ?? p.a);
    parent.set(p.b, parent.get(p.b) ?? p.b);
    const ra = racine(p.a);
    const rb = racine(p.b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const meilleurScore = new Map<string, number>();
  for (const p of paires) {
    meilleurScore.set(p.a, Math.max(meilleurScore.get(p.a) ?? 0, p.score));
    meilleurScore.set(p.b, Math.max(meilleurScore.get(p.b) ?? 0, p.score));
  }
  const parCle = new Map(lieux.map((l) => [l.cle, l]));
  const groupesParRacine = new Map<string, LieuAComparer[]>();
  for (const cle of parent.keys()) {
    const r = racine(cle);
    const liste = groupesParRacine.get(r) ?? [];
    liste.push(parCle.get(cle) as LieuAComparer);
    groupesParRacine.set(r, liste);
  }
  const groupes = [...groupesParRacine.values()].map((membres) => {
    const [representant, ...autres] = [...membres].sort(plusRecentDabord) as [LieuAComparer, ...LieuAComparer[]];
    return { representant: representant.cle, membres: autres.map((m) => ({ cle: m.cle, score: meilleurScore.get(m.cle) ?? 0 })) };
  });
  groupes.sort((a, b) => (a.representant < b.representant ? -1 : 1));
  return { paires, groupes };
}
