/** The roles of PRODUCT §3, with their French labels. */
export const ROLES = ["administrateur", "prefecture-region", "prefecture-departement", "contact"] as const;
export type Role = (typeof ROLES)[number];

export const LIBELLES_ROLES: Record<Role, string> = {
  administrateur: "Administrateur national",
  "prefecture-region": "Préfecture de région",
  "prefecture-departement": "Préfecture de département",
  contact: "Contact",
};

export const TYPES_PERIMETRE = ["region", "departement"] as const;
export type TypePerimetre = (typeof TYPES_PERIMETRE)[number];

export interface Perimetre {
  type: TypePerimetre;
  code: string;
}

/** Who acts: an identified person, or nobody (an anonymous request). */
export interface Acteur {
  id: string;
  role: Role;
  perimetres: Perimetre[];
}

export function estRole(valeur: string): valeur is Role {
  return (ROLES as readonly string[]).includes(valeur);
}

/** The scopes a role must have: a préfecture has at least one of its kind and no other; the others none. */
export function perimetresValides(role: Role, perimetres: Perimetre[]): boolean {
  if (role === "prefecture-region") return perimetres.length > 0 && perimetres.every((p) => p.type === "region");
  if (role === "prefecture-departement") return perimetres.length > 0 && perimetres.every((p) => p.type === "departement");
  return perimetres.length === 0;
}
