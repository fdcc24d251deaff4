/*
 * Indice de fragilité numérique (La MedNum): the CSV files per commune and per EPCI, header
 * `name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total`,
 * scores 1 to 10 (10 = the most fragile), total = the mean of the five. PRODUCT §9: an all-zero row
 * is "Non disponible"; several rows for one current commune (Paris, Lyon and Marseille by
 * arrondissement, merged communes) give their population-weighted mean, flagged as our calculation.
 */

export const COLONNES_IFN = ["name", "division", "code", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate", "total"] as const;

export type NiveauIfn = "communes" | "epci";

export interface ScoresIfn {
  thd: number | null;
  quatreG: number | null;
  pauvrete: number | null;
  plus65: number | null;
  peuDiplomes: number | null;
  score: number | null;
}

export interface LigneIfn {
  code: string;
  nom: string;
  scores: ScoresIfn;
  /** Every value was 0: the source had no data for it. */
  nonDisponible: boolean;
}

export interface ProblemeDeLigne {
  champ: string | null;
  valeur: string | null;
  raison: string;
}

const CHAMPS_SCORES: Array<[keyof ScoresIfn, (typeof COLONNES_IFN)[number]]> = [
  ["thd", "no_thd_coverage_rate"],
  ["quatreG", "no_4g_coverage_rate"],
  ["pauvrete", "poverty_rate"],
  ["plus65", "older_65_rate"],
  ["peuDiplomes", "nscol15p_rate"],
  ["score", "total"],
];

/** The position of each expected column in the header, or the columns that are missing. */
export function lireEnteteIfn(entete: string[]): { ok: true; positions: Record<(typeof COLONNES_IFN)[number], number> } | { ok: false; manquantes: string[] } {
  const normalise = entete.map((c) => c.trim().toLowerCase());
  const positions = {} as Record<(typeof COLONNES_IFN)[number], number>;
  const manquantes: string[] = [];
  for (const c of COLONNES_IFN) {
    const i = normalise.indexOf(c);
    if (i < 0) manquantes.push(c);
    else positions[c] = i;
  }
  return manquantes.length ? { ok: false, manquantes } : { ok: true, positions };
}

const FORMAT_CODE: Record<NiveauIfn, RegExp> = { communes: /^(\d{5}|2[AB]\d{3})$/, epci: /^\d{9}$/ };
const DIVISION: Record<NiveauIfn, string> = { communes: "city", epci: "epci" };

/** Checks one row of the file; gives the row, or every problem found (the row is then rejected). */
export function lireLigneIfn(champs: string[], positions: Record<(typeof COLONNES_IFN)[number], number>, niveau: NiveauIfn): { ok: true; ligne: LigneIfn } | { ok: false; problemes: ProblemeDeLigne[] } {
  const problemes: ProblemeDeLigne[] = [];
  const valeur = (c: (typeof COLONNES_IFN)[number]) => (champs[positions[c]] ?? "").trim();
  if (champs.length < COLONNES_IFN.length) {
    return { ok: false, problemes: [{ champ: null, valeur: null, raison: `Ligne incomplète : ${COLONNES_IFN.length} colonnes attendues, ${champs.length} lues.` }] };
  }
  const code = valeur("code").toUpperCase();
  if (!FORMAT_CODE[niveau].test(code)) {
    problemes.push({ champ: "code", valeur: code, raison: niveau === "communes" ? "Code commune invalide : 5 caractères attendus (exemple : 58194)." : "Code EPCI invalide : SIREN de 9 chiffres attendu." });
  }
  const division = valeur("division");
  if (division !== DIVISION[niveau]) problemes.push({ champ: "division", valeur: division, raison: `« ${DIVISION[niveau]} » attendu pour ce fichier.` });
  const scores = {} as ScoresIfn;
  if (CHAMPS_SCORES.every(([, colonne]) => valeur(colonne) === "")) {
    problemes.push({ champ: null, valeur: null, raison: "Aucune valeur d'indice sur cette ligne." });
    return { ok: false, problemes };
  }
  for (const [cle, colonne] of CHAMPS_SCORES) {
    const brut = valeur(colonne);
    const n = brut === "" ? Number.NaN : Number(brut.replace(",", "."));
    if (!Number.isFinite(n)) problemes.push({ champ: colonne, valeur: brut, raison: "Nombre attendu (exemple : 6.5)." });
    else if (n < 0 || n > 10) problemes.push({ champ: colonne, valeur: brut, raison: "Valeur hors de l'échelle de 0 à 10." });
    scores[cle] = Number.isFinite(n) ? n : null;
  }
  if (problemes.length) return { ok: false, problemes };
  const nonDisponible = CHAMPS_SCORES.every(([cle]) => scores[cle] === 0);
  const valeurs: ScoresIfn = nonDisponible ? { thd: null, quatreG: null, pauvrete: null, plus65: null, peuDiplomes: null, score: null } : scores;
  return { ok: true, ligne: { code, nom: valeur("name"), scores: valeurs, nonDisponible } };
}

/**
 * Several rows for one current commune: the population-weighted mean of those with data (rows
 * without a known population weigh as much as the average of the others; all unknown: plain mean).
 */
export function moyennePonderee(lignes: Array<{ scores: ScoresIfn; population: number | null }>): ScoresIfn {
  const avecDonnees = lignes.filter((l) => l.scores.score !== null);
  const connues = avecDonnees.map((l) => l.population).filter((p): p is number => p !== null && p > 0);
  const parDefaut = connues.length ? connues.reduce((a, b) => a + b, 0) / connues.length : 1;
  const poids = avecDonnees.map((l) => (l.population !== null && l.population > 0 ? l.population : parDefaut));
  const total = poids.reduce((a, b) => a + b, 0);
  const moyenne = (cle: keyof ScoresIfn): number | null => {
    if (avecDonnees.length === 0 || total === 0) return null;
    return Math.round((avecDonnees.reduce((s, l, i) => s + (l.scores[cle] ?? 0) * (poids[i] as number), 0) / total) * 1000) / 1000;
  };
  return { thd: moyenne("thd"), quatreG: moyenne("quatreG"), pauvrete: moyenne("pauvrete"), plus65: moyenne("plus65"), peuDiplomes: moyenne("peuDiplomes"), score: moyenne("score") };
}
