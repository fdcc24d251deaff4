import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { analyserArguments } from "@/cli/arguments";
import { trouverCommande } from "@/cli/commandes";
import { anciennesCommunes, communes, jeuxDeDonnees, populationsParAge } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import { rapportDImport } from "./import-ifn";
import { importerPopulationParAge, NATURE_POPULATION_AGE } from "./import-population-age";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T09:00:00Z");

function fichier(contenu: string, nom = "population.csv"): SourceDeFichier {
  return { nom, octets: (async function* () { yield new TextEncoder().encode(contenu); })() };
}

async function classes(connexion: Connexion, jeu: string, code: string) {
  const lignes = await connexion.db
    .select({ ageMin: populationsParAge.ageMin, ageMax: populationsParAge.ageMax, population: populationsParAge.population })
    .from(populationsParAge)
    .where(and(eq(populationsParAge.jeuDeDonneesId, jeu), eq(populationsParAge.codeDepartement, code)))
    .orderBy(populationsParAge.ageMin);
  return lignes.map((l) => [l.ageMin, l.ageMax, l.population]);
}

async function importer(connexion: Connexion, contenu: string, nom?: string) {
  const r = await importerPopulationParAge({ connexion, source: fichier(contenu, nom), maintenant });
  if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
  return r.valeur;
}

describe("import de la population par âge (insee-population-age)", () => {
  it("le modèle documenté s'importe tel quel ; le jeu est daté de l'année du fichier et garde sa source", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const source = await ouvrirSource(join(process.cwd(), "docs/modeles/population-par-age.csv"));
      if (!source.ok) throw new Error(source.erreur.code);
      const r = await importerPopulationParAge({ connexion, source: source.source, maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ lignesLues: 3, acceptees: 3, rejetees: 0, enregistrees: 3, sansDonnees: 99 });
      const jeu = r.valeur.jeu as string;
      expect(await classes(connexion, jeu, "58")).toEqual([
        [0, 59, 140000],
        [60, null, 62000],
      ]);
      expect(await classes(connexion, jeu, "2A")).toEqual([[0, null, 160000]]);
      const [j] = await connexion.db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, jeu));
      expect(j).toMatchObject({ nature: NATURE_POPULATION_AGE, provenance: "import", source: "Exemple fictif — remplacez par les chiffres de l'INSEE 2021" });
      expect(j?.dateMiseAJour.toISOString()).toBe("2021-01-01T00:00:00.000Z");
    });
  });

  it("modèle : rejette chaque ligne fautive avec sa raison en français et garde les autres", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const b = await importer(
        connexion,
        [
          "code_departement;age_min;age_max;population;annee",
          "58;0;59;140000;2021", // 2 kept
          "99;0;;1000;2021", // 3 unknown département
          "89;abc;10;1000;2021", // 4 bad age
          "89;30;20;1000;2021", // 5 max < min
          "89;0;;-5;2021", // 6 negative
          "58;50;70;1000;2021", // 7 overlaps 0-59
          "89;0;;12;21", // 8 bad year
          "1;0;;5000;", // 9 kept, "1" read as 01
        ].join("\n"),
      );
      expect(b).toMatchObject({ lignesLues: 8, acceptees: 2, rejetees: 6, enregistrees: 2 });
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(rapport.map((l) => `${l.ligne}:${l.champ}`)).toEqual(["3:code_departement", "4:age_min", "5:age_max", "6:population", "7:age_min", "8:annee"]);
      expect(rapport.find((l) => l.ligne === 6)?.raison).toBe("Une population ne peut pas être négative.");
      expect(rapport.find((l) => l.ligne === 7)?.raison).toBe("Cette classe d'âge chevauche la classe « 0 à 59 ans » de ce département (ligne 2) : la première est gardée.");
      expect(await classes(connexion, b.jeu as string, "01")).toEqual([[0, null, 5000]]);
    });
  });

  it("tableau INSEE par âge détaillé (AGED100, ';') : communes, anciennes communes et arrondissements ramenés au département, sexes additionnés, effectifs décimaux arrondis une fois sommés", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      // A former commune of the Nièvre, whatever the vintage of the reference.
      const [ancienne] = await connexion.db
        .select({ code: anciennesCommunes.code })
        .from(anciennesCommunes)
        .innerJoin(communes, eq(communes.code, anciennesCommunes.codeCommune))
        .where(eq(communes.codeDepartement, "58"))
        .limit(1);
      expect(ancienne).toBeDefined();
      const contenu = [
        "CODGEO;SEXE;AGED100;NB",
        "58194;1;000;0,4", // 2 Nevers
        "58194;2;000;0,4", // 3
        `${ancienne?.code};1;000;0,4`, // 4 former commune → 58
        "58194;1;100;3,5", // 5 open class
        "58194;2;099;10", // 6
        "75101;1;030;100", // 7 arrondissement → Paris, 75
        "75102;2;030;50,5", // 8
        "75056;1;030;1000", // 9 Paris itself after its arrondissements: not counted twice
        "99999;1;030;5", // 10 unknown commune
        "58194;1;101;5", // 11 bad age
        "58194;T;030;5", // 12 a total line
        "58194;1;030;-2", // 13 negative
        "58194;1;030;abc", // 14 not a number
      ].join("\r\n");
      const b = await importer(connexion, contenu, "TD_POP1B_2021.csv");
      expect(b).toMatchObject({ lignesLues: 13, acceptees: 7, rejetees: 6 });
      const jeu = b.jeu as string;
      // 0.4 + 0.4 + 0.4 = 1.2 → 1 (rounding each line would give 0).
      expect(await classes(connexion, jeu, "58")).toEqual([
        [0, 0, 1],
        [99, 99, 10],
        [100, null, 4],
      ]);
      expect(await classes(connexion, jeu, "75")).toEqual([[30, 30, 151]]);
      const rapport = await rapportDImport(connexion.db, jeu);
      expect(rapport.map((l) => `${l.ligne}:${l.champ}`)).toEqual(["9:CODGEO", "10:CODGEO", "11:AGED100", "12:SEXE", "13:NB", "14:NB"]);
      expect(rapport[0]?.raison).toBe("La commune 75056 est déjà décrite par ses arrondissements plus haut : ligne ignorée pour ne pas la compter deux fois.");
      expect(rapport[1]?.raison).toBe("Code de commune inconnu (ni commune actuelle, ni arrondissement, ni ancienne commune).");
      // The year comes from the file's name when no column gives it.
      const [j] = await connexion.db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, jeu));
      expect(j).toMatchObject({ source: "INSEE, recensement de la population 2021" });
      expect(j?.dateMiseAJour.toISOString()).toBe("2021-01-01T00:00:00.000Z");
    });
  });

  it("tableau INSEE par classes quinquennales (AGEQ80_17, ',') au niveau département, avec NIVGEO et ANNEE", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const b = await importer(
        connexion,
        [
          "NIVGEO,CODGEO,AGEQ80_17,SEXE,NB,ANNEE",
          "DEP,58,00,1,1000.2,2022",
          "DEP,58,00,2,999.9,2022",
          "DEP,58,15,1,500,2022",
          "DEP,58,80,2,300,2022",
          "DEP,58,17,1,10,2022", // not a 5-year class
          "REG,27,00,1,10,2022", // a région: not taken
          "COM,58194,00,1,10,2022", // the Nièvre is described by its département line already
          "DEP,2A,80,1,42,2022",
        ].join("\n"),
      );
      expect(b).toMatchObject({ lignesLues: 8, acceptees: 5, rejetees: 3, enregistrees: 4, sansDonnees: 99 });
      expect(await classes(connexion, b.jeu as string, "58")).toEqual([
        [0, 4, 2000],
        [15, 19, 500],
        [80, null, 300],
      ]);
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(rapport.map((l) => `${l.ligne}:${l.champ}`)).toEqual(["6:AGEQ80_17", "7:NIVGEO", "8:CODGEO"]);
      const [j] = await connexion.db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, b.jeu as string));
      expect(j?.dateMiseAJour.toISOString()).toBe("2022-01-01T00:00:00.000Z");
    });
  });

  it("est idempotent, ne garde qu'un jeu actif, remplace la démonstration ; refuse un fichier sans les colonnes attendues", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const [demo] = await connexion.db
        .insert(jeuxDeDonnees)
        .values({ nature: NATURE_POPULATION_AGE, provenance: "demonstration", source: "Données de démonstration — fictives", dateMiseAJour: maintenant, chargeLe: maintenant })
        .returning({ id: jeuxDeDonnees.id });
      await connexion.db.insert(populationsParAge).values({ jeuDeDonneesId: (demo as { id: string }).id, codeDepartement: "58", ageMin: 0, ageMax: null, population: 1, provenance: "demonstration" });
      const contenu = "code_departement,age_min,age_max,population,annee\n58,0,,200000,2021\n";
      const premier = await importer(connexion, contenu);
      const second = await importer(connexion, contenu);
      expect(second).toMatchObject({ inchange: true, jeu: premier.jeu });
      const autre = await importer(connexion, "code_departement,age_min,age_max,population,annee\n58,0,,201000,2021\n");
      const jeux = await connexion.db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.nature, NATURE_POPULATION_AGE));
      expect(jeux.map((j) => [j.id, j.provenance, j.etat])).toEqual([[autre.jeu, "import", "actif"]]);
      expect(await connexion.db.select().from(populationsParAge)).toHaveLength(1);
      const mauvais = await importerPopulationParAge({ connexion, source: fichier("departement,age,nombre\n58,0,4\n"), maintenant });
      expect(!mauvais.ok && mauvais.details?.detail).toBe("colonnes manquantes : code_departement, age_min, age_max, population");
      const insee = await importerPopulationParAge({ connexion, source: fichier("CODGEO;SEXE;AGEQ65;NB\n58194;1;0;4\n"), maintenant });
      expect(!insee.ok && insee.details?.detail).toBe("colonnes manquantes : AGED100 ou AGEQ80_17");
    });
  });

  it("la ligne de commande importe cette nature et « statut » la montre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const dossier = mkdtempSync(join(tmpdir(), "efne-population-age-"));
      const chemin = join(dossier, "population.csv");
      writeFileSync(chemin, "CODGEO;AGEQ80_17;NB\n58194;00;12\n58194;80;3\n");
      const lignes: string[] = [];
      const sortie = { ligne: (t: string) => lignes.push(t), erreur: (t: string) => lignes.push(`ERREUR ${t}`) };
      const importer = trouverCommande("donnees:importer");
      const code = await importer?.executer({ connexion, arguments: analyserArguments(["donnees:importer", "insee-population-age", chemin]), sortie, maintenant: () => maintenant });
      expect(code).toBe(0);
      expect(lignes.join("\n")).toContain("Population par âge : 2 lignes lues, 2 acceptées, 0 rejetées ; 2 classes d'âge enregistrées pour 1 département.");
      lignes.length = 0;
      await trouverCommande("statut")?.executer({ connexion, arguments: analyserArguments(["statut"]), sortie, maintenant: () => maintenant });
      expect(lignes.join("\n")).toMatch(/Population par âge des départements \(INSEE\) : population\.csv, importé le .* — 2 lignes acceptées/);
      expect(lignes.join("\n")).toContain("Taux nationaux du diagnostic des publics : 0");
    });
  });
});
