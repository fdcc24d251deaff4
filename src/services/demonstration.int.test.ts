import { describe, expect, it } from "vitest";
import { jeuxDeDonnees } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { chargerDemonstration, effacerDemonstration, etatDesLieux, lieuxParDepartement } from "./demonstration";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T08:00:00Z");

describe("données de démonstration", () => {
  it("étant donné une base sans lieux, quand on charge la démonstration, alors chaque département a des lieux marqués fictifs", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      expect((await etatDesLieux(connexion.db)).provenance).toBeNull();
      const resultat = await chargerDemonstration({ connexion, maintenant });
      expect(resultat.ok).toBe(true);
      const etat = await etatDesLieux(connexion.db);
      expect(etat).toMatchObject({ provenance: "demonstration", source: "Données de démonstration — fictives" });
      expect(etat.lignes).toBeGreaterThan(2 * 101);
      const parDepartement = await lieuxParDepartement(connexion.db);
      expect(parDepartement.parDepartement.size).toBe(101);
    });
  });

  it("charger deux fois donne le même jeu, et effacer retire tout", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await chargerDemonstration({ connexion, maintenant });
      const premier = (await etatDesLieux(connexion.db)).lignes;
      await chargerDemonstration({ connexion, maintenant });
      expect((await etatDesLieux(connexion.db)).lignes).toBe(premier);
      const bilan = await effacerDemonstration({ connexion });
      expect(bilan.parNature.lieux).toBe(premier);
      expect(await etatDesLieux(connexion.db)).toMatchObject({ provenance: null, lignes: 0 });
    });
  });

  it("ne mêle jamais la démonstration à des données réelles de la même nature", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.insert(jeuxDeDonnees).values({ nature: "lieux", provenance: "import", source: "Cartographie nationale", dateMiseAJour: maintenant, chargeLe: maintenant });
      const resultat = await chargerDemonstration({ connexion, maintenant });
      expect(resultat).toEqual({ ok: true, valeur: { parNature: {}, ignorees: ["lieux"] } });
      expect((await etatDesLieux(connexion.db)).lignes).toBe(0);
    });
  });
});
