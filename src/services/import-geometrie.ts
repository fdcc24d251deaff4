import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Connexion, Executeur } from "@/db/client";
import { anciennesCommunes, communes, departements, epci, geometries } from "@/db/schema";
import {
  assemblerFormes,
  codeEtNom,
  libelleNiveau,
  lireDocumentGeometrie,
  niveauDuDocument,
  reunirFormes,
  type DocumentGeometrie,
  type FormeAssemblee,
  type NiveauGeometrie,
  type Resolution,
} from "@/domain/donnees/geometrie";
import { choisirEncodage } from "@/domain/import/csv";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { ouvrirSource } from "@/integrations/fichiers/source";
import { bilanSiInchange, ecrireJeu, insererParLots, lignesRejetees, type BilanImport, type LigneDeRapport, bilanDImport } from "./import-commun";
import type { Progression } from "./territoires";

/*
 * Import of map shapes (départements, EPCI or communes) from a TopoJSON or GeoJSON file, or from a
 * folder of such files (one per département, say) read one after the other as a single import.
 * Each file is read whole (a few MB at most; one at a time, so memory stays bounded), every
 * feature checked and its code brought to a territory of the reference; shapes of one territory
 * are dissolved into one. The rows go into a data set "en chargement" that then replaces the
 * previous set of its level; the same files again (same SHA-256) change nothing.
 */

export const NATURES_GEOMETRIE = { departements: "geometrie-departements", epci: "geometrie-epci", communes: "geometrie-communes" } as const;
export type { NiveauGeometrie };

export type ErreurImportGeometrie = "enteteInvalide" | "fichierVide" | "territoiresAbsents" | "fichierIntrouvable" | "niveauInconnu" | "telechargementImpossible";

/** A file larger than this is refused (the national files are about 1 MB). */
export const TAILLE_MAX_FICHIER = 200 * 1024 * 1024;
const PAS_DE_PROGRESSION = 5000;

interface Fichier {
  nom: string;
  lire: () => Promise<Uint8Array>;
}

type Echec = { ok: false; erreur: ErreurImportGeometrie; details?: Record<string, unknown> };
const refus = (erreur: ErreurImportGeometrie, detail: string): Echec => echec(erreur, { detail });

export async function importerGeometrie(p: {
  connexion: Connexion;
  /** A file, a folder of *.json files, or an http(s) URL. */
  chemin: string;
  niveau?: NiveauGeometrie;
  maintenant: Date;
  progression?: Progression;
  /** Import even when the same files are already the active set. */
  forcer?: boolean;
}): Promise<Resultat<BilanImport, ErreurImportGeometrie>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);

  const [unDepartement] = await db.select({ code: departements.code }).from(departements).limit(1);
  if (!unDepartement) return refus("territoiresAbsents", "Le référentiel des territoires n'est pas chargé : lancez d'abord l'import des territoires.");

  const source = await fichiersDe(p.chemin);
  if (!source.ok) return source;
  const { fichiers, nom: nomSource } = source.valeur;
  if (fichiers.length > 1) progression(`${fichiers.length.toLocaleString("fr-FR")} fichiers à lire dans ${nomSource}.`);

  // First pass: every file hashed, read and counted; the level found. Nothing is kept but counts.
  const empreinte = createHash("sha256");
  let niveau: NiveauGeometrie | null = p.niveau ?? null;
  let lignesLues = 0;
  for (const f of fichiers) {
    const lu = await lireFichier(f, niveau ?? undefined, fichiers.length > 1);
    if (!lu.ok) return lu;
    empreinte.update(lu.octets);
    lignesLues += lu.document.entites.length;
    const detecte = niveauDuDocument(lu.document);
    if (niveau !== null && detecte !== null && detecte !== niveau) {
      return refus(
        "niveauInconnu",
        p.niveau
          ? `${prefixe(f, fichiers.length > 1)}les codes de ce fichier sont ceux ${libelleNiveau(detecte)}, pas ${libelleNiveau(p.niveau)} : vérifiez --niveau ${p.niveau} (ou ne le précisez pas).`
          : `${prefixe(f, true)}les codes de ce fichier sont ceux ${libelleNiveau(detecte)}, alors que les fichiers précédents du dossier sont ceux ${libelleNiveau(niveau)} : un dossier ne mêle pas les niveaux.`,
      );
    }
    if (niveau === null) {
      if (!detecte) {
        return refus(
          "niveauInconnu",
          `${prefixe(f, fichiers.length > 1)}niveau introuvable : les codes lus (${exemplesDeCodes(lu.document)}) ne ressemblent ni à des départements (58, 2A, 971), ni à des EPCI (SIREN de 9 chiffres), ni à des communes (5 caractères). Précisez --niveau departements, epci ou communes.`,
        );
      }
      niveau = detecte;
    }
  }
  if (niveau === null) return refus("niveauInconnu", "Niveau introuvable : précisez --niveau departements, epci ou communes.");
  const niveauLu: NiveauGeometrie = niveau;
  const nature = NATURES_GEOMETRIE[niveauLu];
  const hash = empreinte.digest("hex");

  const inchange = p.forcer ? null : await bilanSiInchange({ db, nature, empreinte: hash, fichier: nomSource, lignesLues, progression });
  if (inchange) return succes(inchange);

  // Second pass: the shapes, file by file, merged by territory.
  const reference = await referentiel(db, niveauLu);
  const rapports: LigneDeRapport[] = [];
  const formes = new Map<string, FormeAssemblee & { fichiers: string[] }>();
  let premiereLigne = 1;
  let palier = 0;
  const relu = createHash("sha256");
  for (const f of fichiers) {
    const lu = await lireFichier(f, niveauLu, fichiers.length > 1);
    if (!lu.ok) return lu;
    relu.update(lu.octets);
    const { formes: duFichier, problemes } = assemblerFormes(lu.document, { niveau: niveauLu, resoudre: reference.resoudre, premiereLigne });
    for (const pb of problemes) rapports.push(pb);
    for (const forme of duFichier) {
      const deja = formes.get(forme.code);
      if (!deja) {
        formes.set(forme.code, { ...forme, fichiers: [f.nom] });
        continue;
      }
      rapports.push({
        nature: "correction",
        ligne: forme.lignes[0] as number,
        champ: "code",
        valeur: forme.code,
        raison: `Territoire déjà présent dans ${deja.fichiers.slice(0, 3).join(", ")} (ligne ${deja.lignes[0]}) : contours des fichiers juxtaposés.`,
      });
      formes.set(forme.code, { ...reunirFormes(deja, forme), fichiers: [...deja.fichiers, f.nom] });
    }
    premiereLigne += lu.document.entites.length;
    const lues = premiereLigne - 1;
    if (Math.floor(lues / PAS_DE_PROGRESSION) > palier) {
      palier = Math.floor(lues / PAS_DE_PROGRESSION);
      progression(`${lues.toLocaleString("fr-FR")} formes lues…`);
    }
  }
  if (relu.digest("hex") !== hash) return refus("enteteInvalide", `${nomSource} a changé pendant l'import : relancez-le une fois le fichier complet.`);
  if (formes.size === 0) {
    const raisons = [...new Set(rapports.filter((r) => r.nature === "rejet").map((r) => r.raison))].slice(0, 3);
    return refus("fichierVide", `Aucune forme utilisable dans ${nomSource}${raisons.length ? ` : ${raisons.join(" ; ")}` : "."}`);
  }

  const rejetees = lignesRejetees(rapports);
  const lignesRejeteesSet = new Set(rapports.filter((r) => r.nature === "rejet").map((r) => r.ligne));
  const corrigees = new Set(rapports.filter((r) => r.nature === "correction" && !lignesRejeteesSet.has(r.ligne)).map((r) => r.ligne)).size;
  const acceptees = lignesLues - rejetees;
  const lignes = [...formes.values()];
  const jeu = await ecrireJeu({
    db,
    nature,
    source: `Contours ${libelleNiveau(niveauLu)} importés (TopoJSON ou GeoJSON)`,
    fichier: nomSource,
    empreinte: hash,
    maintenant: p.maintenant,
    comptes: { acceptees, corrigees, rejetees },
    rapports,
    remplir: (jeuId) =>
      insererParLots(lignes, (lot) => db.insert(geometries).values(lot.map((f) => ({ jeuDeDonneesId: jeuId, niveau: niveauLu, code: f.code, nom: f.nom, anneaux: f.anneaux, boite: f.boite })))),
  });
  const sansDonnees = [...reference.attendus].filter((c) => !formes.has(c)).length;
  const bilan = bilanDImport({ jeu, fichier: nomSource, lignesLues, acceptees, corrigees, rejetees, enregistrees: lignes.length, sansDonnees, rapports });
  const n = (x: number) => x.toLocaleString("fr-FR");
  progression(
    `Contours ${libelleNiveau(niveauLu)} : ${n(lignesLues)} formes lues, ${n(acceptees)} acceptées (dont ${n(corrigees)} corrigées), ${n(rejetees)} rejetées ; ${n(lignes.length)} territoires avec un contour, ${n(sansDonnees)} sans${niveauLu === "epci" ? "" : " (hors collectivités d'outre-mer)"}.`,
  );
  return succes(bilan);
}

const prefixe = (f: Fichier, plusieurs: boolean) => (plusieurs ? `${f.nom} : ` : "");

/** A few codes of the file, for a refusal that cannot tell the level. */
function exemplesDeCodes(document: DocumentGeometrie): string {
  const codes = document.entites
    .map((e) => codeEtNom(e).code)
    .filter((c) => typeof c === "string" || typeof c === "number")
    .map((c) => String(c).slice(0, 20));
  return codes.length ? [...new Set(codes)].slice(0, 3).map((c) => `« ${c} »`).join(", ") : "aucune propriété code, code_insee, INSEE_COM, siren… trouvée";
}

/** Reads one file whole and its document; a refusal names the file when the import has several. */
async function lireFichier(f: Fichier, niveau: NiveauGeometrie | undefined, plusieurs: boolean): Promise<{ ok: true; octets: Uint8Array; document: DocumentGeometrie } | Echec> {
  let octets: Uint8Array;
  try {
    octets = await f.lire();
  } catch (e) {
    return refus("fichierIntrouvable", `Lecture impossible de ${f.nom} : ${e instanceof Error ? e.message : String(e)}`);
  }
  if (octets.byteLength > TAILLE_MAX_FICHIER) return refus("enteteInvalide", trop(f.nom));
  const texte = new TextDecoder(choisirEncodage(octets.subarray(0, 65_536))).decode(octets);
  const lu = lireDocumentGeometrie(texte, { niveau });
  if (!lu.ok) return refus(lu.erreur, `${prefixe(f, plusieurs)}${lu.raison}`);
  return { ok: true, octets, document: lu.document };
}

/** The files of the import: a URL (downloaded once), a file, or the *.json files of a folder by name. */
async function fichiersDe(chemin: string): Promise<{ ok: true; valeur: { nom: string; fichiers: Fichier[] } } | Echec> {
  if (/^https?:\/\//i.test(chemin)) {
    const o = await ouvrirSource(chemin);
    if (!o.ok) return refus(o.erreur.code, `Téléchargement impossible de ${chemin} : ${o.erreur.detail}`);
    const morceaux: Uint8Array[] = [];
    let taille = 0;
    try {
      for await (const m of o.source.octets) {
        taille += m.byteLength;
        if (taille > TAILLE_MAX_FICHIER) return refus("enteteInvalide", trop(o.source.nom));
        morceaux.push(m);
      }
    } catch (e) {
      return refus("telechargementImpossible", `Téléchargement interrompu de ${chemin} : ${e instanceof Error ? e.message : String(e)}`);
    }
    const octets = Buffer.concat(morceaux);
    return { ok: true, valeur: { nom: o.source.nom, fichiers: [{ nom: o.source.nom, lire: async () => octets }] } };
  }
  const absolu = resolve(chemin);
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(absolu);
  } catch {
    return refus("fichierIntrouvable", `Fichier ou dossier introuvable : ${absolu}`);
  }
  const fichier = (c: string): Fichier => ({ nom: basename(c), lire: () => readFile(c) });
  if (info.isFile()) {
    if (info.size > TAILLE_MAX_FICHIER) return refus("enteteInvalide", trop(basename(absolu)));
    return { ok: true, valeur: { nom: basename(absolu), fichiers: [fichier(absolu)] } };
  }
  if (!info.isDirectory()) return refus("fichierIntrouvable", `Ni un fichier ni un dossier : ${absolu}`);
  let noms: string[];
  try {
    noms = readdirSync(absolu)
      .filter((n) => n.toLowerCase().endsWith(".json"))
      .sort()
      .filter((n) => statSync(join(absolu, n), { throwIfNoEntry: false })?.isFile() ?? false);
  } catch (e) {
    return refus("fichierIntrouvable", `Dossier illisible : ${absolu} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (noms.length === 0) return refus("fichierVide", `Aucun fichier .json dans le dossier ${absolu}.`);
  return { ok: true, valeur: { nom: `${basename(absolu)}/ (${noms.length} fichier${noms.length > 1 ? "s" : ""})`, fichiers: noms.map((n) => fichier(join(absolu, n))) } };
}

const trop = (nom: string) => `${nom} dépasse ${TAILLE_MAX_FICHIER / 1024 / 1024} Mo : découpez-le (un fichier par département, dans un dossier).`;

/**
 * The reference territories of the level: how a code of a file leads to one of them, and those a
 * complete file is expected to cover (départements and communes outside the collectivités
 * d'outre-mer, EPCI à fiscalité propre without the EPT).
 */
async function referentiel(db: Executeur, niveau: NiveauGeometrie): Promise<{ attendus: Set<string>; resoudre: (code: string) => Resolution }> {
  const deps = await db.select({ code: departements.code, nom: departements.nom, com: departements.collectiviteOutreMer }).from(departements);
  if (niveau === "departements") {
    const noms = new Map(deps.map((d) => [d.code, d.nom]));
    return {
      attendus: new Set(deps.filter((d) => !d.com).map((d) => d.code)),
      resoudre: (code) => (noms.has(code) ? { code, nom: noms.get(code) ?? null, via: null } : null),
    };
  }
  if (niveau === "epci") {
    const lignes = await db.select({ code: epci.code, nom: epci.nom, nature: epci.nature }).from(epci);
    const noms = new Map(lignes.map((e) => [e.code, e.nom]));
    return {
      attendus: new Set(lignes.filter((e) => e.nature !== "EPT").map((e) => e.code)),
      resoudre: (code) => (noms.has(code) ? { code, nom: noms.get(code) ?? null, via: null } : null),
    };
  }
  const outreMer = new Set(deps.filter((d) => d.com).map((d) => d.code));
  const lignes = await db.select({ code: communes.code, nom: communes.nom, type: communes.type, departement: communes.codeDepartement, parent: communes.codeCommuneParente }).from(communes);
  const actuelles = new Map(lignes.filter((l) => l.type === "commune-actuelle").map((l) => [l.code, l]));
  const arrondissements = new Map(lignes.filter((l) => l.type === "arrondissement-municipal").map((l) => [l.code, l.parent]));
  const anciennes = new Map((await db.select({ code: anciennesCommunes.code, commune: anciennesCommunes.codeCommune }).from(anciennesCommunes)).map((a) => [a.code, a.commune]));
  return {
    attendus: new Set([...actuelles.values()].filter((c) => !outreMer.has(c.departement)).map((c) => c.code)),
    resoudre(code) {
      const actuelle = actuelles.get(code);
      if (actuelle) return { code, nom: actuelle.nom, via: null };
      const parent = arrondissements.get(code);
      const commune = parent ? actuelles.get(parent) : undefined;
      if (commune) return { code: commune.code, nom: commune.nom, via: `Arrondissement municipal : contour réuni à celui de ${commune.nom} (${commune.code}).` };
      const successeur = anciennes.get(code);
      const nouvelle = successeur ? actuelles.get(successeur) : undefined;
      if (nouvelle) return { code: nouvelle.code, nom: nouvelle.nom, via: `Ancienne commune : contour réuni à celui de ${nouvelle.nom} (${nouvelle.code}).` };
      return null;
    },
  };
}
