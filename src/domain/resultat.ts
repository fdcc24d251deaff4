/** Business failures are values, not exceptions. */
export type Resultat<T, E extends string = string> =
  | { ok: true; valeur: T }
  | { ok: false; erreur: E; details?: Record<string, unknown> };

export const succes = <T>(valeur: T): { ok: true; valeur: T } => ({ ok: true, valeur });

export const echec = <E extends string>(erreur: E, details?: Record<string, unknown>): { ok: false; erreur: E; details?: Record<string, unknown> } =>
  details ? { ok: false, erreur, details } : { ok: false, erreur };
