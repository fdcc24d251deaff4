import type { Connexion } from "@/db/client";
import { migrer, nombreDeMigrations } from "@/db/migrer";
import { LIBELLES_NATURES } from "@/domain/donnees/provenance";
import { sourceCogInstallee } from "@/integrations/cog/decoupage-administratif";
import { chargerDemonstration, effacerDemonstration, etatDesLieux } from "@/services/demonstration";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur, emettreLienDeConnexion, urlDeBaseDesLiens } from "@/services/identite";
import { listerTaux } from "@/services/diagnostic-publics";
import { importerAidantsConnect, NATURE_AIDANTS_CONNECT } from "@/services/import-aidants-connect";
import { etatDesJeux, type BilanImport } from "@/services/import-commun";
import type { Resultat } from "@/domain/resultat";
import { importerConseillersNumeriques, NATURE_CONSEILLERS_NUMERIQUES } from "@/services/import-conseillers-numeriques";
import { importerGeometrie, NATURES_GEOMETRIE, type NiveauGeometrie } from "@/services/import-geometrie";
import { importerIfn, NATURES_IFN } from "@/services/import-ifn";
import { importerLieux, listerDoublons, NATURES_LIEUX } from "@/services/import-lieux";
import { importerPopulationParAge, NATURE_POPULATION_AGE } from "@/services/import-population-age";
import { ouvrirSource } from "@/integrations/fichiers/source";
import { executantsDeLApplication } from "@/services/resumes";
import { executerTachesDues } from "@/services/taches";
import { etatReferentielTerritoires, importerTerritoires } from "@/services/territoires";
import type { ArgumentsAnalyses } from "./arguments";
import { messageErreurCommande } from "./messages";

/*
 * The operators' commands. The same functions run in the command-line process (when it opens the
 * database itself) and inside the running application (when the command line reaches it through
 * the loopback control endpoint), so the embedded database is only ever opened by one process.
 */

export const CODES_SORTIE = { succes: 0, echec: 1, usage: 2 } as const;

export interface Sortie {
  ligne(texte: string): void;
  erreur(texte: string): void;
}

export interface ContexteCommande {
  connexion: Connexion;
  arguments: ArgumentsAnalyses;
  sortie: Sortie;
  maintenant: () => Date;
}

export interface Commande {
  nom: string;
  resume: string;
  usage: string;
  /** Options accepted besides --help. */
  options: string[];
  executer(contexte: ContexteCommande): Promise<number>;
}

const formater = (n: number) => n.toLocaleString("fr-FR");

const NATURES_IMPORTABLES = ["lieux", "data-inclusion", "ifn-communes", "ifn-epci", "aidants-connect", "conseillers-numeriques", "insee-population-age", "geometrie"] as const;

export const COMMANDES: Commande[] = [
  {
    nom: "territoires:importer",
    resume: "Charge ou recharge les territoires (régions, départements, EPCI, communes) du Code officiel géographique.",
    usage: "territoires:importer",
    options: [],
    async executer({ connexion, sortie, maintenant }) {
      const bilan = await importerTerritoires({ connexion, source: sourceCogInstallee(), maintenant: maintenant(), progression: sortie.ligne, forcer: true });
      const e = bilan.effectifs;
      sortie.ligne(
        `COG ${bilan.millesime} : ${formater(e.regions ?? 0)} régions, ${formater(e.departements ?? 0)} départements (+ ${formater(e.collectivitesOutreMer ?? 0)} collectivités d'outre-mer), ` +
          `${formater(e.epci ?? 0)} EPCI (+ ${formater(e.etablissementsPublicsTerritoriaux ?? 0)} EPT), ${formater(e.communes ?? 0)} communes (+ ${formater(e.arrondissementsMunicipaux ?? 0)} arrondissements municipaux).`,
      );
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "demo:charger",
    resume: "Charge les données de démonstration (fictives), pour chaque nature de données sans données réelles.",
    usage: "demo:charger",
    options: [],
    async executer({ connexion, sortie, maintenant }) {
      const resultat = await chargerDemonstration({ connexion, maintenant: maintenant(), progression: sortie.ligne });
      if (!resultat.ok) {
        sortie.erreur("Les territoires ne sont pas chargés : lancez d'abord « territoires:importer ».");
        return CODES_SORTIE.echec;
      }
      sortie.ligne("Données de démonstration — fictives : chargées.");
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "demo:effacer",
    resume: "Efface toutes les données de démonstration ; les données réelles ne sont pas touchées.",
    usage: "demo:effacer",
    options: [],
    async executer({ connexion, sortie }) {
      await effacerDemonstration({ connexion, progression: sortie.ligne });
      sortie.ligne("Données de démonstration effacées.");
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "donnees:importer",
    resume: "Importe un fichier de données réelles (chemin ou URL) : lieux, data-inclusion, ifn-communes, ifn-epci, aidants-connect, conseillers-numeriques, insee-population-age, geometrie ; rapport des lignes rejetées ou corrigées.",
    usage: "donnees:importer <lieux|data-inclusion|ifn-communes|ifn-epci|aidants-connect|conseillers-numeriques|insee-population-age|geometrie> <chemin|url> [--niveau departements|epci|communes] [--forcer]",
    options: ["forcer", "niveau"],
    async executer({ connexion, arguments: args, sortie, maintenant }) {
      const [nature, chemin] = args.positionnels;
      if (!nature || !chemin) {
        sortie.erreur("Indiquez la nature des données et le fichier : donnees:importer ifn-communes ../shared/data/ifn/ifn-communes.csv");
        return CODES_SORTIE.usage;
      }
      if (!(NATURES_IMPORTABLES as readonly string[]).includes(nature)) {
        sortie.erreur(`Nature « ${nature} » inconnue : ${NATURES_IMPORTABLES.join(", ")}.`);
        return CODES_SORTIE.usage;
      }
      const [niveauDemande] = args.options.get("niveau") ?? [];
      if (niveauDemande !== undefined && (nature !== "geometrie" || !["departements", "epci", "communes"].includes(niveauDemande))) {
        sortie.erreur(nature === "geometrie" ? "--niveau vaut departements, epci ou communes." : "--niveau ne sert qu'à l'import de géométrie.");
        return CODES_SORTIE.usage;
      }
      const commun = { connexion, maintenant: maintenant(), progression: sortie.ligne, forcer: args.drapeaux.has("forcer") };
      let resultat: Resultat<BilanImport, string>;
      if (nature === "geometrie") {
        resultat = await importerGeometrie({ ...commun, chemin, niveau: niveauDemande as NiveauGeometrie | undefined });
      } else {
        const ouverte = await ouvrirSource(chemin);
        if (!ouverte.ok) {
          sortie.erreur(ouverte.erreur.code === "fichierIntrouvable" ? `Fichier introuvable : ${ouverte.erreur.detail}` : `Téléchargement impossible (${ouverte.erreur.detail}).`);
          return CODES_SORTIE.echec;
        }
        const avecSource = { ...commun, source: ouverte.source };
        resultat =
          nature === "lieux" || nature === "data-inclusion"
            ? await importerLieux({ ...avecSource, nature })
            : nature === NATURES_IFN.communes || nature === NATURES_IFN.epci
              ? await importerIfn({ ...avecSource, niveau: nature === NATURES_IFN.communes ? "communes" : "epci" })
              : nature === NATURE_CONSEILLERS_NUMERIQUES
                ? await importerConseillersNumeriques(avecSource)
                : nature === NATURE_POPULATION_AGE
                  ? await importerPopulationParAge(avecSource)
                  : await importerAidantsConnect(avecSource);
      }
      if (!resultat.ok) {
        const detail = String(resultat.details?.detail ?? "");
        const attendu: Record<string, string> = {
          lieux: "un fichier du standard des lieux de médiation numérique (CSV avec les colonnes id, nom, commune… ou JSON : tableau d'objets)",
          "data-inclusion": "le fichier JSON des structures data·inclusion (tableau d'objets)",
          "ifn-communes": "la première ligne doit être name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total",
          "ifn-epci": "la première ligne doit être name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total",
          "aidants-connect": "la première ligne doit être celle de l'export des structures Aidants Connect (Name, UUID, Is Active, City Insee Code…)",
          "conseillers-numeriques": "la première ligne doit être code_departement,conseillers_numeriques,coordinateurs,date_des_donnees,source (modèle : docs/modeles/conseillers-numeriques.csv)",
          "insee-population-age":
            "un tableau INSEE au format long (colonnes CODGEO, AGED100 ou AGEQ80_17, NB, et SEXE facultative) ou le modèle code_departement,age_min,age_max,population,annee (docs/modeles/population-par-age.csv)",
          geometrie: "un fichier TopoJSON ou GeoJSON de départements, d'EPCI ou de communes",
        };
        const raisons: Record<string, string> = {
          enteteInvalide: `Fichier inattendu${detail ? ` (${detail})` : ""} : ${attendu[nature] ?? ""}.`,
          fichierVide: detail || "Le fichier est vide.",
          territoiresAbsents: "Les territoires ne sont pas chargés : lancez d'abord « territoires:importer ».",
        };
        sortie.erreur(raisons[resultat.erreur] ?? detail ?? resultat.erreur);
        return CODES_SORTIE.echec;
      }
      const b = resultat.valeur;
      if (!b.inchange && b.apercu.length) {
        sortie.ligne("Premières lignes du rapport :");
        for (const r of b.apercu) sortie.ligne(`  ligne ${r.ligne} — ${r.nature === "rejet" ? "rejetée" : "corrigée"}${r.champ ? ` (${r.champ} = « ${r.valeur ?? ""} »)` : ""} : ${r.raison}`);
      }
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "donnees:doublons",
    resume: "Liste, pour relecture, les lieux décrits par plusieurs sources et fusionnés (avec la note de ressemblance).",
    usage: "donnees:doublons [--departement CODE] [--limite N]",
    options: ["departement", "limite"],
    async executer({ connexion, arguments: args, sortie }) {
      const [departement] = args.options.get("departement") ?? [];
      const [limiteBrute] = args.options.get("limite") ?? [];
      const limite = limiteBrute === undefined ? 100 : Number(limiteBrute);
      if (!Number.isInteger(limite) || limite < 1 || limite > 100_000) {
        sortie.erreur("--limite attend un nombre entier entre 1 et 100 000.");
        return CODES_SORTIE.usage;
      }
      const doublons = await listerDoublons(connexion.db, { departement, limite });
      if (!doublons.length) {
        sortie.ligne(departement ? `Aucun lieu fusionné dans le département ${departement}.` : "Aucun lieu fusionné.");
        return CODES_SORTIE.succes;
      }
      for (const d of doublons) {
        sortie.ligne(`${d.codeCommune} — « ${d.nom} » (${d.source ?? "?"}, ${d.adresse ?? "sans adresse"}) fusionné dans « ${d.nomRepresentant} » (${d.sourceRepresentant ?? "?"}, ${d.adresseRepresentant ?? "sans adresse"}) — note ${d.score ?? "?"}/100`);
      }
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "utilisateurs:creer",
    resume: "Crée un compte : administrateur, préfecture de région ou de département (avec ses territoires), ou contact.",
    usage: "utilisateurs:creer --email E --role ROLE [--departement CODE]… [--region CODE]… [--prenom P] [--nom N]",
    options: ["email", "role", "departement", "region", "prenom", "nom"],
    async executer({ connexion, arguments: args, sortie, maintenant }) {
      const [email] = args.options.get("email") ?? [];
      const [role] = args.options.get("role") ?? [];
      if (!email || !role) {
        sortie.erreur("Indiquez --email et --role (administrateur, prefecture-region, prefecture-departement ou contact).");
        return CODES_SORTIE.usage;
      }
      const perimetres = [
        ...(args.options.get("region") ?? []).map((code) => ({ type: "region" as const, code: code.toUpperCase() })),
        ...(args.options.get("departement") ?? []).map((code) => ({ type: "departement" as const, code: code.toUpperCase() })),
      ];
      const resultat = await creerUtilisateur({
        connexion,
        acteur: ACTEUR_LIGNE_DE_COMMANDE,
        email,
        role,
        perimetres,
        prenom: args.options.get("prenom")?.[0],
        nom: args.options.get("nom")?.[0],
        maintenant: maintenant(),
      });
      if (!resultat.ok) {
        sortie.erreur(messageErreurCommande(resultat.erreur, resultat.details));
        return CODES_SORTIE.echec;
      }
      const u = resultat.valeur;
      sortie.ligne(`Compte créé : ${u.email} (${u.role}${u.perimetres.length ? ` : ${u.perimetres.map((p) => `${p.type} ${p.code}`).join(", ")}` : ""}).`);
      sortie.ligne("« npm run cli -- connexion:lien --email … » donne un lien de connexion.");
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "connexion:lien",
    resume: "Affiche un lien de connexion à usage unique (15 minutes) pour un compte existant, sur la sortie de cette commande seulement.",
    usage: "connexion:lien --email E",
    options: ["email"],
    async executer({ connexion, arguments: args, sortie, maintenant }) {
      const [email] = args.options.get("email") ?? [];
      if (!email) {
        sortie.erreur("Indiquez --email.");
        return CODES_SORTIE.usage;
      }
      const emis = await emettreLienDeConnexion({ db: connexion.db, email, maintenant: maintenant(), urlDeBase: urlDeBaseDesLiens() });
      if (!emis) {
        sortie.erreur(`Aucun compte actif pour « ${email} » : créez-le avec « utilisateurs:creer ».`);
        return CODES_SORTIE.echec;
      }
      sortie.ligne(emis.lien);
      sortie.ligne(`(à usage unique, valable jusqu'à ${emis.expireLe.toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris" })})`);
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "taches:executer",
    resume: "Exécute une fois les tâches planifiées arrivées à échéance (résumé quotidien des candidatures aux préfectures…).",
    usage: "taches:executer",
    options: [],
    async executer({ connexion, sortie, maintenant }) {
      const bilan = await executerTachesDues({ connexion, executants: executantsDeLApplication(urlDeBaseDesLiens()), maintenant: maintenant() });
      sortie.ligne(`Tâches : ${bilan.faites} faite(s), ${bilan.echouees} en échec.`);
      return bilan.echouees > 0 ? CODES_SORTIE.echec : CODES_SORTIE.succes;
    },
  },
  {
    nom: "base:migrer",
    resume: "Applique les migrations de schéma en attente (elles s'appliquent aussi au démarrage).",
    usage: "base:migrer",
    options: [],
    async executer({ connexion, sortie }) {
      const nombre = await migrer(connexion);
      sortie.ligne(`Migrations appliquées : ${nombre}.`);
      return CODES_SORTIE.succes;
    },
  },
  {
    nom: "statut",
    resume: "Affiche la base utilisée, ses migrations, le référentiel des territoires et les jeux de données.",
    usage: "statut",
    options: [],
    async executer({ connexion, sortie }) {
      sortie.ligne(`Base : ${connexion.type === "pglite" ? `PGlite embarquée (${connexion.dossier ?? "en mémoire"})` : "serveur PostgreSQL"}`);
      sortie.ligne(`Migrations : ${await nombreDeMigrations(connexion.db)}`);
      const referentiel = await etatReferentielTerritoires(connexion.db);
      sortie.ligne(
        referentiel
          ? `Territoires : COG ${referentiel.millesime} (${referentiel.source} ${referentiel.versionSource}), chargés le ${referentiel.importeLe.toISOString()}`
          : "Territoires : non chargés",
      );
      const lieux = await etatDesLieux(connexion.db);
      const provenance = lieux.provenance === "demonstration" ? "données de démonstration — fictives" : lieux.provenance === "import" ? "données importées" : "aucune donnée";
      sortie.ligne(`${LIBELLES_NATURES.lieux} : ${formater(lieux.lignes)} (${provenance})`);
      const natures = [...NATURES_LIEUX, NATURES_IFN.communes, NATURES_IFN.epci, NATURE_AIDANTS_CONNECT, NATURE_CONSEILLERS_NUMERIQUES, NATURE_POPULATION_AGE, ...Object.values(NATURES_GEOMETRIE)] as const;
      const jeux = await etatDesJeux(connexion.db, [...natures]);
      for (const nature of natures) {
        const j = jeux.find((i) => i.nature === nature);
        const libelle = LIBELLES_NATURES[nature];
        if (!j) sortie.ligne(`${libelle} : aucune donnée`);
        else if (j.provenance === "demonstration") sortie.ligne(`${libelle} : données de démonstration — fictives (${formater(j.acceptees ?? 0)})`);
        else
          sortie.ligne(
            `${libelle} : ${j.fichier ?? "?"}, importé le ${j.chargeLe.toISOString()} — ${formater(j.acceptees ?? 0)} lignes acceptées dont ${formater(j.corrigees ?? 0)} corrigées, ${formater(j.rejetees ?? 0)} rejetées`,
          );
      }
      const taux = await listerTaux(connexion.db);
      const fictifs = taux.filter((t) => t.provenance === "demonstration").length;
      sortie.ligne(`Taux nationaux du diagnostic des publics : ${formater(taux.length)}${fictifs ? ` (dont ${formater(fictifs)} de démonstration — fictifs)` : ""}`);
      return CODES_SORTIE.succes;
    },
  },
];

export function trouverCommande(nom: string): Commande | undefined {
  return COMMANDES.find((c) => c.nom === nom);
}

export function aideGenerale(): string {
  const largeur = Math.max(...COMMANDES.map((c) => c.nom.length));
  return [
    "Ligne de commande des opérateurs — Espace France Numérique Ensemble",
    "",
    "Usage : npm run cli -- <commande> [options]",
    "",
    "Commandes :",
    ...COMMANDES.map((c) => `  ${c.nom.padEnd(largeur)}  ${c.resume}`),
    "",
    "Options communes : --help affiche l'aide d'une commande.",
    "Base : PGlite embarquée dans PGLITE_DIR (par défaut .donnees/pglite), ou le serveur PostgreSQL de DATABASE_URL.",
    "Quand l'application tourne sur la base embarquée, la commande s'exécute dans l'application.",
  ].join("\n");
}

export function aideCommande(commande: Commande): string {
  return [`${commande.resume}`, "", `Usage : npm run cli -- ${commande.usage}`].join("\n");
}

/** Checks the options before anything runs: an unknown option is a usage error. */
export function verifierArguments(commande: Commande, args: ArgumentsAnalyses): string | null {
  for (const nom of [...args.options.keys(), ...args.drapeaux]) {
    if (nom === "help" || nom === "aide") continue;
    if (!commande.options.includes(nom)) return `Option inconnue pour ${commande.nom} : --${nom}`;
  }
  if (args.positionnels.length > 0 && !commande.usage.includes("<")) return `Argument inattendu pour ${commande.nom} : ${args.positionnels.join(" ")}`;
  return null;
}

/** Runs a parsed command on an open connection. Errors become a French message and exit code 1. */
export async function executerCommande(contexte: Omit<ContexteCommande, "arguments"> & { arguments: ArgumentsAnalyses }): Promise<number> {
  const nom = contexte.arguments.commande ?? "";
  const commande = trouverCommande(nom);
  if (!commande) {
    contexte.sortie.erreur(`Commande inconnue : ${nom}. « npm run cli -- --help » liste les commandes.`);
    return CODES_SORTIE.usage;
  }
  const probleme = verifierArguments(commande, contexte.arguments);
  if (probleme) {
    contexte.sortie.erreur(`${probleme}\n\n${aideCommande(commande)}`);
    return CODES_SORTIE.usage;
  }
  try {
    return await commande.executer(contexte);
  } catch (erreur) {
    contexte.sortie.erreur(`Échec de ${commande.nom} : ${(erreur as Error).message}`);
    return CODES_SORTIE.echec;
  }
}
