import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { campagnes, gouvernances, jeuxDeDonnees } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { fenetreDeLaGouvernance } from "./campagnes";
import { chargerDemonstration, effacerDemonstration, etatDesLieux } from "./demonstration";
import { statistiquesCandidatures } from "./manifestations";
import { tableauDeBordNational } from "./tableau-de-bord";

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
      const national = await tableauDeBordNational(connexion.db);
      expect(national.lieux.demonstration).toBe(true);
      expect(national.departements.filter((d) => (d.lieux ?? 0) > 0)).toHaveLength(101);
    });
  });

  it("charger deux fois donne le même jeu, et effacer retire tout", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await chargerDemonstration({ connexion, maintenant });
      const premier = (await etatDesLieux(connexion.db)).lignes;
      const second = await chargerDemonstration({ connexion, maintenant });
      expect((await etatDesLieux(connexion.db)).lignes).toBe(premier);
      // Rows written: the places, and the places the second fictitious source describes again (merged, counted once).
      const lignes = second.ok ? (second.valeur.parNature.lieux ?? 0) : 0;
      expect(lignes).toBeGreaterThan(premier);
      const bilan = await effacerDemonstration({ connexion });
      expect(bilan.parNature.lieux).toBe(lignes);
      expect(await etatDesLieux(connexion.db)).toMatchObject({ provenance: null, lignes: 0 });
    });
  });

  it("ne mêle jamais la démonstration à des données réelles de la même nature", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.insert(jeuxDeDonnees).values({ nature: "lieux", provenance: "import", source: "Cartographie nationale", dateMiseAJour: maintenant, chargeLe: maintenant });
      const resultat = await chargerDemonstration({ connexion, maintenant });
      expect(resultat).toMatchObject({ ok: true, valeur: { parNature: {}, ignorees: ["lieux"] } });
      expect((await etatDesLieux(connexion.db)).lignes).toBe(0);
    });
  });

  it("ajoute des candidatures fictives dans quelques départements, dont la Nièvre, marquées comme telles, et les retire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const resultat = await chargerDemonstration({ connexion, maintenant });
      expect(resultat.ok && resultat.valeur.candidatures).toBeGreaterThan(5);
      const nievre = await statistiquesCandidatures(connexion.db, "58");
      expect(nievre.demonstration).toBe(true);
      expect(nievre.souhaitentParticiper.structures).toBe(3);
      // The département "porte", with its first EPCI and two communes as partners (which also participate), and a structure.
      expect(nievre.porteurs).toEqual({ collectivites: 1 });
      expect(nievre.partenairesSuggeres).toEqual({ collectivites: 3, structures: 1 });
      // Its first EPCI and two communes: at least 3 collectivités (an EPCI of a neighbour may add more).
      expect(nievre.souhaitentParticiper.collectivites).toBeGreaterThanOrEqual(3);
      expect((await statistiquesCandidatures(connexion.db, "89")).porteurs).toEqual({ collectivites: 0 });
      expect(await statistiquesCandidatures(connexion.db, "2A")).toEqual({ porteurs: { collectivites: 0 }, partenairesSuggeres: { collectivites: 0, structures: 0 }, souhaitentParticiper: { collectivites: 0, structures: 0 }, demonstration: false });
      // Loading again gives the same candidates, not twice as many.
      await chargerDemonstration({ connexion, maintenant });
      expect(await statistiquesCandidatures(connexion.db, "58")).toEqual(nievre);
      const bilan = await effacerDemonstration({ connexion });
      expect(bilan.candidatures).toBe(resultat.ok ? resultat.valeur.candidatures : -1);
      expect((await statistiquesCandidatures(connexion.db, "58")).souhaitentParticiper).toEqual({ collectivites: 0, structures: 0 });
    });
  });

  it("ouvre une campagne fictive et écrit trois gouvernances fictives (déposée, validée, à compléter), jamais par-dessus une vraie ; effacer les retire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      // A gouvernance already started in the Yonne: left alone.
      await connexion.db.insert(gouvernances).values({ codeDepartement: "89", etat: "brouillon", creeLe: maintenant, modifieLe: maintenant });
      const resultat = await chargerDemonstration({ connexion, maintenant });
      expect(resultat.ok && resultat.valeur.gouvernances).toBe(2);
      const lignes = await connexion.db.select({ code: gouvernances.codeDepartement, etat: gouvernances.etat, demonstration: gouvernances.demonstration }).from(gouvernances);
      expect(lignes.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
        { code: "21", etat: "deposee", demonstration: true },
        { code: "71", etat: "aCompleter", demonstration: true },
        { code: "89", etat: "brouillon", demonstration: false },
      ]);
      expect(await fenetreDeLaGouvernance(connexion.db, "58", maintenant)).toMatchObject({ modifiable: true, campagne: { nom: "Campagne de démonstration (fictive)" } });
      const bilan = await effacerDemonstration({ connexion });
      expect(bilan.gouvernances).toBe(2);
      expect(await connexion.db.select().from(campagnes).where(eq(campagnes.demonstration, true))).toEqual([]);
      expect((await connexion.db.select().from(gouvernances)).map((g) => g.codeDepartement)).toEqual(["89"]);
    });
  });
});
