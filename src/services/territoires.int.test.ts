import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { communes, referentiels } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { sourceCogInstallee } from "@/integrations/cog/decoupage-administratif";
import { configurerCacheTerritoires, etatReferentielTerritoires, importerTerritoires, listerDepartements, obtenirDepartement } from "./territoires";

const base = utiliserBaseDeTest();

/** The population of the COG package itself, summed independently of the product's code. */
function populationDuPaquet() {
  const { departements, communes } = sourceCogInstallee().lire();
  const outreMer = new Set(departements.filter((d) => d.zone === "com").map((d) => d.code));
  let departementsPopulation = 0;
  let outreMerPopulation = 0;
  for (const c of communes) {
    if (c.type !== "commune-actuelle") continue;
    if (outreMer.has(c.departement ?? "")) outreMerPopulation += c.population ?? 0;
    else departementsPopulation += c.population ?? 0;
  }
  return { departementsPopulation, outreMerPopulation };
}

describe("territoires", () => {
  it("liste les 101 départements dont la population totale est celle du COG 2026", async () => {
    const departements = await listerDepartements(base.connexion().db);
    expect(departements).toHaveLength(101);
    const total = departements.reduce((s, d) => s + d.population, 0);
    expect(total).toBe(populationDuPaquet().departementsPopulation);
    expect(total).toBe(68_350_798);
    expect(departements.some((d) => d.collectiviteOutreMer)).toBe(false);
    expect(departements.slice(18, 22).map((d) => d.code)).toEqual(["19", "2A", "2B", "21"]);
    expect(departements.at(-1)?.code).toBe("976");
  });

  it("ajoute sur demande les collectivités d'outre-mer, marquées, après les départements", async () => {
    const tous = await listerDepartements(base.connexion().db, { inclureOutreMer: true });
    const outreMer = tous.filter((d) => d.collectiviteOutreMer);
    expect(tous).toHaveLength(109);
    expect(tous.slice(101).every((d) => d.collectiviteOutreMer)).toBe(true);
    expect(outreMer.reduce((s, d) => s + d.population, 0)).toBe(populationDuPaquet().outreMerPopulation);
  });

  it("donne la Nièvre en Bourgogne-Franche-Comté avec ses EPCI, dont ceux qui débordent du département", async () => {
    const resultat = await obtenirDepartement(base.connexion().db, "58");
    expect(resultat.ok).toBe(true);
    if (!resultat.ok) return;
    const nievre = resultat.valeur;
    expect(nievre).toMatchObject({ code: "58", nom: "Nièvre", region: { code: "27", nom: "Bourgogne-Franche-Comté" }, communes: 309 });
    const nevers = nievre.epci.find((e) => e.code === "245804406");
    expect(nevers).toMatchObject({ nom: "CA de Nevers", nature: "CA", communesDansLeDepartement: nevers?.communes });
    expect(nievre.epci.some((e) => e.communesDansLeDepartement < e.communes)).toBe(true);
    const resume = (await listerDepartements(base.connexion().db)).find((d) => d.code === "58");
    expect(resume?.epci).toBe(nievre.epci.length);
    expect(resume?.population).toBe(nievre.population);
  });

  it("range les établissements publics territoriaux du Grand Paris sous la Métropole", async () => {
    const resultat = await obtenirDepartement(base.connexion().db, "93");
    if (!resultat.ok) throw new Error(resultat.erreur);
    const plaineCommune = resultat.valeur.epci.find((e) => e.nom === "Plaine Commune");
    expect(plaineCommune).toMatchObject({ nature: "EPT", epciParent: "200054781" });
    expect(resultat.valeur.epci.some((e) => e.code === "200054781")).toBe(true);
  });

  it("distingue un code mal formé d'un département inconnu", async () => {
    expect(await obtenirDepartement(base.connexion().db, "abc")).toEqual({ ok: false, erreur: "codeDepartementInvalide", details: { code: "abc" } });
    expect(await obtenirDepartement(base.connexion().db, "99")).toEqual({ ok: false, erreur: "departementInconnu", details: { code: "99" } });
  });

  it("quand on réimporte les mêmes fichiers, alors rien ne change ; forcé, le résultat est identique", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const avant = await listerDepartements(connexion.db, { inclureOutreMer: true });
      const sansForcer = await importerTerritoires({ connexion, source: sourceCogInstallee(), maintenant: new Date("2026-12-01T10:00:00Z") });
      expect(sansForcer.importe).toBe(false);
      const force = await importerTerritoires({ connexion, source: sourceCogInstallee(), maintenant: new Date("2026-12-01T10:00:00Z"), forcer: true });
      expect(force.importe).toBe(true);
      expect(force.effectifs).toMatchObject({ departements: 101, collectivitesOutreMer: 8, epci: 1255, communes: 34_969 });
      expect(await listerDepartements(connexion.db, { inclureOutreMer: true })).toEqual(avant);
      expect((await etatReferentielTerritoires(connexion.db))?.importeLe.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    });
  });
});

describe("cache des territoires", () => {
  it("sert la liste en mémoire tant que le référentiel garde sa version, et la recalcule quand il en change", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const avant = (await listerDepartements(connexion.db)).find((d) => d.code === "58");
      const [nevers] = await connexion.db.select({ population: communes.population }).from(communes).where(eq(communes.code, "58194"));
      await connexion.db.update(communes).set({ population: 1_000_000 }).where(eq(communes.code, "58194"));
      // Same version: the cached list is served (reference data only changes through an import).
      expect((await listerDepartements(connexion.db)).find((d) => d.code === "58")?.population).toBe(avant?.population);
      // Another instance imports: the version is read again once its delay has passed.
      await connexion.db.update(referentiels).set({ importeLe: new Date("2027-01-01T00:00:00Z") }).where(eq(referentiels.nom, "cog"));
      expect((await listerDepartements(connexion.db)).find((d) => d.code === "58")?.population).toBe(avant?.population);
      configurerCacheTerritoires({ dureeMs: 0 });
      const apres = (await listerDepartements(connexion.db)).find((d) => d.code === "58");
      configurerCacheTerritoires({ dureeMs: 5_000 });
      expect(apres?.population).toBe((avant?.population ?? 0) - (nevers?.population ?? 0) + 1_000_000);
    });
  });
});
