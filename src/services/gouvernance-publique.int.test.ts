import { describe, expect, it } from "vitest";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { EMAIL_SOUS_PREFET, NOM_SOUS_PREFET, TEXTE_NOTE, contenusDeLaNievre, gouvernanceEcrite } from "@/db/test/gouvernance-de-test";
import { referentielPerimetre } from "./gouvernance";
import { gouvernancePublique, gouvernancesParEtat, listeDesGouvernances } from "./gouvernance-publique";

const base = utiliserBaseDeTest();
const deposeeLe = new Date("2026-11-20T09:30:00Z");
const valideeLe = new Date("2026-11-27T15:00:00Z");

describe("gouvernances publiques", () => {
  it("étant donné une gouvernance déposée, alors sa vue publique a ses membres, co-porteurs, comités, feuilles de route et coordination, sans le sous-préfet ni la note", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const contenus = await contenusDeLaNievre(connexion);
      await gouvernanceEcrite(connexion, "58", "deposee", contenus, { deposeeLe });
      const r = await gouvernancePublique(connexion.db, "58");
      if (!r.ok) throw new Error(r.erreur);
      const g = r.valeur;
      if (!g.public) throw new Error("la gouvernance devrait être publique");
      expect(g).toMatchObject({ etat: "deposee", libelleEtat: "Déposée", departement: { code: "58", nom: "Nièvre", region: { code: "27", nom: "Bourgogne-Franche-Comté" } }, valideeLe: null });
      expect(g.deposeeLe?.toISOString()).toBe(deposeeLe.toISOString());
      expect(g.coPorteurs).toEqual({ sansCoPorteur: false, noms: ["Nièvre"], libelle: "Nièvre" });
      expect(g.membres.map((m) => m.nom)).toEqual(["Nièvre", contenus.membres?.membres[1]?.nom, "Commune d'Achun", "Association Numérique"]);
      expect(g.comites).toEqual([{ type: "strategique", libelleType: "Comité stratégique", frequence: "trimestrielle", libelleFrequence: "Trimestrielle" }]);
      expect(g.feuillesDeRoute.map((f) => [f.nom, f.libellePorteur])).toEqual([
        ["Nièvre numérique", "Nièvre"],
        [contenus.feuillesDeRoute?.feuilles[1]?.nom, "Commune d'Achun"],
      ]);
      const referentiel = await referentielPerimetre(connexion.db, "58");
      expect(g.feuillesDeRoute[0]?.perimetre).toEqual({ type: "departemental", libelle: "Départemental", communes: referentiel.communes.length });
      expect(g.feuillesDeRoute[1]?.perimetre.libelle).toMatch(/^EPCI : .+ \(\d+ communes?\)$/);
      expect(g.feuillesDeRoute[1]?.perimetre.communes).toBe(referentiel.epci[0]?.communes.length);
      expect(g.coordination).toEqual([{ nom: "Association Numérique", siret: "13002526500013" }]);

      // Nothing private, whatever the field: serialised as the API sends it.
      const json = JSON.stringify(g);
      expect(json).not.toContain(EMAIL_SOUS_PREFET);
      expect(json).not.toContain(NOM_SOUS_PREFET);
      expect(json).not.toContain(TEXTE_NOTE);
      expect(json).not.toContain("0b6a4c1e");
    });
  });

  it("une gouvernance validée donne sa date de validation ; un brouillon, « à compléter » ou rien ne sont pas publics", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const contenus = await contenusDeLaNievre(connexion);
      await gouvernanceEcrite(connexion, "58", "validee", contenus, { deposeeLe, instruiteLe: valideeLe });
      const validee = await gouvernancePublique(connexion.db, "58");
      expect(validee.ok && validee.valeur.public && validee.valeur.valideeLe?.toISOString()).toBe(valideeLe.toISOString());
      expect(validee.ok && validee.valeur.libelleEtat).toBe("Validée");

      // The same content, in the states that are not public: the state alone.
      await gouvernanceEcrite(connexion, "89", "brouillon", { sousPrefet: contenus.sousPrefet, noteDeContexte: contenus.noteDeContexte });
      await gouvernanceEcrite(connexion, "21", "aCompleter", { sousPrefet: contenus.sousPrefet, noteDeContexte: contenus.noteDeContexte }, { deposeeLe, instruiteLe: valideeLe });
      const brouillon = await gouvernancePublique(connexion.db, "89");
      expect(brouillon).toEqual({ ok: true, valeur: { public: false, departement: { code: "89", nom: "Yonne", region: { code: "27", nom: "Bourgogne-Franche-Comté" } }, etat: "brouillon", libelleEtat: "En préparation" } });
      const aCompleter = await gouvernancePublique(connexion.db, "21");
      expect(aCompleter.ok && aCompleter.valeur).toMatchObject({ public: false, etat: "aCompleter", libelleEtat: "À compléter" });
      expect(Object.keys(aCompleter.ok ? aCompleter.valeur : {}).sort()).toEqual(["departement", "etat", "libelleEtat", "public"]);
      expect(JSON.stringify([brouillon, aCompleter])).not.toContain(EMAIL_SOUS_PREFET);
      const aucune = await gouvernancePublique(connexion.db, "2A");
      expect(aucune.ok && aucune.valeur).toMatchObject({ public: false, etat: "aucune", libelleEtat: "Aucune gouvernance" });
    });
  });

  it("un code mal formé, un département inconnu ou une collectivité d'outre-mer : pas de gouvernance", async () => {
    const db = base.connexion().db;
    expect(await gouvernancePublique(db, "x")).toMatchObject({ ok: false, erreur: "codeDepartementInvalide" });
    expect(await gouvernancePublique(db, "99")).toMatchObject({ ok: false, erreur: "departementInconnu" });
    expect(await gouvernancePublique(db, "975")).toMatchObject({ ok: false, erreur: "departementInconnu" });
  });

  it("la liste : les 101 départements dans l'ordre du COG, leur état, la date de dépôt et le nombre de feuilles de route des seules gouvernances publiques", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const contenus = await contenusDeLaNievre(connexion);
      await gouvernanceEcrite(connexion, "58", "deposee", contenus, { deposeeLe });
      await gouvernanceEcrite(connexion, "21", "validee", { feuillesDeRoute: { feuilles: [] } }, { deposeeLe, instruiteLe: valideeLe });
      await gouvernanceEcrite(connexion, "89", "brouillon", { feuillesDeRoute: contenus.feuillesDeRoute });
      const liste = await listeDesGouvernances(connexion.db);
      expect(liste).toHaveLength(101);
      expect(liste.slice(0, 3).map((l) => l.code)).toEqual(["01", "02", "03"]);
      expect(liste.findIndex((l) => l.code === "2A")).toBe(liste.findIndex((l) => l.code === "19") + 1);
      const parCode = new Map(liste.map((l) => [l.code, l]));
      expect(parCode.get("58")).toEqual({ code: "58", nom: "Nièvre", codeRegion: "27", etat: "deposee", libelleEtat: "Déposée", public: true, deposeeLe, valideeLe: null, feuillesDeRoute: 2 });
      expect(parCode.get("21")).toMatchObject({ etat: "validee", public: true, valideeLe, feuillesDeRoute: 0 });
      expect(parCode.get("89")).toMatchObject({ etat: "brouillon", libelleEtat: "En préparation", public: false, deposeeLe: null, feuillesDeRoute: null });
      expect(parCode.get("01")).toMatchObject({ etat: "aucune", libelleEtat: "Aucune gouvernance", public: false, feuillesDeRoute: null });
      expect(typeof parCode.get("58")?.feuillesDeRoute).toBe("number");
      expect(await gouvernancesParEtat(connexion.db)).toEqual({ aucune: 98, brouillon: 1, deposee: 1, validee: 1, aCompleter: 0 });
    });
  });
});
