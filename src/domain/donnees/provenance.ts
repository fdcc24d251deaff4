/** Where a row of data comes from. Demonstration rows are fictitious and never mixed with real ones. */
export const PROVENANCES = ["demonstration", "import"] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const LIBELLE_DONNEES_DEMONSTRATION = "Données de démonstration — fictives";

export const NATURES_JEUX_DE_DONNEES = [
  "lieux",
  "data-inclusion",
  "ifn-communes",
  "ifn-epci",
  "aidants-connect",
  "conseillers-numeriques",
  "geometrie-departements",
  "geometrie-epci",
  "geometrie-communes",
] as const;
export type NatureJeuDeDonnees = (typeof NATURES_JEUX_DE_DONNEES)[number];

export const LIBELLES_NATURES: Record<NatureJeuDeDonnees, string> = {
  lieux: "Lieux d'inclusion numérique",
  "data-inclusion": "Lieux d'inclusion numérique (data·inclusion)",
  "ifn-communes": "Indice de fragilité numérique des communes",
  "ifn-epci": "Indice de fragilité numérique des EPCI",
  "aidants-connect": "Structures Aidants Connect",
  "conseillers-numeriques": "Conseillers numériques et coordinateurs",
  "geometrie-departements": "Contours des départements",
  "geometrie-epci": "Contours des EPCI",
  "geometrie-communes": "Contours des communes",
};

/** The demonstration administrator: an address that can receive no mail (RFC 2606 ".invalid"). */
export const EMAIL_ADMINISTRATEUR_DEMONSTRATION = "administrateur.demo@efne.invalid";
