import type { ClasseAge } from "./population-par-age";

/*
 * Diagnostic des publics: national rates (e.g. "Personnes n'ayant pas utilisé internet au cours
 * des 12 derniers mois", CREDOC) extrapolated to a territory — rate × population, or rate ×
 * population of an age range when the population by age is imported. The result is an estimate:
 * it is always shown with its method, rounded, and says "environ". Nothing is invented: without
 * the population it needs, the estimate is null with the reason.
 */

export interface TauxPublic {
  id: string;
  libelle: string;
  /** Percentage, 0 to 100. */
  taux: number;
  ageMin: number | null;
  ageMax: number | null;
  source: string;
  annee: number;
  lien: string | null;
  ordre: number;
  provenance: "saisie" | "demonstration";
  modifieLe: Date;
}

export interface EstimationPublic {
  taux: TauxPublic;
  /** "Toute la population", "60 ans et plus", "15 à 29 ans". */
  tranche: string;
  demonstration: boolean;
  /** The population the rate is applied to (prorated classes included), null when unknown. */
  populationConcernee: number | null;
  /** Rounded to 3 significant figures (at least to the ten): what is shown, with "environ". */
  estimation: number | null;
  /** The same before rounding (sums, tests); not for display. */
  estimationNonArrondie: number | null;
  /** In French: the calculation and its sources, e.g. "15 % × 203 456 habitants de 60 ans et plus (…) = environ 30 500 personnes". */
  methode: string | null;
  /** Why there is no estimate. */
  raison: string | null;
  /** Some 5-year classes were partly counted, prorated by years of age (our calculation). */
  prorata: boolean;
}

export interface SourcePopulation {
  source: string;
  /** ISO date (AAAA-MM-JJ) of the data. */
  dateMiseAJour: string | null;
}

export interface DiagnosticDesPublics {
  territoire: { type: "departement"; code: string; nom: string } | { type: "national"; nom: string };
  /** The territory's population (COG: sum of its current communes). */
  population: { total: number } & SourcePopulation;
  /** The imported population by age, if any; `departementsCouverts`: how many départements of the territory it gives. */
  structureParAge: (SourcePopulation & { demonstration: boolean; departementsCouverts: number }) | null;
  estimations: EstimationPublic[];
  /** A rate or the population by age comes from demonstration data. */
  demonstration: boolean;
}

export const RAISON_SANS_STRUCTURE_PAR_AGE = "Nécessite la population par âge (import insee-population-age).";

/** The French label of an age range. */
export function libelleTranche(ageMin: number | null, ageMax: number | null): string {
  if (ageMin === null && ageMax === null) return "Toute la population";
  if (ageMax === null) return `${ageMin} ans et plus`;
  if (ageMin === null || ageMin === 0) return `Moins de ${ageMax + 1} ans`;
  if (ageMin === ageMax) return `${ageMin} ans`;
  return `${ageMin} à ${ageMax} ans`;
}

/** The label of a class of the population by age ("80 ans et plus", "15 à 19 ans"). */
export function libelleClasse(c: ClasseAge): string {
  if (c.ageMax === null) return `${c.ageMin} ans et plus`;
  if (c.ageMin === c.ageMax) return `${c.ageMin} ans`;
  return `${c.ageMin} à ${c.ageMax} ans`;
}

/** Rounds an estimate to 3 significant figures, and at least to the ten: 30 457 → 30 500, 487 → 490. */
export function arrondirEstimation(valeur: number): number {
  if (valeur <= 0) return 0;
  const pas = Math.max(10, 10 ** (Math.floor(Math.log10(valeur)) - 2));
  return Math.round(valeur / pas) * pas;
}

export type PopulationTranche = { ok: true; population: number; prorata: ClasseAge[] } | { ok: false; raison: string };

/**
 * The population of [ageMin, ageMax] (ageMax null: and over) from the classes of one territory. A
 * class partly inside the range is prorated by its years of age (the population is taken as
 * evenly spread within the class); an open class cannot be split; missing ages give no figure.
 */
export function populationDeLaTranche(classes: ReadonlyArray<ClasseAge & { population: number }>, ageMin: number, ageMax: number | null): PopulationTranche {
  const fin = ageMax ?? Infinity;
  let suivant = ageMin;
  let population = 0;
  const prorata: ClasseAge[] = [];
  for (const c of [...classes].sort((a, b) => a.ageMin - b.ageMin)) {
    const finClasse = c.ageMax ?? Infinity;
    if (finClasse < ageMin) continue;
    if (c.ageMin > fin) break;
    if (c.ageMin > suivant) return { ok: false, raison: `La population par âge importée ne donne pas les ${libelleTranche(suivant, c.ageMin - 1).toLowerCase()}.` };
    const debut = Math.max(c.ageMin, ageMin);
    const jusqua = Math.min(finClasse, fin);
    if (debut === c.ageMin && jusqua === finClasse) population += c.population;
    else if (c.ageMax === null) {
      return { ok: false, raison: `La population par âge importée s'arrête à la classe « ${libelleClasse(c)} » : elle ne permet pas d'isoler les ${libelleTranche(ageMin, ageMax).toLowerCase()}.` };
    } else {
      population += (c.population * (jusqua - debut + 1)) / (c.ageMax - c.ageMin + 1);
      prorata.push({ ageMin: c.ageMin, ageMax: c.ageMax });
    }
    if (jusqua >= fin) return { ok: true, population, prorata };
    suivant = jusqua + 1;
  }
  return { ok: false, raison: `La population par âge importée ne donne pas les ${libelleTranche(suivant, ageMax).toLowerCase()}.` };
}

/** The source of a rate with its year, unless the source already says it ("CREDOC, Baromètre du numérique 2025") or it is fictitious. */
export const sourceDuTaux = (t: Pick<TauxPublic, "source" | "annee" | "provenance">) =>
  t.provenance === "demonstration" || t.source.includes(String(t.annee)) ? t.source : `${t.source} (${t.annee})`;

const nombre = (n: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }).format(n);
export const formaterTaux = (t: number) => `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(t)} %`;

/** The method, in French: "15 % × 203 456 habitants de 60 ans et plus (source) = environ 30 500 personnes". */
export function texteMethode(p: { taux: number; population: number; tranche: string | null; sourcePopulation: string; estimation: number; prorata: ClasseAge[] }): string {
  const habitants = p.tranche === null ? "habitants" : `habitants de ${p.tranche.replace(/^Moins/, "moins")}`;
  const prorata = p.prorata.length
    ? ` ; ${p.prorata.length > 1 ? "les classes" : "la classe"} ${p.prorata.map((c) => `« ${libelleClasse(c)} »`).join(", ")} ${p.prorata.length > 1 ? "sont comptées" : "est comptée"} au prorata des années d'âge comprises dans la tranche (notre calcul)`
    : "";
  return `${formaterTaux(p.taux)} × ${nombre(p.population)} ${habitants} (${p.sourcePopulation}${prorata}) = environ ${nombre(p.estimation)} personnes`;
}
