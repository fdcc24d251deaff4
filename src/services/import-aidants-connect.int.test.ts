import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { structuresAidantsConnect } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import { importerAidantsConnect } from "./import-aidants-connect";
import { rapportDImport } from "./import-ifn";

const base = utiliserBaseDeTest();
/** In CI the real files must be there: a missing file fails instead of skipping. */
const EXIGER = process.env.CI === "true";
const maintenant = new Date("2026-11-29T09:00:00Z");
const FICHIER = join(resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data")), "aidants-connect/structures.csv");

function texte(contenu: string): SourceDeFichier {
  return { nom: "essai.csv", octets: (async function* () { yield new TextEncoder().encode(contenu); })() };
}

const ENTETE =
  "Name,ID,UUID,Is Active,City Insee Code,Address,Zip Code,Siret,France Services Label,City,Nombre d'aidants,Question 110 → Nombre D'usagers Uniques,Question 109 → Nombre De Demarche Par Structure,Question 99 → Nombre Demarche Argent\n";

describe("import des structures Aidants Connect", () => {
  it.runIf(existsSync(FICHIER) || EXIGER)("le fichier réel : chaque ligne acceptée ou rejetée avec sa raison, communes retrouvées, réimport sans effet", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const source = await ouvrirSource(FICHIER);
      if (!source.ok) throw new Error(source.erreur.code);
      const r = await importerAidantsConnect({ connexion, source: source.source, maintenant });
      if (!r.ok) throw new Error(r.erreur);
      const b = r.valeur;
      expect(b.acceptees + b.rejetees).toBe(b.lignesLues);
      expect(b.enregistrees).toBe(b.acceptees);
      expect(b.enregistrees).toBeGreaterThan(5000);
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(new Set(rapport.filter((l) => l.nature === "rejet").map((l) => l.ligne)).size).toBe(b.rejetees);
      const [betagouv] = await connexion.db.select().from(structuresAidantsConnect).where(eq(structuresAidantsConnect.identifiant, "76813e41-71c9-4696-b743-ba2e44ba5f8b"));
      // Paris 7e arrondissement → Paris; the SIRET written as a float is read.
      expect(betagouv).toMatchObject({ nom: "BetaGouv", codeCommune: "75056", siret: "13002603200016", aidants: 22, usagersUniques: 9, demarches: 53, active: true, franceServices: false });
      const encore = await ouvrirSource(FICHIER);
      if (!encore.ok) throw new Error(encore.erreur.code);
      const r2 = await importerAidantsConnect({ connexion, source: encore.source, maintenant });
      expect(r2.ok && r2.valeur.inchange).toBe(true);
    });
  }, 120_000);

  it("rejette ce qui ne peut être lu, garde le reste ; retrouve la commune par le code postal", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const contenu =
        ENTETE +
        "Médiathèque,1,11111111-1111-4111-8111-111111111111,true,58194,rue,58000,13002526500013.0,true,Nevers,3,10,20,5\n" +
        ",2,22222222-2222-4222-8222-222222222222,true,58194,rue,58000,,false,Nevers,1,1,1,1\n" +
        "Sans code,3,33333333-3333-4333-8333-333333333333,true,,rue,58000,,false,Nevers,1,1,1,1\n" +
        "Mauvais nombre,4,44444444-4444-4444-8444-444444444444,peut-être,58194,rue,58000,,false,Nevers,-2,1,1,1\n" +
        "Introuvable,5,55555555-5555-4555-8555-555555555555,false,99999,rue,00000,123,false,Nulle part,1,1,1,1\n" +
        "Médiathèque bis,6,11111111-1111-4111-8111-111111111111,true,58194,rue,58000,,false,Nevers,1,1,1,1\n";
      const r = await importerAidantsConnect({ connexion, source: texte(contenu), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ lignesLues: 6, acceptees: 2, rejetees: 4, corrigees: 1 });
      const lignes = (await rapportDImport(connexion.db, r.valeur.jeu as string)).map((l) => `${l.ligne}:${l.nature}:${l.raison}`);
      expect(lignes).toEqual([
        "3:rejet:Nom de la structure manquant.",
        "4:correction:Commune trouvée par son code postal 58000 et son nom.",
        "5:rejet:« true » ou « false » attendu.",
        "5:rejet:Nombre entier positif attendu.",
        "6:rejet:Commune introuvable par son code INSEE, ni par son code postal et son nom.",
        "7:rejet:Structure déjà présente plus haut dans le fichier : la première ligne est gardée.",
      ]);
      const stockees = await connexion.db.select().from(structuresAidantsConnect).where(eq(structuresAidantsConnect.jeuDeDonneesId, r.valeur.jeu as string));
      expect(stockees.map((s) => [s.nom, s.codeCommune, s.siret, s.demarchesParTheme])).toEqual([
        ["Médiathèque", "58194", "13002526500013", { argent: 5 }],
        ["Sans code", "58194", null, { argent: 1 }],
      ]);
    });
  });
});
