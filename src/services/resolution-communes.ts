import type { Executeur } from "@/db/client";
import { anciennesCommunes, communes } from "@/db/schema";
import { normaliserNom } from "@/domain/candidatures/cle";

/*
 * Finds the current commune a row of a data file speaks of: its INSEE code (a current commune, an
 * arrondissement of Paris, Lyon or Marseille, or a former commune), else its postal code and name.
 * Says how, in French, when it was not the code as given.
 */

export interface CommuneResolue {
  code: string;
  via: string | null;
}

export async function resolveurDeCommunes(db: Executeur): Promise<(ligne: { codeInsee?: string | null; codePostal?: string | null; nom?: string | null }) => CommuneResolue | null> {
  const lignes = await db.select({ code: communes.code, nom: communes.nom, type: communes.type, parent: communes.codeCommuneParente, codesPostaux: communes.codesPostaux }).from(communes);
  const actuelles = new Map(lignes.filter((l) => l.type === "commune-actuelle").map((l) => [l.code, l]));
  const arrondissements = new Map(lignes.filter((l) => l.type === "arrondissement-municipal").map((l) => [l.code, l]));
  const anciennes = new Map((await db.select({ code: anciennesCommunes.code, commune: anciennesCommunes.codeCommune }).from(anciennesCommunes)).map((a) => [a.code, a.commune]));
  const parCodePostal = new Map<string, Array<{ code: string; nom: string }>>();
  for (const l of actuelles.values()) {
    for (const cp of l.codesPostaux ?? []) parCodePostal.set(cp, [...(parCodePostal.get(cp) ?? []), { code: l.code, nom: normaliserNom(l.nom) }]);
  }
  return ({ codeInsee, codePostal, nom }) => {
    const code = (codeInsee ?? "").trim().toUpperCase().padStart(5, "0");
    if (/^(\d{5}|2[AB]\d{3})$/.test(code)) {
      if (actuelles.has(code)) return { code, via: null };
      const arrondissement = arrondissements.get(code);
      if (arrondissement?.parent && actuelles.has(arrondissement.parent)) return { code: arrondissement.parent, via: `Arrondissement rattaché à ${actuelles.get(arrondissement.parent)?.nom} (${arrondissement.parent}).` };
      const successeur = anciennes.get(code);
      if (successeur && actuelles.has(successeur)) return { code: successeur, via: `Ancienne commune, rattachée à ${actuelles.get(successeur)?.nom} (${successeur}).` };
    }
    const cp = (codePostal ?? "").trim();
    const candidates = parCodePostal.get(cp) ?? [];
    if (candidates.length === 1) return { code: (candidates[0] as { code: string }).code, via: `Commune trouvée par son code postal ${cp}.` };
    const n = normaliserNom(nom ?? "");
    const memeNom = candidates.filter((c) => c.nom === n);
    if (memeNom.length === 1) return { code: (memeNom[0] as { code: string }).code, via: `Commune trouvée par son code postal ${cp} et son nom.` };
    return null;
  };
}
