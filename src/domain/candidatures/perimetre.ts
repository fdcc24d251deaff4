/*
 * The perimeter of a "porter" form: the collectivités it names as partners, each as a key
 * "type:code" ("commune:58194"). The page saves every tick at once; while a save is on its way, the
 * next ticks gather in a pending change where the last tick of a box wins, so the stored set is
 * always the set of boxes ticked last.
 */

export const TYPES_COLLECTIVITE_PARTENAIRE = ["region", "departement", "epci", "commune"] as const;
export type TypeCollectivitePartenaire = (typeof TYPES_COLLECTIVITE_PARTENAIRE)[number];

const FORMATS: Record<TypeCollectivitePartenaire, RegExp> = {
  region: /^\d{2}$/,
  departement: /^(\d{2}|2[AB]|97\d)$/,
  epci: /^\d{9}$/,
  commune: /^(\d{5}|2[AB]\d{3})$/,
};

export function cleDePartenaire(type: TypeCollectivitePartenaire, code: string): string {
  return `${type}:${code}`;
}

/** A key read from the browser: its type and a code of the right shape, or null. */
export function lireCleDePartenaire(cle: unknown): { type: TypeCollectivitePartenaire; code: string } | null {
  if (typeof cle !== "string" || cle.length > 20) return null;
  const [type, code, ...reste] = cle.split(":");
  if (reste.length > 0 || !code) return null;
  if (!(TYPES_COLLECTIVITE_PARTENAIRE as readonly string[]).includes(type ?? "")) return null;
  const t = type as TypeCollectivitePartenaire;
  return FORMATS[t].test(code) ? { type: t, code } : null;
}

/** A change to send: keys to add and keys to remove (never the same key in both). */
export interface ModificationPerimetre {
  ajouter: string[];
  retirer: string[];
}

/** Pending ticks: for each box, whether it was ticked last. */
export type TicksEnAttente = Map<string, boolean>;

/** Records ticks (one box, or "Sélectionner toutes les communes"): the last tick of a box wins. */
export function noterTicks(enAttente: TicksEnAttente, cles: Iterable<string>, coche: boolean): TicksEnAttente {
  const suivant = new Map(enAttente);
  for (const cle of cles) suivant.set(cle, coche);
  return suivant;
}

export function modificationDe(enAttente: TicksEnAttente): ModificationPerimetre {
  const ajouter: string[] = [];
  const retirer: string[] = [];
  for (const [cle, coche] of enAttente) (coche ? ajouter : retirer).push(cle);
  return { ajouter, retirer };
}

/** A change that failed to be saved goes back before the ticks made since (which win). */
export function reprendre(echouee: TicksEnAttente, depuis: TicksEnAttente): TicksEnAttente {
  return new Map([...echouee, ...depuis]);
}

export function appliquer(selection: ReadonlySet<string>, modification: ModificationPerimetre): Set<string> {
  const suivante = new Set(selection);
  for (const cle of modification.retirer) suivante.delete(cle);
  for (const cle of modification.ajouter) suivante.add(cle);
  return suivante;
}
