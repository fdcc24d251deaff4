/**
 * Where a row of data comes from: fictitious demonstration rows (never mixed with real ones), an
 * imported file, or entered in the app by the national team (the national rates of the diagnostic
 * des publics).
 */
export const PROVENANCES = ["demonstration", "import", "saisie"] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const LIBELLE_DONNEES_DEMONSTRATION = "Données de démonstration — fictives";

export const NATURES_JEUX_DE_DONNEES = [
  "lieux",
  "data-inclusion",
  "ifn-communes",
  "ifn-epci",
  "aidants-connect",
  "conseillers-numeriques",
  "insee-population-age",
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
  "insee-population-age": "Population par âge des départements (INSEE)",
  "geometrie-departements": "Contours des départements",
  "geometrie-epci": "Contours des EPCI",
  "geometrie-communes": "Contours des communes",
};

/** The demonstration administrator: an address that can receive no mail (RFC 2606 ".invalid"). */
export const EMAIL_ADMINISTRATEUR_DEMONSTRATION = "administrateur.demo@efne.invalid";
