import type { Acteur } from "./roles";

/*
 * The one permission policy: every service and route asks it. A capability is granted by role,
 * and for the préfectures only inside their territory. Anything not listed is refused.
 */

export const CAPACITES = [
  /** The full préfecture space of a département (candidates, contacts, gouvernance being written). */
  "lireEspaceDepartement",
  /** Writing the gouvernance, besoins and concertation of a département. */
  "modifierEspaceDepartement",
  /** The région level pages (aggregates of its départements). */
  "lireEspaceRegion",
  /** National pages, every département. */
  "lireEspaceNational",
  /** Users, roles, campaigns, imports, outbox, audit. */
  "administrer",
  /** One's own profile. */
  "lireSonProfil",
] as const;
export type Capacite = (typeof CAPACITES)[number];

/** What a capability is about. */
export type Cible =
  | { type: "national" }
  | { type: "region"; code: string }
  | { type: "departement"; code: string; codeRegion: string };

export type Decision = { autorise: true } | { autorise: false; raison: "nonConnecte" | "nonAutorise" };

const AUTORISE: Decision = { autorise: true };
const REFUSE: Decision = { autorise: false, raison: "nonAutorise" };

function dansSonTerritoire(acteur: Acteur, cible: Cible): boolean {
  if (cible.type === "national") return false;
  if (acteur.role === "prefecture-departement") {
    return cible.type === "departement" && acteur.perimetres.some((p) => p.type === "departement" && p.code === cible.code);
  }
  if (acteur.role === "prefecture-region") {
    const region = cible.type === "region" ? cible.code : cible.codeRegion;
    return acteur.perimetres.some((p) => p.type === "region" && p.code === region);
  }
  return false;
}

export function decider(acteur: Acteur | null, capacite: Capacite, cible: Cible): Decision {
  if (!acteur) return { autorise: false, raison: "nonConnecte" };
  if (acteur.role === "administrateur") return AUTORISE;
  switch (capacite) {
    case "lireSonProfil":
      return AUTORISE;
    case "lireEspaceDepartement":
      return cible.type === "departement" && dansSonTerritoire(acteur, cible) ? AUTORISE : REFUSE;
    case "modifierEspaceDepartement":
      // A préfecture de région reads its départements; only the département's préfecture writes.
      return acteur.role === "prefecture-departement" && cible.type === "departement" && dansSonTerritoire(acteur, cible) ? AUTORISE : REFUSE;
    case "lireEspaceRegion":
      return acteur.role === "prefecture-region" && cible.type === "region" && dansSonTerritoire(acteur, cible) ? AUTORISE : REFUSE;
    case "lireEspaceNational":
    case "administrer":
      return REFUSE;
  }
}

export function peut(acteur: Acteur | null, capacite: Capacite, cible: Cible): boolean {
  return decider(acteur, capacite, cible).autorise;
}
