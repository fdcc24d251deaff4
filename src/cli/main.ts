import { configurationBase, ouvrirSelonConfiguration } from "@/db/connexion-application";
import { DossierVerrouille, lireVerrou, verrouActif } from "@/db/verrou";
import { migrer } from "@/db/migrer";
import { analyserArguments } from "./arguments";
import { aideCommande, aideGenerale, CODES_SORTIE, executerCommande, trouverCommande, verifierArguments, type Sortie } from "./commandes";
import { executerDansApplication } from "./pilotage";

const sortie: Sortie = {
  ligne: (texte) => process.stdout.write(`${texte}\n`),
  erreur: (texte) => process.stderr.write(`${texte}\n`),
};

async function principal(argv: string[]): Promise<number> {
  const args = analyserArguments(argv);
  if (args.commande === null) {
    (args.drapeaux.has("help") || args.drapeaux.has("aide") ? sortie.ligne : sortie.erreur)(aideGenerale());
    return args.drapeaux.has("help") || args.drapeaux.has("aide") ? CODES_SORTIE.succes : CODES_SORTIE.usage;
  }
  const commande = trouverCommande(args.commande);
  if (!commande) {
    sortie.erreur(`Commande inconnue : ${args.commande}\n\n${aideGenerale()}`);
    return CODES_SORTIE.usage;
  }
  if (args.drapeaux.has("help") || args.drapeaux.has("aide")) {
    sortie.ligne(aideCommande(commande));
    return CODES_SORTIE.succes;
  }
  const probleme = verifierArguments(commande, args);
  if (probleme) {
    sortie.erreur(`${probleme}\n\n${aideCommande(commande)}`);
    return CODES_SORTIE.usage;
  }

  const configuration = configurationBase();
  if (configuration.type === "pglite") {
    const detenteur = lireVerrou(configuration.dossier);
    if (detenteur && verrouActif(detenteur)) {
      if (detenteur.role === "application" && detenteur.pilotage) {
        sortie.erreur(`(exécutée par l'application en cours, pid ${detenteur.pid})`);
        return executerDansApplication({ dossier: configuration.dossier, port: detenteur.pilotage.port, argv, sortie });
      }
      sortie.erreur(
        `La base embarquée est occupée par un autre processus (pid ${detenteur.pid}, ${detenteur.role}). ` +
          "Réessayez dans quelques instants, une fois l'application démarrée ou la commande précédente terminée.",
      );
      return CODES_SORTIE.echec;
    }
  }

  let connexion;
  try {
    connexion = await ouvrirSelonConfiguration("ligne-de-commande");
  } catch (erreur) {
    if (erreur instanceof DossierVerrouille) {
      sortie.erreur(`${erreur.message} Réessayez dans quelques instants.`);
      return CODES_SORTIE.echec;
    }
    sortie.erreur(`Impossible d'ouvrir la base : ${(erreur as Error).message}`);
    return CODES_SORTIE.echec;
  }
  try {
    if (commande.nom !== "base:migrer") await migrer(connexion);
    return await executerCommande({ connexion, arguments: args, sortie, maintenant: () => new Date() });
  } finally {
    await connexion.fermer();
  }
}

principal(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (erreur: Error) => {
    sortie.erreur(`Erreur inattendue : ${erreur.stack ?? erreur.message}`);
    process.exit(CODES_SORTIE.echec);
  },
);
