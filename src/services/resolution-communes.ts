import type { Executeur } from "@/db/client";
import { anciennesCommunes, communes } from "@/db/schema";
import { normaliserNom } from "@/domain/candidatures/cle";
import { avecCacheTerritoires } from "./territoires";

/*
 * Finds the current commune a row of a data file speaks of: its INSEE code (a current commune, an
 * arrondissement of Paris, Lyon or Marseille, or a former commune), else its postal code and name,
 * else its name within the département of its postal code (a CEDEX code, a wrong code), the name
 * of a former commune (merged into a commune nouvelle), or part of the name ("Loriol" for
 * Loriol-sur-Drôme, "La Rochette" for Valgelon-La Rochette). Says how, in French, when it was not the code as given.
 */

export interface CommuneResolue {
  code: string;
  via: string | null;
  /** Found some other way than its code, or its postal code and exact name: worth a line in the report. */
  detour: boolean;
}

/** A name as files write it: case, accents, hyphens, "St"/"Ste", apostrophes and "CEDEX 03" do not matter. */
export function cleDeNom(nom: string): string {
  return normaliserNom(nom)
    .replace(/\bcedex(\s+\d+)?\b/g, " ")
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint")
    .replace(/\s+/g, "");
}

/** The département of a postal code (Corsica and overseas included); null when it cannot tell. */
function departementDuCodePostal(cp: string): string | null {
  if (!/^\d{5}$/.test(cp)) return null;
  if (cp.startsWith("97")) return cp.slice(0, 3);
  if (cp.startsWith("20")) return Number(cp) < 20200 ? "2A" : "2B";
  return cp.slice(0, 2);
}

const unique = <T>(liste: T[]): T | null => (liste.length === 1 ? (liste[0] as T) : null);

export type ResolveurDeCommunes = (ligne: { codeInsee?: string | null; codePostal?: string | null; nom?: string | null }) => CommuneResolue | null;

/** Built once per version of the reference territories (cached, like the other derived values). */
export function resolveurDeCommunes(db: Executeur): Promise<ResolveurDeCommunes> {
  return avecCacheTerritoires(db, "resolveur-de-communes", () => construireResolveur(db));
}

async function construireResolveur(db: Executeur): Promise<ResolveurDeCommunes> {
  const lignes = await db
    .select({ code: communes.code, nom: communes.nom, type: communes.type, parent: communes.codeCommuneParente, codesPostaux: communes.codesPostaux, departement: communes.codeDepartement })
    .from(communes);
  const actuelles = new Map(lignes.filter((l) => l.type === "commune-actuelle").map((l) => [l.code, l]));
  const arrondissements = new Map(lignes.filter((l) => l.type === "arrondissement-municipal").map((l) => [l.code, l]));
  const anciennesLignes = await db.select({ code: anciennesCommunes.code, nom: anciennesCommunes.nom, commune: anciennesCommunes.codeCommune }).from(anciennesCommunes);
  const anciennes = new Map(anciennesLignes.map((a) => [a.code, a.commune]));
  type Entree = { code: string; cle: string };
  const ajouter = (index: Map<string, Entree[]>, cle: string, entree: Entree) => index.set(cle, [...(index.get(cle) ?? []), entree]);
  const parCodePostal = new Map<string, Entree[]>();
  const parDepartement = new Map<string, Entree[]>();
  for (const l of actuelles.values()) {
    const entree = { code: l.code, cle: cleDeNom(l.nom) };
    for (const cp of l.codesPostaux ?? []) ajouter(parCodePostal, cp, entree);
    if (l.departement) ajouter(parDepartement, l.departement, entree);
  }
  const anciennesParDepartement = new Map<string, Entree[]>();
  for (const a of anciennesLignes) {
    const departement = actuelles.get(a.commune)?.departement;
    if (departement) ajouter(anciennesParDepartement, departement, { code: a.commune, cle: cleDeNom(a.nom) });
  }
  const nomDe = (code: string) => actuelles.get(code)?.nom ?? code;

  return ({ codeInsee, codePostal, nom }) => {
    const code = (codeInsee ?? "").trim().toUpperCase().padStart(5, "0");
    if (/^(\d{5}|2[AB]\d{3})$/.test(code)) {
      if (actuelles.has(code)) return { code, via: null, detour: false };
      const arrondissement = arrondissements.get(code);
      if (arrondissement?.parent && actuelles.has(arrondissement.parent)) return { code: arrondissement.parent, via: `Arrondissement rattaché à ${nomDe(arrondissement.parent)} (${arrondissement.parent}).`, detour: true };
      const successeur = anciennes.get(code);
      if (successeur && actuelles.has(successeur)) return { code: successeur, via: `Ancienne commune, rattachée à ${nomDe(successeur)} (${successeur}).`, detour: true };
    }
    const cp = (codePostal ?? "").trim();
    const candidates = parCodePostal.get(cp) ?? [];
    const cle = cleDeNom(nom ?? "");
    const parCode = unique(candidates);
    if (parCode && (!cle || parCode.cle === cle || cle.startsWith(parCode.cle) || parCode.cle.startsWith(cle))) return { code: parCode.code, via: `Commune trouvée par son code postal ${cp}.`, detour: false };
    if (!cle) return parCode ? { code: parCode.code, via: `Commune trouvée par son code postal ${cp}.`, detour: false } : null;
    const memeNom = unique(candidates.filter((c) => c.cle === cle));
    if (memeNom) return { code: memeNom.code, via: `Commune trouvée par son code postal ${cp} et son nom.`, detour: false };
    const departement = departementDuCodePostal(cp);
    const dansDepartement = departement ? (parDepartement.get(departement) ?? []) : [];
    const parNom = unique(dansDepartement.filter((c) => c.cle === cle));
    if (parNom) return { code: parNom.code, via: `Commune trouvée par son nom dans le département ${departement} (code postal ${cp} d'une autre commune ou CEDEX).`, detour: true };
    const ancienne = departement ? unique([...new Map((anciennesParDepartement.get(departement) ?? []).filter((c) => c.cle === cle).map((c) => [c.code, c])).values()]) : null;
    if (ancienne) return { code: ancienne.code, via: `Ancienne commune « ${nom?.trim()} », rattachée à ${nomDe(ancienne.code)} (${ancienne.code}).`, detour: true };
    const partiel = cle.length >= 4 ? unique(candidates.filter((c) => c.cle.includes(cle) || (c.cle.length >= 4 && cle.includes(c.cle)))) : null;
    if (partiel) return { code: partiel.code, via: `Commune trouvée par son code postal ${cp} et une partie de son nom (${nomDe(partiel.code)}).`, detour: true };
    if (parCode) return { code: parCode.code, via: `Commune trouvée par son code postal ${cp} (le nom « ${nom?.trim()} » diffère).`, detour: true };
    return null;
  };
}
