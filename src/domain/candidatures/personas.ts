/** The five personas of the public forms (PRODUCT §4), with their exact labels. */
export const PERSONAS = ["conseil-regional", "conseil-departemental", "epci", "commune", "structure"] as const;
export type Persona = (typeof PERSONAS)[number];

export interface DefinitionPersona {
  libelle: string;
  /** The word used in sentences: "votre {région}". */
  court: string;
  peutPorter: boolean;
  /** The kind of organisation the persona represents. */
  typeCandidat: TypeCandidat;
}

export const TYPES_CANDIDAT = ["region", "departement", "epci", "commune", "structure"] as const;
export type TypeCandidat = (typeof TYPES_CANDIDAT)[number];

export const DEFINITIONS_PERSONAS: Record<Persona, DefinitionPersona> = {
  "conseil-regional": { libelle: "Conseil régional", court: "région", peutPorter: true, typeCandidat: "region" },
  "conseil-departemental": { libelle: "Conseil départemental", court: "département", peutPorter: true, typeCandidat: "departement" },
  epci: { libelle: "EPCI & groupement de communes", court: "EPCI", peutPorter: true, typeCandidat: "epci" },
  commune: { libelle: "Commune", court: "commune", peutPorter: false, typeCandidat: "commune" },
  structure: {
    libelle: "Autre personne morale publique ou privée (associations, opérateurs de services publics, entreprises)",
    court: "structure",
    peutPorter: false,
    typeCandidat: "structure",
  },
};

export function estPersona(valeur: unknown): valeur is Persona {
  return typeof valeur === "string" && (PERSONAS as readonly string[]).includes(valeur);
}

export const INTENTIONS = ["porter", "participer"] as const;
export type Intention = (typeof INTENTIONS)[number];

export const LIBELLES_INTENTIONS: Record<Intention, string> = {
  porter: "Porter une feuille de route territoriale",
  participer: "Participer à l'élaboration des feuilles de routes territoriales",
};
