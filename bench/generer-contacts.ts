/*
 * Fills an embedded database directory with generated contact lines (bench/lib/generateur-contacts.ts):
 *
 *   npx tsx --tsconfig tsconfig.json bench/generer-contacts.ts <pgliteDir> <n> [seed] [--mesurer-lots]
 *
 * The application must NOT be running on that directory: the directory is opened directly, under its
 * lock file (src/db/verrou.ts, role "ligne-de-commande"), so an application holding it makes this
 * command stop with a message, and the application cannot start while it runs. The directory must
 * hold a database the application has started on once (migrations and territories); pending
 * migrations are applied first, as the command line does.
 *
 * Prints progress on stderr and, on stdout, one line `RESULTAT {json}`: what was generated and the
 * number of lines the national export then holds. With --mesurer-lots, the national keyset read of
 * the exports (lignesDeContacts, batches of 1,000) is timed afterwards, batch by batch.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ouvrirPglite } from "@/db/client";
import { migrer } from "@/db/migrer";
import { DossierVerrouille, lireVerrou, verrouActif } from "@/db/verrou";
import { lignesDeContacts, type Territoire } from "@/services/espace-prefecture";
import { compterLignesNationales, departementsDuPerimetre, genererContacts } from "./lib/generateur-contacts";

const USAGE = "Usage : tsx --tsconfig tsconfig.json bench/generer-contacts.ts <dossierPglite> <nombre> [graine] [--mesurer-lots]";

function entier(texte: string | undefined, quoi: string, defaut?: number): number {
  if (texte === undefined && defaut !== undefined) return defaut;
  const valeur = Number(texte);
  if (texte === undefined || !/^\d+$/.test(texte) || !Number.isSafeInteger(valeur)) throw new Error(`${quoi} : un entier positif est attendu (reçu « ${texte ?? ""} »).\n${USAGE}`);
  return valeur;
}

/** Times every batch of the national keyset read, as the CSV and XLSX exports do it. */
async function mesurerLots(db: Parameters<typeof lignesDeContacts>[0], codes: string[]) {
  const territoire: Territoire = { type: "national", code: null, nom: "France", departements: codes };
  const durees: number[] = [];
  let lignes = 0;
  let debut = performance.now();
  for await (const lot of lignesDeContacts(db, territoire)) {
    durees.push(performance.now() - debut);
    lignes += lot.length;
    debut = performance.now();
  }
  const tri = [...durees].sort((a, b) => a - b);
  const dixieme = Math.max(1, Math.floor(durees.length / 10));
  const moyenne = (liste: number[]) => (liste.length ? liste.reduce((s, d) => s + d, 0) / liste.length : 0);
  return {
    lignes,
    lots: durees.length,
    totalMs: durees.reduce((s, d) => s + d, 0),
    premierMs: durees[0] ?? 0,
    medianeMs: tri[Math.floor(tri.length / 2)] ?? 0,
    maxMs: tri[tri.length - 1] ?? 0,
    premierDixiemeMs: moyenne(durees.slice(0, dixieme)),
    dernierDixiemeMs: moyenne(durees.slice(-dixieme)),
  };
}

async function principal(argv: string[]): Promise<number> {
  const mesurer = argv.includes("--mesurer-lots");
  const [dossierBrut, nombreBrut, graineBrute, ...reste] = argv.filter((a) => a !== "--mesurer-lots");
  if (!dossierBrut || reste.length > 0) throw new Error(USAGE);
  const dossier = resolve(dossierBrut);
  const nombre = entier(nombreBrut, "nombre");
  const graine = entier(graineBrute, "graine", 1);
  // src/db/migrer.ts finds the migrations from the working directory: the repository's root.
  process.chdir(fileURLToPath(new URL("..", import.meta.url)));

  const detenteur = lireVerrou(dossier);
  if (detenteur && verrouActif(detenteur)) {
    console.error(`La base embarquée ${dossier} est ouverte par un autre processus (pid ${detenteur.pid}, ${detenteur.role}) : arrêter l'application avant de générer des contacts.`);
    return 1;
  }
  let connexion;
  try {
    connexion = await ouvrirPglite({ dossier, role: "ligne-de-commande" });
  } catch (erreur) {
    if (erreur instanceof DossierVerrouille) {
      console.error(erreur.message);
      return 1;
    }
    throw erreur;
  }
  // Ctrl-C: the batch under way commits, then the database is closed properly (never left half-written).
  const arret = new AbortController();
  const surSignal = () => {
    console.error("Interruption : arrêt après le lot en cours…");
    arret.abort();
  };
  process.once("SIGINT", surSignal);
  process.once("SIGTERM", surSignal);
  try {
    await migrer(connexion);
    const codes = await departementsDuPerimetre(connexion.db);
    const avant = await compterLignesNationales(connexion.db);
    console.error(`${dossier} : ${codes.length} départements, ${avant} lignes de contacts avant ; génération de ${nombre} lignes (graine ${graine})…`);
    let dernierPalier = 0;
    const bilan = await genererContacts(connexion.db, {
      nombre,
      graine,
      signal: arret.signal,
      progression: (lignes) => {
        if (lignes - dernierPalier >= 10_000 || lignes === nombre) {
          dernierPalier = lignes;
          console.error(`  ${lignes} / ${nombre} lignes`);
        }
      },
    });
    const apres = await compterLignesNationales(connexion.db);
    console.error(`${bilan.lignes} lignes, ${bilan.formulaires} formulaires, ${bilan.candidats} candidats en ${(bilan.dureeMs / 1000).toFixed(1)} s ; l'export national compte ${apres} lignes.`);
    const lots = mesurer && bilan.complet ? await mesurerLots(connexion.db, codes) : null;
    if (lots) console.error(`Lecture par lots de l'export national : ${lots.lots} lots en ${(lots.totalMs / 1000).toFixed(2)} s (premier dixième ${lots.premierDixiemeMs.toFixed(1)} ms par lot, dernier ${lots.dernierDixiemeMs.toFixed(1)} ms).`);
    console.log(`RESULTAT ${JSON.stringify({ ...bilan, lignesAvant: avant, lignesNationales: apres, lectureParLots: lots })}`);
    return bilan.complet ? 0 : 130;
  } finally {
    await connexion.fermer();
  }
}

principal(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (erreur: unknown) => {
    console.error(erreur instanceof Error ? erreur.message : String(erreur));
    process.exit(1);
  },
);
