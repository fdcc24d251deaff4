/*
 * The national standard "Lieux de médiation numérique" (LaMednum/standard-mediation-num): the
 * enumerations of v1.0.2, the earlier v0.1 values and how they convert to v1, the typology codes
 * (data·inclusion vocabulary, as accepted by the reference library 2.3) and the dashboard category
 * each code counts in.
 */

/** The 32 columns of v1.0.x, in file order. */
export const COLONNES_V1 = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "code_insee",
  "adresse",
  "complement_adresse",
  "latitude",
  "longitude",
  "typologie",
  "telephone",
  "courriels",
  "site_web",
  "horaires",
  "presentation_resume",
  "presentation_detail",
  "source",
  "itinerance",
  "structure_parente",
  "date_maj",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "autres_formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
  "fiche_acces_libre",
  "prise_rdv",
] as const;

/** Columns only v1 has, and columns only v0.1 had: the version of a file is read from its header. */
export const COLONNES_SEULEMENT_V1 = ["courriels", "dispositif_programmes_nationaux", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "modalites_acces", "formations_labels", "autres_formations_labels", "itinerance", "fiche_acces_libre"] as const;
export const COLONNES_SEULEMENT_V0 = ["courriel", "cle_ban", "publics_accueillis", "conditions_acces", "labels_nationaux", "labels_autres", "accessibilite"] as const;

export const SERVICES = [
  "Aide aux démarches administratives",
  "Maîtrise des outils numériques du quotidien",
  "Insertion professionnelle via le numérique",
  "Utilisation sécurisée du numérique",
  "Parentalité et éducation avec le numérique",
  "Loisirs et créations numériques",
  "Compréhension du monde numérique",
  "Accès internet et matériel informatique",
  "Acquisition de matériel informatique à prix solidaire",
] as const;

export const PUBLICS_SPECIFIQUEMENT_ADRESSES = ["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"] as const;

export const PRISES_EN_CHARGE_SPECIFIQUES = [
  "Surdité",
  "Handicaps moteurs",
  "Handicaps mentaux",
  "Illettrisme",
  "Langues étrangères (anglais)",
  "Langues étrangères (autres)",
  "Déficience visuelle",
] as const;

export const FRAIS_A_CHARGE = ["Gratuit", "Gratuit sous condition", "Payant"] as const;

export const MODALITES_ACCES = [
  "Se présenter",
  "Téléphoner",
  "Contacter par mail",
  "Envoyer un mail avec une fiche de prescription",
  "Prendre un RDV en ligne",
  "Ce lieu n'accueille pas de public",
] as const;

export const MODALITES_ACCOMPAGNEMENT = ["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"] as const;

export const ITINERANCES = ["Itinérant", "Fixe"] as const;

export const DISPOSITIFS_PROGRAMMES_NATIONAUX = [
  "Aidants Connect",
  "Bibliothèques numérique de référence",
  "Certification PIX",
  "Conseillers numériques",
  "Emmaüs Connect",
  "France Services",
  "Grande école du numérique",
  "La Croix Rouge",
  "Point d'accès numérique CAF",
  "Promeneurs du net",
  "Relais numérique (Emmaüs Connect)",
] as const;

export const FORMATIONS_LABELS = [
  "Formé à « Mon Espace Santé »",
  "Formé à « DUPLEX » (illettrisme)",
  "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
  "Collectif ressources et acteurs réemploi (Normandie)",
  "Étapes numériques (La Poste)",
  "Fabriques de Territoire",
  "Les Éclaireurs du numérique (Drôme)",
  "Mes Papiers (Métropole de Lyon)",
  "ORDI 3.0",
  "SUD LABS (PACA)",
] as const;

/** Spellings found in files for a value of the standard (the v1.0.2 pattern itself lacks a space). */
export const VARIANTES: Record<string, string> = {
  "Étapes numériques(La Poste)": "Étapes numériques (La Poste)",
};

/** Where each typology code counts on the dashboard. */
export const CATEGORIES_LIEUX = ["public-commune", "public-epci", "public-departement", "public-autre", "association", "prive", "non-defini"] as const;
export type CategorieLieu = (typeof CATEGORIES_LIEUX)[number];

export const LIBELLES_CATEGORIES: Record<CategorieLieu, string> = {
  "public-commune": "Public – commune",
  "public-epci": "Public – EPCI",
  "public-departement": "Public – département",
  "public-autre": "Public – autre",
  association: "Associations",
  prive: "Autres acteurs privés",
  "non-defini": "Non défini",
};

/**
 * Every typology code of the reference library 2.3, with its meaning and its dashboard category.
 * The earlier dashboard knew 70 codes and counted newer ones (EPN, FABLAB, France Travail…) as
 * "Non défini"; here each code has a category, decided from who usually runs such a place.
 */
export const TYPOLOGIES: Record<string, { libelle: string; categorie: CategorieLieu }> = {
  ACI: { libelle: "Atelier et chantier d'insertion", categorie: "association" },
  ACIPHC: { libelle: "Atelier et chantier d'insertion premières heures en chantier", categorie: "association" },
  AFPA: { libelle: "Agence nationale pour la formation professionnelle des adultes", categorie: "public-autre" },
  AI: { libelle: "Association intermédiaire", categorie: "association" },
  ASE: { libelle: "Aide sociale à l'enfance", categorie: "public-departement" },
  ASSO: { libelle: "Association", categorie: "association" },
  ASSO_CHOMEUR: { libelle: "Association de chômeurs", categorie: "association" },
  Autre: { libelle: "Autre", categorie: "prive" },
  AVIP: { libelle: "Crèche à vocation d'insertion professionnelle", categorie: "association" },
  BIB: { libelle: "Bibliothèque, médiathèque", categorie: "public-commune" },
  CAARUD: { libelle: "Centre d'accueil et d'accompagnement à la réduction des risques des usagers de drogues", categorie: "public-autre" },
  CADA: { libelle: "Centre d'accueil de demandeurs d'asile", categorie: "public-autre" },
  CAF: { libelle: "Caisse d'allocations familiales", categorie: "public-autre" },
  CAP_EMPLOI: { libelle: "Cap Emploi", categorie: "public-autre" },
  CAVA: { libelle: "Centre d'adaptation à la vie active", categorie: "association" },
  CC: { libelle: "Communauté de communes", categorie: "public-epci" },
  CCAS: { libelle: "Centre communal d'action sociale", categorie: "public-commune" },
  CCONS: { libelle: "Chambre consulaire", categorie: "public-autre" },
  CD: { libelle: "Conseil départemental", categorie: "public-departement" },
  CDAS: { libelle: "Centre départemental d'action sociale", categorie: "public-departement" },
  CFP: { libelle: "Centre des finances publiques", categorie: "public-autre" },
  CHRS: { libelle: "Centre d'hébergement et de réinsertion sociale", categorie: "association" },
  CHU: { libelle: "Centre d'hébergement d'urgence", categorie: "association" },
  CIAS: { libelle: "Centre intercommunal d'action sociale", categorie: "public-epci" },
  CIDFF: { libelle: "Centre d'information sur les droits des femmes et des familles", categorie: "association" },
  CITMET: { libelle: "Cité des métiers", categorie: "association" },
  CMP: { libelle: "Centre médico-psychologique", categorie: "public-autre" },
  CMS: { libelle: "Centre médico-social", categorie: "public-departement" },
  CPAM: { libelle: "Caisse primaire d'assurance maladie", categorie: "public-autre" },
  CPH: { libelle: "Centre provisoire d'hébergement", categorie: "association" },
  CS: { libelle: "Centre social", categorie: "association" },
  CSAPA: { libelle: "Centre de soins, d'accompagnement et de prévention en addictologie", categorie: "association" },
  CSC: { libelle: "Centre socioculturel", categorie: "association" },
  DEETS: { libelle: "Direction de l'économie, de l'emploi, du travail et des solidarités", categorie: "public-autre" },
  DEPT: { libelle: "Services sociaux du conseil départemental", categorie: "public-departement" },
  DIPLP: { libelle: "Délégation interministérielle à la prévention et à la lutte contre la pauvreté", categorie: "public-autre" },
  E2C: { libelle: "École de la deuxième chance", categorie: "association" },
  EA: { libelle: "Entreprise adaptée", categorie: "prive" },
  EATT: { libelle: "Entreprise adaptée de travail temporaire", categorie: "prive" },
  EI: { libelle: "Entreprise d'insertion", categorie: "prive" },
  EITI: { libelle: "Entreprise d'insertion par le travail indépendant", categorie: "prive" },
  ENM: { libelle: "Espace numérique mobile", categorie: "public-autre" },
  EPCI: { libelle: "Intercommunalité (EPCI)", categorie: "public-epci" },
  EPI: { libelle: "Espace public internet", categorie: "public-commune" },
  EPIDE: { libelle: "Établissement pour l'insertion dans l'emploi", categorie: "public-autre" },
  EPN: { libelle: "Espace public numérique", categorie: "public-commune" },
  ES: { libelle: "Épicerie solidaire", categorie: "association" },
  ESAT: { libelle: "Établissement et service d'aide par le travail", categorie: "association" },
  ESS: { libelle: "Entreprise de l'économie sociale et solidaire", categorie: "prive" },
  ETTI: { libelle: "Entreprise de travail temporaire d'insertion", categorie: "prive" },
  EVS: { libelle: "Espace de vie sociale", categorie: "association" },
  FABLAB: { libelle: "Fablab", categorie: "association" },
  FABRIQUE: { libelle: "Fabrique de territoire", categorie: "prive" },
  FAIS: { libelle: "Fédération d'acteurs de l'insertion et de la solidarité", categorie: "association" },
  FT: { libelle: "France Travail", categorie: "public-autre" },
  GEIQ: { libelle: "Groupement d'employeurs pour l'insertion et la qualification", categorie: "prive" },
  HUDA: { libelle: "Hébergement d'urgence pour demandeurs d'asile", categorie: "association" },
  LA_POSTE: { libelle: "La Poste", categorie: "public-autre" },
  MDE: { libelle: "Maison de l'emploi", categorie: "public-autre" },
  MDEF: { libelle: "Maison de l'emploi et de la formation", categorie: "public-autre" },
  MDH: { libelle: "Maison des habitants", categorie: "association" },
  MDPH: { libelle: "Maison départementale des personnes handicapées", categorie: "public-departement" },
  MDS: { libelle: "Maison départementale des solidarités", categorie: "public-departement" },
  MJC: { libelle: "Maison des jeunes et de la culture", categorie: "association" },
  ML: { libelle: "Mission locale", categorie: "public-autre" },
  MQ: { libelle: "Maison de quartier", categorie: "association" },
  MSA: { libelle: "Mutualité sociale agricole", categorie: "public-autre" },
  MSAP: { libelle: "Maison de services au public", categorie: "public-autre" },
  MUNI: { libelle: "Municipalité", categorie: "public-commune" },
  OACAS: { libelle: "Organisme d'accueil communautaire et d'activité solidaire", categorie: "association" },
  ODC: { libelle: "Organisation délégataire d'un conseil départemental", categorie: "public-departement" },
  OF: { libelle: "Organisme de formation", categorie: "prive" },
  OIL: { libelle: "Opérateur d'intermédiation locative", categorie: "association" },
  OPCS: { libelle: "Organisation porteuse de la clause sociale", categorie: "association" },
  PAD: { libelle: "Point d'accès au droit", categorie: "association" },
  PENSION: { libelle: "Pension de famille", categorie: "association" },
  PI: { libelle: "Point info", categorie: "public-autre" },
  PIJ_BIJ: { libelle: "Point ou bureau information jeunesse", categorie: "public-autre" },
  PIMMS: { libelle: "Point information médiation multi-services", categorie: "association" },
  PJJ: { libelle: "Protection judiciaire de la jeunesse", categorie: "public-autre" },
  PLIE: { libelle: "Plan local pour l'insertion et l'emploi", categorie: "public-departement" },
  PREF: { libelle: "Préfecture, sous-préfecture", categorie: "public-autre" },
  PREVENTION: { libelle: "Service ou club de prévention", categorie: "public-departement" },
  REG: { libelle: "Région", categorie: "public-autre" },
  RELAIS_LECTURE: { libelle: "Relais lecture", categorie: "public-commune" },
  RESSOURCERIE: { libelle: "Ressourcerie", categorie: "association" },
  RFS: { libelle: "Réseau France Services", categorie: "public-autre" },
  RS_FJT: { libelle: "Résidence sociale, foyer de jeunes travailleurs", categorie: "association" },
  SCP: { libelle: "Service et club de prévention", categorie: "public-departement" },
  SPIP: { libelle: "Service pénitentiaire d'insertion et de probation", categorie: "public-autre" },
  TIERS_LIEUX: { libelle: "Tiers-lieu", categorie: "prive" },
  UDAF: { libelle: "Union départementale des associations familiales", categorie: "association" },
};

/** Codes of older files and what they are now. */
export const ANCIENNES_TYPOLOGIES: Record<string, string> = { PE: "FT" };

/** The category of a place: that of its first typology code known to the standard. */
export function categorieDesTypologies(typologies: readonly string[]): CategorieLieu {
  for (const code of typologies) {
    const t = TYPOLOGIES[code];
    if (t) return t.categorie;
  }
  return "non-defini";
}

/*
 * v0.1 (2022) → v1. Values of v0.1 that v1 has no place for (the public "Adultes", the service
 * "Créer et développer mon entreprise" is kept as insertion) are listed with an empty target: they
 * are known, so they are dropped without being reported as errors.
 */

export const SERVICES_V0: Record<string, string> = {
  "Devenir autonome dans les démarches administratives": "Aide aux démarches administratives",
  "Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
  "Accompagner les démarches de santé": "Aide aux démarches administratives",
  "Prendre en main un smartphone ou une tablette": "Maîtrise des outils numériques du quotidien",
  "Prendre en main un ordinateur": "Maîtrise des outils numériques du quotidien",
  "Utiliser le numérique au quotidien": "Maîtrise des outils numériques du quotidien",
  "Approfondir ma culture numérique": "Compréhension du monde numérique",
  "Promouvoir la citoyenneté numérique": "Compréhension du monde numérique",
  "Favoriser mon insertion professionnelle": "Insertion professionnelle via le numérique",
  "Créer et développer mon entreprise": "Insertion professionnelle via le numérique",
  "Accéder à une connexion internet": "Accès internet et matériel informatique",
  "Accéder à du matériel": "Accès internet et matériel informatique",
  "S'équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
  "Créer avec le numérique": "Loisirs et créations numériques",
  "Soutenir la parentalité et l'éducation avec le numérique": "Parentalité et éducation avec le numérique",
};

/** v0.1 publics: to a public of v1, or to a specific care of v1. */
export const PUBLICS_V0: Record<string, { public?: string; priseEnCharge?: string }> = {
  "Seniors (+ 65 ans)": { public: "Seniors" },
  "Familles/enfants": { public: "Familles et/ou enfants" },
  Adultes: {},
  "Jeunes (16-26 ans)": { public: "Jeunes" },
  "Uniquement femmes": { public: "Femmes" },
  "Public langues étrangères": { priseEnCharge: "Langues étrangères (autres)" },
  "Déficience visuelle": { priseEnCharge: "Déficience visuelle" },
  Surdité: { priseEnCharge: "Surdité" },
  "Personnes en situation d'illettrisme": { priseEnCharge: "Illettrisme" },
};
/** v0.1 wrote the two handicap values with a long explanation after a colon. */
export const PREFIXES_PUBLICS_V0: Record<string, { priseEnCharge: string }> = {
  "Handicaps psychiques": { priseEnCharge: "Handicaps mentaux" },
  "Handicaps mentaux": { priseEnCharge: "Handicaps mentaux" },
};

/** v0.1 access conditions, read by the label before the colon ("Gratuit : Je peux accéder…"). */
export const CONDITIONS_ACCES_V0: Record<string, string> = {
  Gratuit: "Gratuit",
  "Gratuit sous condition": "Gratuit sous condition",
  Payant: "Payant",
  Adhésion: "Payant",
  "Accepte le Pass numérique": "Gratuit sous condition",
};

/** v0.1 accompaniment, by the label before the colon ("Seul : j'ai accès…"). */
export const MODALITES_ACCOMPAGNEMENT_V0: Record<string, string> = {
  Seul: "En autonomie",
  "Avec de l'aide": "Accompagnement individuel",
  "Dans un atelier": "Dans un atelier collectif",
  "A ma place": "Accompagnement individuel",
  "À ma place": "Accompagnement individuel",
};

/** v0.1 national labels: to a v1 national programme, a v1 label, or kept among the other labels. */
export const LABELS_NATIONAUX_V0: Record<string, { dispositif?: string; formation?: string; autre?: string }> = {
  "France Services": { dispositif: "France Services" },
  CNFS: { dispositif: "Conseillers numériques" },
  "Aidants Connect": { dispositif: "Aidants Connect" },
  "Point numérique CAF": { dispositif: "Point d'accès numérique CAF" },
  "Point relais CAF": { dispositif: "Point d'accès numérique CAF" },
  "Grandes écoles du numérique": { dispositif: "Grande école du numérique" },
  "Fabriques de Territoire": { formation: "Fabriques de Territoire" },
  APTIC: { autre: "APTIC" },
  "French Tech": { autre: "French Tech" },
  "Campus connecté": { autre: "Campus connecté" },
  "Relais pôle emploi": { autre: "Relais pôle emploi" },
};
