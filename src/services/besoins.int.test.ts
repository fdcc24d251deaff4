import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campagnes, historiqueBesoins, journalAudit } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { CARTE_RESSOURCE_HUMAINE } from "@/domain/besoins/besoins";
import type { Acteur } from "@/domain/identite/roles";
import { besoinsNationaux, enregistrerClassement, enregistrerSelection, ouvrirBesoins } from "./besoins";

/* The besoins en ingénierie financière of a département, on both databases. */

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T10:00:00Z");
const PREFECTURE_58: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const PREFECTURE_89: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "89" }] };
const NATIONAL: Acteur = { id: randomUUID(), role: "administrateur", perimetres: [] };

const SELECTION = {
  besoins: [
    { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true },
    { categorie: "financement", item: "animation", etp: 1 },
    { categorie: "formation", item: "agentsPublics", personnes: 40 },
  ],
};

describe("besoins en ingénierie financière d'un département", () => {
  it("sélection puis classement : les rangs sont contigus ; un changement de sélection garde les rangs et ajoute à la fin ; complet quand le classement est enregistré", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const selection = await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: SELECTION, version: 0, maintenant });
      expect(selection).toEqual({ ok: true, valeur: { version: 1 } });
      let ouverts = await ouvrirBesoins({ db: connexion.db, acteur: PREFECTURE_58, code: "58", maintenant });
      if (!ouverts.ok) throw new Error(ouverts.erreur);
      expect(ouverts.valeur.cartes.map((c) => c.cle)).toEqual(["prestation:formalisation.redaction", "formation:formation.agentsPublics", CARTE_RESSOURCE_HUMAINE]);
      expect(ouverts.valeur.complete).toBe(false);

      // The préfecture puts the ressource humaine first.
      const ordre = [CARTE_RESSOURCE_HUMAINE, "formation:formation.agentsPublics", "prestation:formalisation.redaction"];
      expect(await enregistrerClassement({ connexion, acteur: PREFECTURE_58, code: "58", classement: ordre, version: 1, maintenant })).toEqual({ ok: true, valeur: { version: 2 } });
      ouverts = await ouvrirBesoins({ db: connexion.db, acteur: PREFECTURE_58, code: "58", maintenant });
      expect(ouverts.ok && ouverts.valeur.cartes.map((c) => c.cle)).toEqual(ordre);
      expect(ouverts.ok && ouverts.valeur.complete).toBe(true);

      // A card missing or added by the browser: refused.
      expect(await enregistrerClassement({ connexion, acteur: PREFECTURE_58, code: "58", classement: ordre.slice(1), version: 2, maintenant })).toMatchObject({ ok: false, erreur: "classementInvalide" });

      // Step 1 again: a new prestation comes after the ranked cards; the ranking must be confirmed again.
      const plus = { besoins: [...SELECTION.besoins, { categorie: "outillage", item: "autre", precision: "Outiller les tiers-lieux", prestation: true }] };
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: plus, version: 2, maintenant })).toEqual({ ok: true, valeur: { version: 3 } });
      ouverts = await ouvrirBesoins({ db: connexion.db, acteur: PREFECTURE_58, code: "58", maintenant });
      expect(ouverts.ok && ouverts.valeur.cartes.map((c) => c.cle)).toEqual([...ordre, "prestation:outillage.autre"]);
      expect(ouverts.ok && ouverts.valeur.complete).toBe(false);

      // Every save in the history and the audit.
      expect((await connexion.db.select().from(historiqueBesoins).where(eq(historiqueBesoins.codeDepartement, "58"))).map((h) => h.version).sort()).toEqual([1, 2, 3]);
      expect((await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, "besoins:58"))).map((a) => a.action)).toEqual(["besoins.selectionner", "besoins.classer", "besoins.selectionner"]);
    });
  });

  it("une sélection invalide n'écrit rien ; deux agents sur la même version : le second est refusé ; une autre préfecture ne lit ni n'écrit", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const invalide = await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: { besoins: [{ categorie: "formalisation", item: "diagnostic" }] }, version: 0, maintenant });
      expect(invalide).toMatchObject({ ok: false, erreur: "formulaireInvalide", details: { champs: { "formalisation.diagnostic.type": "Veuillez préciser le type de besoin : ressource humaine et/ou prestation de service." } } });
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: SELECTION, version: 0, maintenant })).toMatchObject({ ok: true });
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: { besoins: [] }, version: 0, maintenant })).toMatchObject({ ok: false, erreur: "conflit", details: { versionActuelle: 1 } });
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_89, code: "58", selection: SELECTION, version: 1, maintenant })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrirBesoins({ db: connexion.db, acteur: PREFECTURE_89, code: "58", maintenant })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await besoinsNationaux({ db: connexion.db, acteur: PREFECTURE_58 })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      const national = await besoinsNationaux({ db: connexion.db, acteur: NATIONAL });
      expect(national.ok && national.valeur.find((l) => l.code === "58")?.besoins.map((b) => b.item)).toEqual(["redaction", "animation", "agentsPublics"]);
    });
  });

  it("la date limite de la gouvernance vaut pour les besoins", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.insert(campagnes).values({ nom: "Close", ouverture: new Date("2026-10-01T00:00:00Z"), cloture: new Date("2026-11-28T22:59:59.999Z"), creeLe: maintenant });
      expect(await enregistrerSelection({ connexion, acteur: PREFECTURE_58, code: "58", selection: SELECTION, version: 0, maintenant })).toMatchObject({ ok: false, erreur: "horsDelai", details: { raison: "close" } });
    });
  });
});
