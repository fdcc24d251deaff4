import type { TypeCandidat } from "./personas";

/*
 * Attribution rule (PRODUCT §4): a candidate counts for a département when its région contains it,
 * it is that département, its EPCI has a commune in it, or its commune (or, for a structure, its
 * département) is in it. An EPCI or a région therefore counts in several départements.
 */

export interface CandidatAAttribuer {
  type: TypeCandidat;
  /** Official code (région, département, EPCI SIREN, commune INSEE); unused for a structure. */
  code: string | null;
  /** The département a structure gave. */
  codeDepartement: string | null;
}

/** What the rule needs to know of the reference territories. */
export interface ReferentielAttribution {
  departementsDeLaRegion(codeRegion: string): string[];
  departementsDeLEpci(siren: string): string[];
  departementDeLaCommune(codeCommune: string): string | null;
  departementExiste(code: string): boolean;
}

/** The départements a candidate counts for, sorted, without duplicates; empty when its territory is unknown. */
export function departementsDuCandidat(candidat: CandidatAAttribuer, referentiel: ReferentielAttribution): string[] {
  const codes = (() => {
    switch (candidat.type) {
      case "region":
        return candidat.code ? referentiel.departementsDeLaRegion(candidat.code) : [];
      case "departement":
        return candidat.code && referentiel.departementExiste(candidat.code) ? [candidat.code] : [];
      case "epci":
        return candidat.code ? referentiel.departementsDeLEpci(candidat.code) : [];
      case "commune": {
        const d = candidat.code ? referentiel.departementDeLaCommune(candidat.code) : null;
        return d ? [d] : [];
      }
      case "structure":
        return candidat.codeDepartement && referentiel.departementExiste(candidat.codeDepartement) ? [candidat.codeDepartement] : [];
    }
  })();
  return [...new Set(codes)].sort();
}
