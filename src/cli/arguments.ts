/** Parses `commande --option valeur --drapeau positionnel` with repeatable options. */
export interface ArgumentsAnalyses {
  commande: string | null;
  positionnels: string[];
  options: Map<string, string[]>;
  drapeaux: Set<string>;
}

const DRAPEAUX_CONNUS = new Set(["help", "aide", "forcer"]);

export function analyserArguments(argv: string[]): ArgumentsAnalyses {
  const resultat: ArgumentsAnalyses = { commande: null, positionnels: [], options: new Map(), drapeaux: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === "-h") {
      resultat.drapeaux.add("help");
    } else if (argument.startsWith("--")) {
      const [nom, valeurJointe] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (valeurJointe !== undefined) {
        ajouter(resultat.options, nom, valeurJointe);
      } else if (DRAPEAUX_CONNUS.has(nom) || i + 1 >= argv.length || (argv[i + 1] as string).startsWith("--")) {
        resultat.drapeaux.add(nom);
      } else {
        ajouter(resultat.options, nom, argv[++i] as string);
      }
    } else if (resultat.commande === null) {
      resultat.commande = argument;
    } else {
      resultat.positionnels.push(argument);
    }
  }
  return resultat;
}

function ajouter(options: Map<string, string[]>, nom: string, valeur: string) {
  options.set(nom, [...(options.get(nom) ?? []), valeur]);
}
