import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

/*
 * Reference territories (Code officiel géographique), loaded by the product itself from
 * @etalab/decoupage-administratif. Codes are the official ones: INSEE for régions, départements
 * and communes, SIREN for EPCI.
 */

export const regions = pgTable("regions", {
  code: text("code").primaryKey(),
  nom: text("nom").notNull(),
  codeChefLieu: text("code_chef_lieu"),
  zone: text("zone").notNull(),
  collectiviteOutreMer: boolean("collectivite_outre_mer").notNull(),
});

export const departements = pgTable(
  "departements",
  {
    code: text("code").primaryKey(),
    nom: text("nom").notNull(),
    codeRegion: text("code_region")
      .notNull()
      .references(() => regions.code),
    codeChefLieu: text("code_chef_lieu"),
    zone: text("zone").notNull(),
    collectiviteOutreMer: boolean("collectivite_outre_mer").notNull(),
  },
  (t) => [index("departements_code_region_idx").on(t.codeRegion)],
);

/** EPCI à fiscalité propre and, for the Métropole du Grand Paris, its établissements publics territoriaux. */
export const epci = pgTable("epci", {
  code: text("code").primaryKey(),
  nom: text("nom").notNull(),
  nature: text("nature").notNull(),
  modeFinancement: text("mode_financement"),
  codeEpciParent: text("code_epci_parent"),
});

export const communes = pgTable(
  "communes",
  {
    code: text("code").primaryKey(),
    nom: text("nom").notNull(),
    /** "commune-actuelle" or "arrondissement-municipal" (Paris, Lyon, Marseille). */
    type: text("type").notNull(),
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => departements.code),
    codeRegion: text("code_region")
      .notNull()
      .references(() => regions.code),
    codeCommuneParente: text("code_commune_parente"),
    siren: text("siren"),
    population: integer("population"),
    codesPostaux: text("codes_postaux")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index("communes_code_departement_idx").on(t.codeDepartement),
    index("communes_type_idx").on(t.type),
  ],
);

export const epciCommunes = pgTable(
  "epci_communes",
  {
    codeEpci: text("code_epci")
      .notNull()
      .references(() => epci.code, { onDelete: "cascade" }),
    codeCommune: text("code_commune")
      .notNull()
      .references(() => communes.code, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.codeEpci, t.codeCommune] }),
    index("epci_communes_code_commune_idx").on(t.codeCommune),
  ],
);

/** Former communes (déléguées, associées) and the current commune that now holds them. */
export const anciennesCommunes = pgTable("anciennes_communes", {
  code: text("code").primaryKey(),
  nom: text("nom").notNull(),
  type: text("type").notNull(),
  codeCommune: text("code_commune")
    .notNull()
    .references(() => communes.code, { onDelete: "cascade" }),
});

/** One row per loaded reference: which vintage, from which package version, when. */
export const referentiels = pgTable("referentiels", {
  nom: text("nom").primaryKey(),
  millesime: text("millesime").notNull(),
  source: text("source").notNull(),
  versionSource: text("version_source").notNull(),
  empreinte: text("empreinte").notNull(),
  importeLe: timestamp("importe_le", { withTimezone: true }).notNull(),
  effectifs: jsonb("effectifs").$type<Record<string, number>>().notNull(),
});

/*
 * Datasets shown to users. Every row of data carries its provenance: "demonstration" rows are
 * fictitious and always labelled as such; they never mix with real imported rows of the same kind.
 */

export const jeuxDeDonnees = pgTable(
  "jeux_de_donnees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nature: text("nature").notNull(),
    provenance: text("provenance").notNull(),
    source: text("source").notNull(),
    dateMiseAJour: timestamp("date_mise_a_jour", { withTimezone: true }).notNull(),
    chargeLe: timestamp("charge_le", { withTimezone: true }).notNull(),
    /** chargement while an import writes it (readers ignore it), then actif. */
    etat: text("etat").notNull().default("actif"),
    /** An imported file: its name, SHA-256 (re-importing the same file changes nothing) and line counts. */
    fichier: text("fichier"),
    empreinte: text("empreinte"),
    lignesAcceptees: integer("lignes_acceptees"),
    lignesCorrigees: integer("lignes_corrigees"),
    lignesRejetees: integer("lignes_rejetees"),
  },
  (t) => [index("jeux_de_donnees_nature_idx").on(t.nature)],
);

/** What an import rejected or fixed, line by line, with the reason in French. */
export const rapportsImport = pgTable(
  "rapports_import",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    /** rejet or correction. */
    nature: text("nature").notNull(),
    ligne: integer("ligne").notNull(),
    champ: text("champ"),
    valeur: text("valeur"),
    raison: text("raison").notNull(),
  },
  (t) => [index("rapports_import_jeu_idx").on(t.jeuDeDonneesId, t.ligne)],
);

/** Aidants Connect structures (public statistics export): where they are, their aidants and démarches. */
export const structuresAidantsConnect = pgTable(
  "structures_aidants_connect",
  {
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    identifiant: text("identifiant").notNull(),
    nom: text("nom").notNull(),
    active: boolean("active").notNull(),
    codeCommune: text("code_commune").notNull(),
    siret: text("siret"),
    franceServices: boolean("france_services").notNull(),
    aidants: integer("aidants"),
    usagersUniques: integer("usagers_uniques"),
    demarches: integer("demarches"),
    /** Démarches by theme (argent, etranger, famille, justice, loisirs, papier, social, transport, travail, logement). */
    demarchesParTheme: jsonb("demarches_par_theme").notNull(),
    provenance: text("provenance").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jeuDeDonneesId, t.identifiant] }), index("structures_aidants_connect_commune_idx").on(t.codeCommune)],
);

/**
 * Indice de fragilité numérique (La MedNum), per current commune or EPCI: the five sub-scores and
 * their mean, 1 to 10 (null: "Non disponible", an all-zero row). `calcule` when the row is our
 * population-weighted mean of several rows of the file (arrondissements, merged communes).
 */
export const indicesFragilite = pgTable(
  "indices_fragilite",
  {
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    niveau: text("niveau").notNull(),
    code: text("code").notNull(),
    score: doublePrecision("score"),
    thd: doublePrecision("thd"),
    quatreG: doublePrecision("quatre_g"),
    pauvrete: doublePrecision("pauvrete"),
    plus65: doublePrecision("plus_65"),
    peuDiplomes: doublePrecision("peu_diplomes"),
    calcule: boolean("calcule").notNull().default(false),
    /** The codes of the file's rows it comes from. */
    codesSources: text("codes_sources").array().notNull(),
    provenance: text("provenance").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jeuDeDonneesId, t.niveau, t.code] })],
);

/**
 * Lieux d'inclusion numérique, in the national standard's v1.0.x model (v0.1 rows converted). The
 * queried fields are columns; `champs` keeps the whole normalised record (for downloads). A place
 * found again in another source (same commune, compatible typology, near, similar name and
 * address) points to the place it duplicates (`doublon_de`); that one lists the merged sources.
 */
export const lieuxInclusionNumerique = pgTable(
  "lieux_inclusion_numerique",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    provenance: text("provenance").notNull(),
    identifiantSource: text("identifiant_source").notNull(),
    nom: text("nom").notNull(),
    adresse: text("adresse"),
    codePostal: text("code_postal"),
    codeCommune: text("code_commune").references(() => communes.code),
    typologies: text("typologies").array().notNull().default(sql`'{}'::text[]`),
    dispositifs: text("dispositifs").array().notNull().default(sql`'{}'::text[]`),
    /** The organisation that collected the row (the standard's `source`). */
    source: text("source"),
    pivot: text("pivot"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    services: text("services").array().notNull().default(sql`'{}'::text[]`),
    /** Dashboard category derived from the typology: public-commune, public-epci, public-departement, public-autre, association, prive, non-defini. */
    categorie: text("categorie").notNull().default("non-defini"),
    qpv: boolean("qpv").notNull().default(false),
    /** France Ruralités Revitalisation (formerly ZRR). */
    frr: boolean("frr").notNull().default(false),
    dateMaj: text("date_maj"),
    champs: jsonb("champs").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    doublonDe: uuid("doublon_de"),
    scoreDoublon: integer("score_doublon"),
    /** On a place others were merged into: the sources of the whole group. */
    sourcesFusionnees: text("sources_fusionnees").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index("lieux_code_commune_idx").on(t.codeCommune),
    index("lieux_jeu_idx").on(t.jeuDeDonneesId),
  ],
);

/** Conseillers numériques and their coordinateurs per département (the project's documented CSV template). */
export const effectifsConseillersNumeriques = pgTable(
  "effectifs_conseillers_numeriques",
  {
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    codeDepartement: text("code_departement").notNull(),
    conseillers: integer("conseillers").notNull(),
    coordinateurs: integer("coordinateurs"),
    dateDonnees: text("date_donnees").notNull(),
    provenance: text("provenance").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jeuDeDonneesId, t.codeDepartement] })],
);

/**
 * Population by age per département (an INSEE census table or the project's template), for the
 * diagnostic des publics. A class is [age_min, age_max], both included; age_max null is the open
 * class ("100 ans et plus"). The classes of one département never overlap.
 */
export const populationsParAge = pgTable(
  "populations_par_age",
  {
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    codeDepartement: text("code_departement").notNull(),
    ageMin: integer("age_min").notNull(),
    ageMax: integer("age_max"),
    population: integer("population").notNull(),
    provenance: text("provenance").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jeuDeDonneesId, t.codeDepartement, t.ageMin] })],
);

/**
 * National rates of the diagnostic des publics (e.g. "Personnes n'ayant pas utilisé internet au
 * cours des 12 derniers mois"), entered by the national team with their source, and applied to the
 * population of a territory (ages null/null: the whole population; 60/null: 60 ans et plus).
 * provenance: "saisie" (entered in the app) or "demonstration".
 */
export const tauxPublics = pgTable(
  "taux_publics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    libelle: text("libelle").notNull(),
    /** Percentage, 0 to 100. */
    taux: doublePrecision("taux").notNull(),
    ageMin: integer("age_min"),
    ageMax: integer("age_max"),
    source: text("source").notNull(),
    /** The year of the source's figures. */
    annee: integer("annee").notNull(),
    lien: text("lien"),
    ordre: integer("ordre").notNull().default(0),
    provenance: text("provenance").notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
    /** The id of the person who last changed it, or the tool (demonstration). */
    modifiePar: text("modifie_par").notNull(),
  },
  (t) => [
    check("taux_publics_taux_check", sql`${t.taux} >= 0 and ${t.taux} <= 100`),
    check("taux_publics_ages_check", sql`(${t.ageMin} is null or ${t.ageMin} between 0 and 120) and (${t.ageMax} is null or ${t.ageMax} between 0 and 120) and (${t.ageMin} is null or ${t.ageMax} is null or ${t.ageMin} <= ${t.ageMax})`),
  ],
);

/**
 * Shapes of départements, EPCI or communes for the maps the app draws itself: rings of
 * [longitude, latitude] (drawn with the even-odd rule, so holes need no orientation) and the
 * bounding box [ouest, sud, est, nord].
 */
export const geometries = pgTable(
  "geometries",
  {
    jeuDeDonneesId: uuid("jeu_de_donnees_id")
      .notNull()
      .references(() => jeuxDeDonnees.id, { onDelete: "cascade" }),
    niveau: text("niveau").notNull(),
    code: text("code").notNull(),
    nom: text("nom"),
    anneaux: jsonb("anneaux").$type<Array<Array<[number, number]>>>().notNull(),
    boite: doublePrecision("boite").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jeuDeDonneesId, t.niveau, t.code] })],
);

/*
 * Identity and access. E-mails are stored lower-cased. Login tokens and session identifiers are
 * stored only as SHA-256 hashes: a copy of the database does not let anyone log in.
 */

export const utilisateurs = pgTable("utilisateurs", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  prenom: text("prenom"),
  nom: text("nom"),
  role: text("role").notNull(),
  actif: boolean("actif").notNull().default(true),
  creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
  derniereConnexion: timestamp("derniere_connexion", { withTimezone: true }),
  /** The ProConnect subject, recorded at the first ProConnect login of the account. */
  proconnectSub: text("proconnect_sub").unique(),
  /** Préfecture agents: the daily digest of new candidates (opt-out on /profil). */
  recevoirResumes: boolean("recevoir_resumes").notNull().default(true),
  /** The préfecture space opened last ("/gouvernances/departements/58"): the "Gouvernance" entry leads back to it. */
  dernierTerritoire: text("dernier_territoire"),
});

export const perimetresUtilisateurs = pgTable(
  "perimetres_utilisateurs",
  {
    utilisateurId: uuid("utilisateur_id")
      .notNull()
      .references(() => utilisateurs.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    code: text("code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.utilisateurId, t.type, t.code] })],
);

export const jetonsConnexion = pgTable(
  "jetons_connexion",
  {
    empreinte: text("empreinte").primaryKey(),
    utilisateurId: uuid("utilisateur_id")
      .notNull()
      .references(() => utilisateurs.id, { onDelete: "cascade" }),
    creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
    expireLe: timestamp("expire_le", { withTimezone: true }).notNull(),
    utiliseLe: timestamp("utilise_le", { withTimezone: true }),
  },
  (t) => [index("jetons_connexion_utilisateur_idx").on(t.utilisateurId)],
);

export const sessions = pgTable(
  "sessions",
  {
    empreinte: text("empreinte").primaryKey(),
    utilisateurId: uuid("utilisateur_id")
      .notNull()
      .references(() => utilisateurs.id, { onDelete: "cascade" }),
    creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
    expireLe: timestamp("expire_le", { withTimezone: true }).notNull(),
    /** The ProConnect ID token of a session opened through ProConnect: the hint of the logout at the provider. */
    jetonIdProconnect: text("jeton_id_proconnect"),
  },
  (t) => [index("sessions_utilisateur_idx").on(t.utilisateurId)],
);

/** A ProConnect login under way: PKCE verifier and nonce, keyed by the hash of the state the browser holds. */
export const autorisationsProconnect = pgTable("autorisations_proconnect", {
  empreinte: text("empreinte").primaryKey(),
  verificateur: text("verificateur").notNull(),
  nonce: text("nonce").notNull(),
  creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
  expireLe: timestamp("expire_le", { withTimezone: true }).notNull(),
});

/**
 * A person ProConnect identified but who has no access yet ("Accès non encore attribué"). The
 * browser holds a token (hash stored here) that lets it ask administrators for access once.
 */
export const demandesAcces = pgTable(
  "demandes_acces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    empreinte: text("empreinte").notNull().unique(),
    sub: text("sub").notNull(),
    email: text("email").notNull(),
    prenom: text("prenom"),
    nom: text("nom"),
    siret: text("siret"),
    message: text("message"),
    creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
    expireLe: timestamp("expire_le", { withTimezone: true }).notNull(),
    demandeeLe: timestamp("demandee_le", { withTimezone: true }),
    traiteeLe: timestamp("traitee_le", { withTimezone: true }),
    traiteePar: text("traitee_par"),
  },
  (t) => [index("demandes_acces_email_idx").on(t.email)],
);

/** Outgoing mail. Without a mail server (embedded demonstration), it stays here for administrators to read. */
export const courriels = pgTable("courriels", {
  id: uuid("id").primaryKey().defaultRandom(),
  destinataire: text("destinataire").notNull(),
  sujet: text("sujet").notNull(),
  texte: text("texte").notNull(),
  creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
  envoyeLe: timestamp("envoye_le", { withTimezone: true }),
  /** Sending attempts through SMTP_URL: the last one (a claim shared by app instances), their count, why the last failed. */
  tenteLe: timestamp("tente_le", { withTimezone: true }),
  tentatives: integer("tentatives").notNull().default(0),
  erreur: text("erreur"),
});

/** Every change made to access (and, later, to business data): who, when, before, after. */
export const journalAudit = pgTable(
  "journal_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    acteur: text("acteur").notNull(),
    action: text("action").notNull(),
    cible: text("cible").notNull(),
    avant: jsonb("avant"),
    apres: jsonb("apres"),
    le: timestamp("le", { withTimezone: true }).notNull(),
  },
  (t) => [index("journal_audit_cible_idx").on(t.cible)],
);

/** Request counters per key and time window, shared by every app instance (rate limits). */
export const compteursDeDebit = pgTable(
  "compteurs_de_debit",
  {
    cle: text("cle").notNull(),
    fenetre: timestamp("fenetre", { withTimezone: true }).notNull(),
    compte: integer("compte").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cle, t.fenetre] })],
);

/*
 * Manifestations d'intérêt (PRODUCT §4). A candidate is an organisation (one row per official code,
 * SIRET or normalised name), whatever the number of forms; a form belongs to the person who fills
 * it. `departements` holds the départements the candidate counts for (attribution rule).
 */

export const candidats = pgTable(
  "candidats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cle: text("cle").notNull().unique(),
    type: text("type").notNull(),
    code: text("code"),
    nom: text("nom").notNull(),
    codeDepartement: text("code_departement"),
    /** For a structure with a SIRET: true when the company register confirmed it, false when it could not be reached, null when not looked up. */
    siretVerifie: boolean("siret_verifie"),
    departements: text("departements").array().notNull(),
    demonstration: boolean("demonstration").notNull().default(false),
    creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
  },
  (t) => [index("candidats_departements_idx").using("gin", t.departements)],
);

export const formulairesManifestation = pgTable(
  "formulaires_manifestation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    utilisateurId: uuid("utilisateur_id")
      .notNull()
      .references(() => utilisateurs.id, { onDelete: "cascade" }),
    persona: text("persona").notNull(),
    intention: text("intention"),
    /** brouillon → envoye, or efface ("Effacer le formulaire"). */
    etat: text("etat").notNull().default("brouillon"),
    /** What the person typed so far (saved automatically, checked loosely). */
    brouillon: jsonb("brouillon").notNull().default({}),
    /** What was sent, checked strictly: the summary and the history of the candidate. */
    contenu: jsonb("contenu"),
    candidatId: uuid("candidat_id").references(() => candidats.id, { onDelete: "set null" }),
    demonstration: boolean("demonstration").notNull().default(false),
    creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
    envoyeLe: timestamp("envoye_le", { withTimezone: true }),
    effaceLe: timestamp("efface_le", { withTimezone: true }),
    /** "Porter" forms: the steps done (when, and the collectivité step 1 was checked with). */
    etapes: jsonb("etapes").notNull().default({}),
  },
  (t) => [index("formulaires_manifestation_utilisateur_idx").on(t.utilisateurId), index("formulaires_manifestation_candidat_idx").on(t.candidatId)],
);

/**
 * The contact lines of the préfectures' lists and exports (PRODUCT §5), one per contact of the
 * current sent forms: the filler's contacts (politique, technique, structure) and the contacts of
 * the partners a porteur names (role partenaire). Written when a form is sent, with what the export
 * shows, so that the export reads one indexed table in order, whatever its size.
 */
export const contactsManifestation = pgTable(
  "contacts_manifestation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    formulaireId: uuid("formulaire_id")
      .notNull()
      .references(() => formulairesManifestation.id, { onDelete: "cascade" }),
    /** The candidate whose form gave the contact (the porteur, for a partner's contact). */
    candidatId: uuid("candidat_id")
      .notNull()
      .references(() => candidats.id, { onDelete: "cascade" }),
    /** politique, technique, structure, or partenaire. */
    role: text("role").notNull(),
    nom: text("nom").notNull(),
    prenom: text("prenom").notNull(),
    fonction: text("fonction").notNull(),
    email: text("email").notNull(),
    /** The organisation the contact belongs to, its type (region, departement, epci, commune, structure) and codes. */
    organisation: text("organisation").notNull().default(""),
    typologie: text("typologie").notNull().default(""),
    codeSiret: text("code_siret"),
    codeInsee: text("code_insee"),
    /** porteur, participant or partenaire. */
    manifestation: text("manifestation").notNull().default(""),
    nomPorteur: text("nom_porteur"),
    /** Where the line counts (the candidate's départements; for a partner, where it counts as suggested). */
    departements: text("departements").array().notNull().default(sql`'{}'::text[]`),
    deposeLe: timestamp("depose_le", { withTimezone: true }).notNull().defaultNow(),
    demonstration: boolean("demonstration").notNull().default(false),
  },
  (t) => [
    index("contacts_manifestation_candidat_idx").on(t.candidatId),
    index("contacts_manifestation_departements_idx").using("gin", t.departements),
    index("contacts_manifestation_depose_idx").on(t.deposeLe, t.id),
  ],
);

/**
 * The partners a "porter" form names: collectivités ticked in its perimeter (type region,
 * departement, epci or commune, with their official code) and other structures (type structure, a
 * random code and their name), each with its contact once given. Saved tick by tick.
 */
export const partenairesManifestation = pgTable(
  "partenaires_manifestation",
  {
    formulaireId: uuid("formulaire_id")
      .notNull()
      .references(() => formulairesManifestation.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    code: text("code").notNull(),
    nom: text("nom"),
    contact: jsonb("contact"),
    ajouteLe: timestamp("ajoute_le", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.formulaireId, t.type, t.code] })],
);

/*
 * Scheduled work (daily digests, reminders). A task is claimed with FOR UPDATE SKIP LOCKED, so that
 * several app instances (or the command line) never run it twice; `cle` makes scheduling idempotent.
 */
export const taches = pgTable(
  "taches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    cle: text("cle").notNull().unique(),
    executerApres: timestamp("executer_apres", { withTimezone: true }).notNull(),
    /** a_faire → en_cours → faite, or back to a_faire after a failure (echec after 5 attempts). */
    etat: text("etat").notNull().default("a_faire"),
    tentatives: integer("tentatives").notNull().default(0),
    priseLe: timestamp("prise_le", { withTimezone: true }),
    termineeLe: timestamp("terminee_le", { withTimezone: true }),
    erreur: text("erreur"),
    donnees: jsonb("donnees").notNull().default({}),
  },
  (t) => [index("taches_a_faire_idx").on(t.etat, t.executerApres)],
);

/*
 * The gouvernance of a département (PRODUCT §6): one document, saved section by section. Each
 * section is its content (JSON read by domain/gouvernance/formulaire) with its own version number:
 * a save states the version it started from, so that two agents editing the same section never
 * silently overwrite each other. Every save is kept in the history, with the content before and
 * after.
 */
export const gouvernances = pgTable("gouvernances", {
  codeDepartement: text("code_departement")
    .primaryKey()
    .references(() => departements.code),
  /** brouillon, deposee, validee, aCompleter (PRODUCT §6); no row: "aucune". */
  etat: text("etat").notNull().default("brouillon"),
  creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
  creePar: uuid("cree_par"),
  modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
  modifiePar: uuid("modifie_par"),
  /** The last submission ("déposée"), and the first one's notification (members and national team are told once). */
  deposeeLe: timestamp("deposee_le", { withTimezone: true }),
  deposeePar: uuid("deposee_par"),
  notifieeLe: timestamp("notifiee_le", { withTimezone: true }),
  /** The national team's decision: validée, or "à compléter" with its message and the date editing reopens until. */
  instruiteLe: timestamp("instruite_le", { withTimezone: true }),
  instruitePar: uuid("instruite_par"),
  messageInstruction: text("message_instruction"),
  reouvertureJusquau: timestamp("reouverture_jusquau", { withTimezone: true }),
  /** A fictitious gouvernance of the demonstration dataset (labelled wherever it is shown). */
  demonstration: boolean("demonstration").notNull().default(false),
});

/*
 * The campaigns of the national team (PRODUCT §10): the gouvernances are written between the
 * opening and the closing of the current one; a département may be given more time.
 */
export const campagnes = pgTable("campagnes", {
  id: uuid("id").primaryKey().defaultRandom(),
  nom: text("nom").notNull(),
  ouverture: timestamp("ouverture", { withTimezone: true }).notNull(),
  cloture: timestamp("cloture", { withTimezone: true }).notNull(),
  demonstration: boolean("demonstration").notNull().default(false),
  creeLe: timestamp("cree_le", { withTimezone: true }).notNull(),
  creePar: uuid("cree_par"),
});

export const prolongationsCampagne = pgTable(
  "prolongations_campagne",
  {
    campagneId: uuid("campagne_id")
      .notNull()
      .references(() => campagnes.id, { onDelete: "cascade" }),
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => departements.code),
    jusquau: timestamp("jusquau", { withTimezone: true }).notNull(),
    accordeeLe: timestamp("accordee_le", { withTimezone: true }).notNull(),
    accordeePar: uuid("accordee_par"),
  },
  (t) => [primaryKey({ columns: [t.campagneId, t.codeDepartement] })],
);

export const sectionsGouvernance = pgTable(
  "sections_gouvernance",
  {
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => gouvernances.codeDepartement, { onDelete: "cascade" }),
    section: text("section").notNull(),
    contenu: jsonb("contenu").notNull(),
    version: integer("version").notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
    modifiePar: uuid("modifie_par"),
  },
  (t) => [primaryKey({ columns: [t.codeDepartement, t.section] })],
);

export const historiqueGouvernance = pgTable(
  "historique_gouvernance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => gouvernances.codeDepartement, { onDelete: "cascade" }),
    section: text("section").notNull(),
    version: integer("version").notNull(),
    avant: jsonb("avant"),
    apres: jsonb("apres").notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
    modifiePar: uuid("modifie_par"),
  },
  (t) => [index("historique_gouvernance_section_idx").on(t.codeDepartement, t.section, t.version)],
);

/*
 * The document of each feuille de route (PRODUCT §6: "Le format des feuilles de route est libre"),
 * with every earlier version kept. The bytes live in the document store (a directory, or an
 * S3-compatible bucket: integrations/stockage) under `cle_stockage`, a key the application makes;
 * the row says what they are and who deposited them. `feuille_id` is the id of the feuille in the
 * saved section "feuillesDeRoute".
 */
export const documentsFeuillesDeRoute = pgTable(
  "documents_feuilles_de_route",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => departements.code),
    feuilleId: text("feuille_id").notNull(),
    /** 1 for the first document of the feuille, then one more for each deposit. */
    version: integer("version").notNull(),
    /** The name given by the person, made safe (no path, no control character, 150 characters at most). */
    nomFichier: text("nom_fichier").notNull(),
    /** Deduced from the checked extension and first bytes, never from what the browser said. */
    typeMime: text("type_mime").notNull(),
    taille: integer("taille").notNull(),
    empreinteSha256: text("empreinte_sha256").notNull(),
    cleStockage: text("cle_stockage").notNull(),
    deposeLe: timestamp("depose_le", { withTimezone: true }).notNull(),
    deposePar: uuid("depose_par").references(() => utilisateurs.id, { onDelete: "set null" }),
  },
  (t) => [unique("documents_feuilles_de_route_version_unique").on(t.codeDepartement, t.feuilleId, t.version)],
);

/*
 * Besoins en ingénierie financière (PRODUCT §7), one row per need selected (category, item,
 * options, rank): a new item of the catalogue is data, never a migration. The département's row
 * carries the version (two agents never overwrite each other), the rank of the aggregated
 * "Ressource humaine" card, and when the ranking was saved (the besoins are complete then).
 */
export const besoinsDepartements = pgTable("besoins_departements", {
  codeDepartement: text("code_departement")
    .primaryKey()
    .references(() => departements.code),
  version: integer("version").notNull().default(0),
  rangRessourceHumaine: integer("rang_ressource_humaine"),
  selectionModifieeLe: timestamp("selection_modifiee_le", { withTimezone: true }),
  classementEnregistreLe: timestamp("classement_enregistre_le", { withTimezone: true }),
  modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
  modifiePar: uuid("modifie_par"),
  demonstration: boolean("demonstration").notNull().default(false),
});

export const besoins = pgTable(
  "besoins",
  {
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => besoinsDepartements.codeDepartement, { onDelete: "cascade" }),
    categorie: text("categorie").notNull(),
    item: text("item").notNull(),
    precision: text("precision"),
    etp: doublePrecision("etp"),
    prestation: boolean("prestation").notNull().default(false),
    personnes: integer("personnes"),
    /** The rank of its card in step 2 (a prestation or a training need), from 1; null when it has none. */
    rang: integer("rang"),
  },
  (t) => [primaryKey({ columns: [t.codeDepartement, t.categorie, t.item] })],
);

export const historiqueBesoins = pgTable(
  "historique_besoins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeDepartement: text("code_departement")
      .notNull()
      .references(() => besoinsDepartements.codeDepartement, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    avant: jsonb("avant"),
    apres: jsonb("apres").notNull(),
    modifieLe: timestamp("modifie_le", { withTimezone: true }).notNull(),
    modifiePar: uuid("modifie_par"),
  },
  (t) => [index("historique_besoins_departement_idx").on(t.codeDepartement, t.version)],
);
