import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jeuxDeDonnees, lieuxInclusionNumerique } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import { chargerDemonstration } from "./demonstration";
import { rapportDImport } from "./import-ifn";
import { importerLieux, listerDoublons } from "./import-lieux";

const base = utiliserBaseDeTest();
/** In CI the real files must be there: a missing file fails instead of skipping. */
const EXIGER = process.env.CI === "true";
const maintenant = new Date("2026-11-29T09:00:00Z");
const EXEMPLE_DU_STANDARD = join(resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data")), "lieux/exemple-valide.csv");
/** 687 real places of the Hinaura hub (2021-2022, schema v0.1), Licence Ouverte 2.0, shipped by the national cartography's npm package. */
const CARTOGRAPHIE_NATIONALE = join(process.cwd(), "node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json");

function fichier(nom: string, contenu: string): SourceDeFichier {
  return { nom, octets: (async function* () { yield new TextEncoder().encode(contenu); })() };
}

const ENTETE_V1 = "id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,typologie,telephone,courriels,source,date_maj,services,dispositif_programmes_nationaux,autres_formations_labels\n";
const CSV_V1 =
  ENTETE_V1 +
  'mdn-1,21580194800015,Médiathèque Jean Jaurès,Nevers,58000,58194,1 rue de la Préfecture,46.9896,3.159,BIB,03 86 00 00 00,accueil@mediatheque.example,Hub Bourgogne,2024-06-01,"Aide aux démarches administratives|Accès internet et matériel informatique",Conseillers numériques|France Services,QPV\n' +
  ",,Sans identifiant,Nevers,58000,58194,rue,,,,,,Hub Bourgogne,2024-06-01,,,\n" +
  "mdn-3,,Centre social,Paris,75007,75107,8 rue Cler,48.856,2.305,CS,,,Hub Bourgogne,2024-06-02,,Aidants Connect,\n" +
  "mdn-1,,Doublon d'identifiant,Nevers,58000,58194,rue,,,,,,Hub Bourgogne,2024-06-01,,,\n" +
  "mdn-5,,Lieu perdu,Nulle part,00000,99999,rue,,,,,,Hub Bourgogne,2024-06-01,,,\n" +
  "mdn-6,,Espace France Services,Cosne-Cours-sur-Loire,58200,,place de l'Hôtel de ville,,,RFS,,,Hub Bourgogne,2024-07-01,,France Services,FRR\n";

const DATA_INCLUSION = JSON.stringify([
  {
    id: "di-1",
    nom: "Mediatheque Jean-Jaures",
    siret: "21580194800015",
    typologie: "BIB",
    commune: "Nevers",
    code_postal: "58000",
    code_insee: "58194",
    adresse: "1, rue de la Préfecture",
    latitude: 46.98962,
    longitude: 3.15901,
    source: "dora",
    date_maj: "2024-09-01",
    labels_nationaux: ["aidants-connect", "mobin"],
    thematiques: ["numerique--prendre-en-main-un-ordinateur", "logement-hebergement"],
  },
  { id: "di-2", nom: "Mission locale", typologie: "ML", commune: "Nevers", code_postal: "58000", adresse: "3 rue Mirangron", source: "dora", date_maj: "2024-09-01" },
]);

describe("import des lieux d'inclusion numérique", () => {
  it("CSV v1 : chaque ligne gardée, corrigée ou rejetée avec sa raison ; communes retrouvées ; catégories ; réimport sans effet", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.csv", CSV_V1), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ format: "csv", version: "v1", lignesLues: 6, acceptees: 3, rejetees: 3, enregistrees: 3 });
      const rapport = await rapportDImport(connexion.db, r.valeur.jeu as string);
      const rejets = rapport.filter((l) => l.nature === "rejet").map((l) => `${l.ligne}:${l.champ}`);
      expect(rejets).toEqual(["3:id", "5:id", "6:code_insee"]);
      const corrections = rapport.filter((l) => l.nature === "correction").map((l) => `${l.ligne}:${l.champ}:${l.raison}`);
      expect(corrections).toContain("2:telephone:Téléphone mis au format international : +33386000000.");
      expect(corrections.some((c) => c.startsWith("4:code_insee:Arrondissement rattaché à Paris"))).toBe(true);
      // Without an INSEE code, finding the commune by postal code and name is the normal way: not reported.
      expect(corrections.filter((c) => c.startsWith("7:"))).toEqual([]);

      const lieux = await connexion.db.select().from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.jeuDeDonneesId, r.valeur.jeu as string)).orderBy(lieuxInclusionNumerique.identifiantSource);
      expect(lieux.map((l) => [l.identifiantSource, l.codeCommune, l.categorie, l.qpv, l.frr])).toEqual([
        ["mdn-1", "58194", "public-commune", true, false],
        ["mdn-3", "75056", "association", false, false],
        ["mdn-6", "58086", "public-autre", false, true],
      ]);
      expect(lieux[0]?.champs).toMatchObject({ telephone: "+33386000000", services: ["Aide aux démarches administratives", "Accès internet et matériel informatique"] });

      const encore = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.csv", CSV_V1), maintenant });
      expect(encore.ok && encore.valeur.inchange).toBe(true);
      const [{ nombre } = { nombre: 0 }] = await connexion.db.$count(lieuxInclusionNumerique).then((n) => [{ nombre: n }]);
      expect(nombre).toBe(3);
    });
  });

  it("les lieux réels remplacent ceux de démonstration ; data·inclusion (JSON) s'ajoute et ses doublons sont fusionnés, sources gardées", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await chargerDemonstration({ connexion, maintenant });
      const demo = await connexion.db.$count(lieuxInclusionNumerique, eq(lieuxInclusionNumerique.provenance, "demonstration"));
      expect(demo).toBeGreaterThan(0);
      const lieux = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.csv", CSV_V1), maintenant });
      expect(lieux.ok).toBe(true);
      expect(await connexion.db.$count(lieuxInclusionNumerique, eq(lieuxInclusionNumerique.provenance, "demonstration"))).toBe(0);

      const di = await importerLieux({ connexion, nature: "data-inclusion", source: fichier("structures-inclusion.json", DATA_INCLUSION), maintenant });
      if (!di.ok) throw new Error(di.erreur);
      expect(di.valeur).toMatchObject({ format: "json", version: "data-inclusion", acceptees: 2, rejetees: 0, fusionnes: 1 });
      const [fusionne] = await connexion.db.select().from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.identifiantSource, "mdn-1"));
      const [representant] = await connexion.db.select().from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.identifiantSource, "di-1"));
      // The most recently updated description stands for the place; both sources are listed.
      expect(fusionne?.doublonDe).toBe(representant?.id);
      expect(fusionne?.scoreDoublon).toBeGreaterThan(83);
      expect(representant?.sourcesFusionnees).toEqual(["Hub Bourgogne", "dora"]);
      expect(representant?.dispositifs).toEqual(["Aidants Connect"]);
      expect(representant?.services).toEqual(["Maîtrise des outils numériques du quotidien"]);
      expect(representant?.champs).toMatchObject({ autres_formations_labels: ["mobin"] });
      expect(await connexion.db.$count(lieuxInclusionNumerique, isNull(lieuxInclusionNumerique.doublonDe))).toBe(4);
      const revue = await listerDoublons(connexion.db, { departement: "58" });
      expect(revue).toEqual([expect.objectContaining({ nom: "Médiathèque Jean Jaurès", nomRepresentant: "Mediatheque Jean-Jaures", source: "Hub Bourgogne", sourceRepresentant: "dora" })]);

      // Re-importing the first file with --forcer recomputes the same groups.
      const force = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.csv", CSV_V1), maintenant, forcer: true });
      expect(force.ok && force.valeur.fusionnes).toBe(1);
      expect(await connexion.db.$count(jeuxDeDonnees, and(eq(jeuxDeDonnees.nature, "lieux"), eq(jeuxDeDonnees.etat, "actif")))).toBe(1);
    });
  });

  it("JSON aux échappements que la base refuserait (NUL, demi-paire UTF-16) : le lieu est gardé, nettoyé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const json = '[{"id": "j\\u0000-1", "nom": "M\\u00e9dia\\u0000th\\u00e8que \\ud800", "commune": "Nevers", "code_postal": "58000", "adresse": "1 rue", "date_maj": "2024-01-01", "services": "Aide aux démarches administratives", "courriels": "a@b.fr"}]';
      const r = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.json", json), maintenant });
      expect(r.ok && r.valeur).toMatchObject({ acceptees: 1, version: "v1" });
      const [lieu] = await connexion.db.select().from(lieuxInclusionNumerique);
      expect(lieu).toMatchObject({ identifiantSource: "j-1", nom: "Médiathèque \uFFFD", codeCommune: "58194" });
    });
  });

  it("refuse en français ce qui n'est pas un fichier de lieux", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const sansColonnes = await importerLieux({ connexion, nature: "lieux", source: fichier("x.csv", "a,b\n1,2\n"), maintenant });
      expect(!sansColonnes.ok && sansColonnes.details?.detail).toBe("colonnes id et nom introuvables");
      const objet = await importerLieux({ connexion, nature: "lieux", source: fichier("x.json", '{"id": 1}'), maintenant });
      expect(objet.ok).toBe(false);
      const vide = await importerLieux({ connexion, nature: "lieux", source: fichier("x.csv", ""), maintenant });
      expect(!vide.ok && vide.erreur).toBe("fichierVide");
      const diEnCsv = await importerLieux({ connexion, nature: "data-inclusion", source: fichier("x.csv", ENTETE_V1), maintenant });
      expect(!diEnCsv.ok && diEnCsv.erreur).toBe("enteteInvalide");
    });
  });

  it.runIf(existsSync(EXEMPLE_DU_STANDARD) || EXIGER)("l'exemple valide du standard 1.0.2 est accepté tel quel", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const source = await ouvrirSource(EXEMPLE_DU_STANDARD);
      if (!source.ok) throw new Error(source.erreur.code);
      const r = await importerLieux({ connexion, nature: "lieux", source: source.source, maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ version: "v1", lignesLues: 1, acceptees: 1, rejetees: 0, corrigees: 0 });
      const [lieu] = await connexion.db.select().from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.jeuDeDonneesId, r.valeur.jeu as string));
      expect(lieu).toMatchObject({ nom: "Anonymal", codeCommune: "51454", categorie: "prive", typologies: ["TIERS_LIEUX", "ASSO"] });
      expect(lieu?.champs).toMatchObject({ formations_labels: ["Formé à « Mon Espace Santé »", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"], itinerance: ["Itinérant"] });
    });
  });

  it("les 687 lieux réels de la cartographie nationale (JSON, standard 0.1) sont convertis en 1.0, chaque rejet expliqué, et le réimport est sans effet", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const source = await ouvrirSource(CARTOGRAPHIE_NATIONALE);
      if (!source.ok) throw new Error(source.erreur.code);
      const r = await importerLieux({ connexion, nature: "lieux", source: source.source, maintenant });
      if (!r.ok) throw new Error(r.erreur);
      const b = r.valeur;
      expect(b).toMatchObject({ format: "json", version: "v0", lignesLues: 687 });
      expect(b.acceptees + b.rejetees).toBe(687);
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(new Set(rapport.filter((l) => l.nature === "rejet").map((l) => l.ligne)).size).toBe(b.rejetees);
      // Every place is found: communes merged into a commune nouvelle, CEDEX codes, "St-", names cut short — each reported.
      const detours = rapport.filter((l) => l.nature === "correction" && l.champ === "code_insee").map((l) => `${l.valeur} → ${l.raison}`);
      expect(detours).toContain("74600 Seynod → Ancienne commune « Seynod », rattachée à Annecy (74010).");
      expect(detours).toContain("74003 Annecy Cedex 03 → Commune trouvée par son nom dans le département 74 (code postal 74003 d'une autre commune ou CEDEX).");
      expect(detours).toContain("26270 Loriol → Commune trouvée par son code postal 26270 et une partie de son nom (Loriol-sur-Drôme).");
      // Communes merged into a commune nouvelle whose former names the COG 2026 no longer keeps, and
      // "La Rochette" in 73110, where both Valgelon-La Rochette and La Croix-de-la-Rochette would fit.
      expect(rapport.filter((l) => l.nature === "rejet").map((l) => `${l.ligne}:${l.valeur}`)).toEqual(["102:73110 La Rochette", "385:73800 Les Molettes", "567:74130 Entremont"]);
      const lieux = await connexion.db.select().from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.jeuDeDonneesId, b.jeu as string));
      expect(lieux).toHaveLength(b.acceptees);
      // Hinaura: 12 départements of Auvergne-Rhône-Alpes; all places geolocated, all with v1 services.
      const departements = new Set(lieux.map((l) => (l.codeCommune as string).slice(0, 2)));
      for (const d of departements) expect(["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]).toContain(d);
      expect(lieux.filter((l) => l.latitude === null)).toHaveLength(0);
      expect(lieux.filter((l) => l.services.length === 0).length).toBeLessThan(10);
      const encore = await ouvrirSource(CARTOGRAPHIE_NATIONALE);
      if (!encore.ok) throw new Error(encore.erreur.code);
      const r2 = await importerLieux({ connexion, nature: "lieux", source: encore.source, maintenant });
      expect(r2.ok && r2.valeur.inchange).toBe(true);
    });
  }, 60_000);
});
