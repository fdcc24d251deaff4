import type { ProblemeDeLigne } from "./ifn";

/*
 * Population by age, read from two kinds of CSV files (separator detected from the header):
 *
 * - an INSEE census table in long format: a geographic code (`CODGEO`, a commune — or a
 *   département when `NIVGEO` says DEP or the code is a département's —, or `DEP`), an age
 *   (`AGED100`: single years "000" to "100", 100 meaning "100 ans et plus"; or `AGEQ80_17`: 5-year
 *   classes "00", "05"… "80", 80 meaning "80 ans et plus"), optionally `SEXE` (1 or 2, summed) and
 *   `ANNEE`, and a count `NB` (often decimal: rounded once summed);
 * - the project's template (docs/modeles/population-par-age.csv):
 *   `code_departement,age_min,age_max,population,annee` (age_max empty: open class; annee and
 *   source optional).
 */

export type VariableAge = "AGED100" | "AGEQ80_17";

export type EntetePopulationAge =
  | { format: "insee"; code: number; niveau: number | undefined; departement: boolean; age: number; variableAge: VariableAge; sexe: number | undefined; nombre: number; annee: number | undefined }
  | { format: "modele"; code: number; ageMin: number; ageMax: number; population: number; annee: number | undefined; source: number | undefined };

export const COLONNES_MODELE_POPULATION_AGE = ["code_departement", "age_min", "age_max", "population", "annee"] as const;

/** The header of either layout, or what is missing (named after the template, the simpler one). */
export function lireEntetePopulationAge(entete: string[]): { ok: true; positions: EntetePopulationAge } | { ok: false; manquantes: string[] } {
  const noms = entete.map((c) => c.trim().toUpperCase());
  const position = (...candidats: string[]) => {
    for (const c of candidats) {
      const i = noms.indexOf(c);
      if (i >= 0) return i;
    }
    return undefined;
  };
  const nombre = position("NB");
  const aged100 = position("AGED100");
  const ageq = position("AGEQ80_17");
  const codgeo = position("CODGEO");
  const dep = position("DEP", "CODE_DEPARTEMENT");
  if (nombre !== undefined && (aged100 !== undefined || ageq !== undefined) && (codgeo !== undefined || dep !== undefined)) {
    return {
      ok: true,
      positions: {
        format: "insee",
        code: (codgeo ?? dep) as number,
        departement: codgeo === undefined,
        niveau: position("NIVGEO"),
        age: (aged100 ?? ageq) as number,
        variableAge: aged100 !== undefined ? "AGED100" : "AGEQ80_17",
        sexe: position("SEXE"),
        nombre,
        annee: position("ANNEE", "AN"),
      },
    };
  }
  const code = position("CODE_DEPARTEMENT");
  const ageMin = position("AGE_MIN");
  const ageMax = position("AGE_MAX");
  const population = position("POPULATION");
  if (code !== undefined && ageMin !== undefined && ageMax !== undefined && population !== undefined) {
    return { ok: true, positions: { format: "modele", code, ageMin, ageMax, population, annee: position("ANNEE"), source: position("SOURCE") } };
  }
  if (nombre !== undefined || aged100 !== undefined || ageq !== undefined || codgeo !== undefined) {
    const manquantes = [
      ...(codgeo === undefined && dep === undefined ? ["CODGEO"] : []),
      ...(aged100 === undefined && ageq === undefined ? ["AGED100 ou AGEQ80_17"] : []),
      ...(nombre === undefined ? ["NB"] : []),
    ];
    return { ok: false, manquantes };
  }
  const manquantes = [
    ...(code === undefined ? ["code_departement"] : []),
    ...(ageMin === undefined ? ["age_min"] : []),
    ...(ageMax === undefined ? ["age_max"] : []),
    ...(population === undefined ? ["population"] : []),
  ];
  return { ok: false, manquantes };
}

/** A class of ages: both bounds included; `ageMax` null is the open class ("80 ans et plus"). */
export interface ClasseAge {
  ageMin: number;
  ageMax: number | null;
}

/** Where a row of an INSEE table speaks of. */
export type LieuInsee = { type: "commune"; code: string } | { type: "departement"; code: string };

export type LigneInsee = { lieu: LieuInsee; classe: ClasseAge; nombre: number; annee: number | null };
export type LigneModele = { codeDepartement: string; classe: ClasseAge; population: number; annee: number | null; source: string | null };

export const AGE_MAXIMAL = 120;

/** A département code as files write it ("1" → "01", "2a" → "2A"). */
export function normaliserCodeDepartement(valeur: string): string {
  const code = valeur.trim().toUpperCase();
  return /^\d$/.test(code) ? `0${code}` : code;
}

function annee(valeur: string, problemes: ProblemeDeLigne[], champ: string): number | null {
  if (valeur === "") return null;
  if (!/^\d{4}$/.test(valeur) || Number(valeur) < 1900 || Number(valeur) > 2100) {
    problemes.push({ champ, valeur, raison: "Année sur quatre chiffres attendue (exemple : 2021)." });
    return null;
  }
  return Number(valeur);
}

/** A count as INSEE writes it: decimal with a point or a comma, never negative. */
function nombreInsee(valeur: string): number | "negatif" | null {
  const texte = valeur.replace(/\s/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(texte)) return null;
  const n = Number(texte);
  if (!Number.isFinite(n)) return null;
  return n < 0 ? "negatif" : n;
}

export function classeInsee(variable: VariableAge, valeur: string): ClasseAge | null {
  if (!/^\d{1,3}$/.test(valeur)) return null;
  const age = Number(valeur);
  if (variable === "AGED100") {
    if (age > 100) return null;
    return { ageMin: age, ageMax: age === 100 ? null : age };
  }
  if (age > 80 || age % 5 !== 0) return null;
  return { ageMin: age, ageMax: age === 80 ? null : age + 4 };
}

/**
 * One row of an INSEE table, checked. `estDepartement` tells the reference's département codes;
 * commune codes are resolved by the caller (current, arrondissement or former commune).
 */
export function lireLigneInsee(
  champs: string[],
  p: Extract<EntetePopulationAge, { format: "insee" }>,
  estDepartement: (code: string) => boolean,
): { ok: true; ligne: LigneInsee } | { ok: false; problemes: ProblemeDeLigne[] } {
  const valeur = (i: number | undefined) => (i === undefined ? "" : (champs[i] ?? "").trim());
  const problemes: ProblemeDeLigne[] = [];
  const code = valeur(p.code).toUpperCase();
  const niveau = valeur(p.niveau).toUpperCase();
  const champCode = p.departement ? "DEP" : "CODGEO";
  let lieu: LieuInsee | null = null;
  if (p.departement || niveau === "DEP") {
    const d = normaliserCodeDepartement(code);
    if (estDepartement(d)) lieu = { type: "departement", code: d };
    else problemes.push({ champ: champCode, valeur: code, raison: "Code de département inconnu (exemples : 01, 2A, 971)." });
  } else if (niveau !== "" && niveau !== "COM" && niveau !== "ARM") {
    problemes.push({ champ: "NIVGEO", valeur: niveau, raison: "Niveau géographique non pris en charge : communes (COM, ARM) ou départements (DEP) seulement." });
  } else if (/^(\d{5}|2[AB]\d{3})$/.test(code)) {
    lieu = { type: "commune", code };
  } else if (niveau === "" && estDepartement(normaliserCodeDepartement(code))) {
    lieu = { type: "departement", code: normaliserCodeDepartement(code) };
  } else {
    problemes.push({ champ: champCode, valeur: code, raison: "Code de commune (5 caractères, exemple : 58194) ou de département attendu." });
  }
  const age = valeur(p.age);
  const classe = classeInsee(p.variableAge, age);
  if (!classe) {
    problemes.push({
      champ: p.variableAge,
      valeur: age,
      raison: p.variableAge === "AGED100" ? "Âge attendu de 000 à 100 (100 : 100 ans et plus)." : "Classe d'âge attendue : 00, 05, 10… 80 (80 : 80 ans et plus).",
    });
  }
  const sexe = valeur(p.sexe);
  if (p.sexe !== undefined && sexe !== "1" && sexe !== "2") {
    problemes.push({ champ: "SEXE", valeur: sexe, raison: "SEXE vaut 1 (hommes) ou 2 (femmes) ; les deux sont additionnés (une ligne de total compterait deux fois)." });
  }
  const nb = nombreInsee(valeur(p.nombre));
  if (nb === null) problemes.push({ champ: "NB", valeur: valeur(p.nombre), raison: "Nombre attendu (exemple : 1234,56)." });
  else if (nb === "negatif") problemes.push({ champ: "NB", valeur: valeur(p.nombre), raison: "Un effectif ne peut pas être négatif." });
  const an = annee(valeur(p.annee), problemes, "ANNEE");
  if (problemes.length || !lieu || !classe || nb === null || nb === "negatif") return { ok: false, problemes };
  return { ok: true, ligne: { lieu, classe, nombre: nb, annee: an } };
}

function entierAge(valeur: string): number | null {
  if (!/^\d{1,3}$/.test(valeur)) return null;
  const n = Number(valeur);
  return n <= AGE_MAXIMAL ? n : null;
}

/** One row of the project's template, checked. */
export function lireLigneModele(
  champs: string[],
  p: Extract<EntetePopulationAge, { format: "modele" }>,
  estDepartement: (code: string) => boolean,
): { ok: true; ligne: LigneModele } | { ok: false; problemes: ProblemeDeLigne[] } {
  const valeur = (i: number | undefined) => (i === undefined ? "" : (champs[i] ?? "").trim());
  const problemes: ProblemeDeLigne[] = [];
  const code = normaliserCodeDepartement(valeur(p.code));
  if (!estDepartement(code)) problemes.push({ champ: "code_departement", valeur: valeur(p.code), raison: "Code de département inconnu (exemples : 01, 2A, 971)." });
  const ageMin = entierAge(valeur(p.ageMin));
  if (ageMin === null) problemes.push({ champ: "age_min", valeur: valeur(p.ageMin), raison: `Âge entier de 0 à ${AGE_MAXIMAL} attendu.` });
  const texteMax = valeur(p.ageMax);
  const ageMax = texteMax === "" ? null : entierAge(texteMax);
  if (texteMax !== "" && ageMax === null) problemes.push({ champ: "age_max", valeur: texteMax, raison: `Âge entier de 0 à ${AGE_MAXIMAL} attendu, ou vide pour « et plus ».` });
  else if (ageMin !== null && ageMax !== null && ageMax < ageMin) problemes.push({ champ: "age_max", valeur: texteMax, raison: "L'âge maximal doit être supérieur ou égal à l'âge minimal." });
  const texte = valeur(p.population).replace(/\s/g, "");
  if (/^-\d/.test(texte)) problemes.push({ champ: "population", valeur: texte, raison: "Une population ne peut pas être négative." });
  else if (!/^\d{1,9}$/.test(texte)) problemes.push({ champ: "population", valeur: texte, raison: "Nombre entier positif ou nul attendu." });
  const an = annee(valeur(p.annee), problemes, "annee");
  if (problemes.length || ageMin === null) return { ok: false, problemes };
  return { ok: true, ligne: { codeDepartement: code, classe: { ageMin, ageMax }, population: Number(texte), annee: an, source: valeur(p.source).slice(0, 300) || null } };
}

/** Whether two classes share at least one year of age. */
export function seChevauchent(a: ClasseAge, b: ClasseAge): boolean {
  return a.ageMin <= (b.ageMax ?? Infinity) && b.ageMin <= (a.ageMax ?? Infinity);
}
