import { generateurAleatoire } from "./aleatoire";

/*
 * Fictitious lieux d'inclusion numérique for the demonstration mode. Every name says it is
 * fictitious; the communes are real (the reference territories) so that maps and counts work.
 */

export interface CommunePourDemonstration {
  code: string;
  nom: string;
  codeDepartement: string;
  population: number;
  codesPostaux: string[];
}

export interface LieuDeDemonstration {
  identifiantSource: string;
  nom: string;
  adresse: string;
  codePostal: string | null;
  codeCommune: string;
  typologies: string[];
  dispositifs: string[];
}

export const TYPOLOGIES_DEMONSTRATION = [
  "Public – commune",
  "Public – EPCI",
  "Public – département",
  "Association",
  "Autre acteur privé",
] as const;

export const DISPOSITIFS_DEMONSTRATION = ["Conseillers numériques", "France Services", "Aidants Connect"] as const;

const HABITANTS_PAR_LIEU = 25_000;
const MINIMUM_PAR_DEPARTEMENT = 2;

function choisirPondere<T>(elements: T[], poids: (e: T) => number, hasard: () => number): T {
  const total = elements.reduce((s, e) => s + poids(e), 0);
  let tirage = hasard() * total;
  for (const e of elements) {
    tirage -= poids(e);
    if (tirage < 0) return e;
  }
  return elements[elements.length - 1] as T;
}

/** Deterministic for a given list of communes and seed. */
export function genererLieuxDeDemonstration(communes: CommunePourDemonstration[], graine = 2023): LieuDeDemonstration[] {
  const parDepartement = new Map<string, CommunePourDemonstration[]>();
  for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const liste = parDepartement.get(c.codeDepartement) ?? [];
    liste.push(c);
    parDepartement.set(c.codeDepartement, liste);
  }
  const hasard = generateurAleatoire(graine);
  const lieux: LieuDeDemonstration[] = [];
  for (const [codeDepartement, liste] of [...parDepartement].sort(([a], [b]) => a.localeCompare(b))) {
    const population = liste.reduce((s, c) => s + c.population, 0);
    const nombre = Math.max(MINIMUM_PAR_DEPARTEMENT, Math.round(population / HABITANTS_PAR_LIEU));
    for (let i = 1; i <= nombre; i++) {
      const commune = choisirPondere(liste, (c) => Math.max(1, c.population), hasard);
      const typologie = TYPOLOGIES_DEMONSTRATION[Math.floor(hasard() * TYPOLOGIES_DEMONSTRATION.length)] as string;
      const dispositifs = DISPOSITIFS_DEMONSTRATION.filter(() => hasard() < 0.35);
      lieux.push({
        identifiantSource: `demo-${codeDepartement}-${String(i).padStart(4, "0")}`,
        nom: `Lieu fictif n° ${i} – ${commune.nom}`,
        adresse: `${1 + Math.floor(hasard() * 120)} rue de la Démonstration`,
        codePostal: commune.codesPostaux[0] ?? null,
        codeCommune: commune.code,
        typologies: [typologie],
        dispositifs,
      });
    }
  }
  return lieux;
}
