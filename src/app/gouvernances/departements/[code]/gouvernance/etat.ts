import { SECTIONS, type ContenusSections, type EtatSection, type Section } from "@/domain/gouvernance/formulaire";
import type { Scenario } from "@/domain/gouvernance/perimetres";
import type { GouvernanceOuverte } from "@/services/gouvernance";

/*
 * What the browser receives of a gouvernance: plain JSON (dates as ISO strings, the protected
 * members as pairs), the same shape from the page and from every save.
 */

export type RoleProtege = "coPorteur" | "porteur" | "coPorteur et porteur";

export interface SectionTransmise<S extends Section = Section> {
  contenu: ContenusSections[S] | null;
  version: number;
  modifieLe: string | null;
}

export interface EtatTransmis {
  sections: { [S in Section]: SectionTransmise<S> };
  verification: {
    sections: Record<Section, EtatSection>;
    complete: boolean;
    scenario: Scenario | null;
    membresProteges: Array<[string, RoleProtege]>;
  };
}

export function etatTransmis(g: Pick<GouvernanceOuverte, "sections" | "verification">): EtatTransmis {
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [s, { contenu: g.sections[s].contenu, version: g.sections[s].version, modifieLe: g.sections[s].modifieLe?.toISOString() ?? null }]),
  ) as unknown as EtatTransmis["sections"];
  return {
    sections,
    verification: {
      sections: g.verification.sections,
      complete: g.verification.complete,
      scenario: g.verification.scenario,
      membresProteges: [...g.verification.membresProteges.entries()],
    },
  };
}
