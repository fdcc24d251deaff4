import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Executeur } from "@/db/client";
import { communes, effectifsConseillersNumeriques, indicesFragilite, jeuxDeDonnees, lieuxInclusionNumerique, structuresAidantsConnect } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { LIBELLE_DONNEES_DEMONSTRATION } from "@/domain/donnees/provenance";
import { obtenirDepartement } from "./territoires";
import { pour10000 } from "@/domain/donnees/tableau-de-bord";
import { oublierTableauxDeBord, tableauDeBordDepartement, tableauDeBordNational } from "./tableau-de-bord";

const base = utiliserBaseDeTest();
const date = new Date("2026-10-01T00:00:00Z");

async function jeu(db: Executeur, nature: string, provenance: "import" | "demonstration", source = `Source ${nature}`) {
  const [j] = await db
    .insert(jeuxDeDonnees)
    .values({ nature, provenance, source: provenance === "demonstration" ? LIBELLE_DONNEES_DEMONSTRATION : source, dateMiseAJour: date, chargeLe: date })
    .returning({ id: jeuxDeDonnees.id });
  return (j as { id: string }).id;
}

let numero = 0;
function lieu(jeuDeDonneesId: string, codeCommune: string | null, champs: Partial<typeof lieuxInclusionNumerique.$inferInsert> = {}) {
  numero += 1;
  return { jeuDeDonneesId, provenance: "import", identifiantSource: `L${numero}`, nom: `Lieu ${numero}`, codeCommune, ...champs };
}

describe("tableau de bord des données", () => {
  it("sans aucun jeu : les chiffres des territoires viennent du COG, le reste est « Non disponible » (null), jamais zéro", async () => {
    await dansUneTransaction(base.connexion(), async ({ db }) => {
      const r = await tableauDeBordDepartement(db, "58");
      if (!r.ok) throw new Error(r.erreur);
      const reference = await obtenirDepartement(db, "58");
      if (!reference.ok) throw new Error(reference.erreur);
      expect(r.valeur.indicateurs.population).toMatchObject({ valeur: reference.valeur.population, demonstration: false });
      expect(r.valeur.indicateurs.population.source).toMatch(/^Code officiel géographique \d{4} \(INSEE\)$/);
      expect(r.valeur.indicateurs.communes.valeur).toBe(reference.valeur.communes);
      for (const cle of ["lieux", "lieuxPour10000Habitants", "aidantsConnect", "conseillersNumeriques", "coordinateursConseillersNumeriques", "ifn"] as const) {
        expect(r.valeur.indicateurs[cle].valeur, cle).toBeNull();
      }
      expect(r.valeur.lieux.parTypologie).toBeNull();
      expect(r.valeur.ifn.communes).toEqual([]);
      expect(await tableauDeBordDepartement(db, "5x")).toMatchObject({ ok: false, erreur: "codeDepartementInvalide" });
      expect(await tableauDeBordDepartement(db, "96")).toMatchObject({ ok: false, erreur: "departementInconnu" });
    });
  });

  it("compte les lieux réels par typologie, dispositif, QPV et FRR, sans les doublons ni les lieux de démonstration", async () => {
    await dansUneTransaction(base.connexion(), async ({ db }) => {
      const demo = await jeu(db, "lieux", "demonstration");
      await db.insert(lieuxInclusionNumerique).values([lieu(demo, "58194", { provenance: "demonstration" }), lieu(demo, "58194", { provenance: "demonstration" })]);
      // Only demonstration places: they are shown, labelled.
      let r = await tableauDeBordDepartement(db, "58");
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur.indicateurs.lieux).toMatchObject({ valeur: 2, demonstration: true, source: LIBELLE_DONNEES_DEMONSTRATION });

      const reel = await jeu(db, "lieux", "import", "Cartographie nationale");
      const [original] = await db
        .insert(lieuxInclusionNumerique)
        .values(lieu(reel, "58194", { categorie: "public-commune", dispositifs: ["Conseillers numériques", "France Services"], qpv: true }))
        .returning({ id: lieuxInclusionNumerique.id });
      await db.insert(lieuxInclusionNumerique).values([
        lieu(reel, "58194", { categorie: "public-commune", doublonDe: (original as { id: string }).id }),
        lieu(reel, "58086", { categorie: "association", dispositifs: ["Conseillers numériques"], frr: true }),
        lieu(reel, "58086", { categorie: "non-defini" }),
        lieu(reel, "89024", { categorie: "prive" }),
        lieu(reel, null, { categorie: "prive" }),
      ]);
      const inclusInformatique = await jeu(db, "data-inclusion", "import", "data·inclusion");
      await db.insert(lieuxInclusionNumerique).values(lieu(inclusInformatique, "58086", { categorie: "public-departement", dispositifs: ["Aidants Connect"] }));
      oublierTableauxDeBord();

      r = await tableauDeBordDepartement(db, "58");
      if (!r.ok) throw new Error(r.erreur);
      const l = r.valeur.lieux;
      expect(l).toMatchObject({ total: 4, qpv: 1, frr: 1, demonstration: false });
      expect(l.source).toBe("Cartographie nationale ; data·inclusion");
      expect(l.parTypologie).toEqual({ publicCommune: 1, publicEpci: 0, publicDepartement: 1, publicAutre: 0, associations: 1, autresActeursPrives: 0, nonDefini: 1 });
      expect(l.parDispositif).toMatchObject({ "Conseillers numériques": 2, "France Services": 1, "Aidants Connect": 1, "Emmaüs Connect": 0 });
      const population = r.valeur.indicateurs.population.valeur as number;
      expect(r.valeur.indicateurs.lieuxPour10000Habitants).toMatchObject({ valeur: pour10000(4, population), calcule: true });
      expect(r.valeur.indicateurs.lieuxPour10000Habitants.source).toContain("Cartographie nationale");

      const national = await tableauDeBordNational(db);
      // Every real place but the duplicate, the one without a commune included.
      expect(national.lieux.total).toBe(6);
      expect(national.departements.find((d) => d.code === "89")?.lieux).toBe(1);
      expect(national.departements.find((d) => d.code === "21")?.lieux).toBe(0);
      expect(national.departements.reduce((s, d) => s + (d.lieux ?? 0), 0)).toBe(5);
    });
  });

  it("aidants Connect (structures actives), conseillers numériques du fichier documenté, sommes nationales", async () => {
    await dansUneTransaction(base.connexion(), async ({ db }) => {
      const ac = await jeu(db, "aidants-connect", "import", "Aidants Connect — statistiques publiques des structures");
      const structure = (identifiant: string, codeCommune: string, aidants: number, active = true) => ({
        jeuDeDonneesId: ac, identifiant, nom: identifiant, active, codeCommune, franceServices: false, aidants, demarchesParTheme: {}, provenance: "import",
      });
      await db.insert(structuresAidantsConnect).values([structure("a", "58194", 4), structure("b", "58086", 3), structure("c", "58086", 9, false), structure("d", "89024", 2)]);
      const cn = await jeu(db, "conseillers-numeriques", "import", "Fichier des conseillers");
      await db.insert(effectifsConseillersNumeriques).values([
        { jeuDeDonneesId: cn, codeDepartement: "58", conseillers: 42, coordinateurs: 3, dateDonnees: "2026-10-31", provenance: "import" },
        { jeuDeDonneesId: cn, codeDepartement: "89", conseillers: 20, coordinateurs: null, dateDonnees: "2026-10-31", provenance: "import" },
      ]);
      const r = await tableauDeBordDepartement(db, "58");
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur.indicateurs.aidantsConnect).toMatchObject({ valeur: 7, source: "Aidants Connect — statistiques publiques des structures", dateMiseAJour: "2026-10-01" });
      expect(r.valeur.indicateurs.structuresAidantsConnect.valeur).toBe(2);
      expect(r.valeur.indicateurs.conseillersNumeriques.valeur).toBe(42);
      expect(r.valeur.indicateurs.coordinateursConseillersNumeriques.valeur).toBe(3);
      const cote = await tableauDeBordDepartement(db, "21");
      if (!cote.ok) throw new Error(cote.erreur);
      // Loaded but no line for the département: no invented number.
      expect(cote.valeur.indicateurs.conseillersNumeriques.valeur).toBeNull();
      expect(cote.valeur.indicateurs.aidantsConnect.valeur).toBe(0);
      const national = await tableauDeBordNational(db);
      expect(national.indicateurs.aidantsConnect.valeur).toBe(9);
      expect(national.indicateurs.conseillersNumeriques.valeur).toBe(62);
      // One département without the number of coordinateurs: the national sum is not available.
      expect(national.indicateurs.coordinateursConseillersNumeriques.valeur).toBeNull();
    });
  });

  it("IFN : les scores des communes tels quels ; celui du département est la moyenne pondérée par la population, signalée comme notre calcul", async () => {
    await dansUneTransaction(base.connexion(), async ({ db }) => {
      const ifn = await jeu(db, "ifn-communes", "import", "La MedNum — Indice de fragilité numérique");
      const codes = ["58194", "58086", "58001"];
      const populations = await db.select({ code: communes.code, population: communes.population }).from(communes).where(inArray(communes.code, codes));
      const scores: Record<string, number | null> = { "58194": 4, "58086": 8, "58001": null };
      await db.insert(indicesFragilite).values(
        codes.map((code) => ({ jeuDeDonneesId: ifn, niveau: "commune", code, score: scores[code], thd: scores[code], quatreG: scores[code], pauvrete: scores[code], plus65: scores[code], peuDiplomes: scores[code], codesSources: [code], provenance: "import" })),
      );
      const r = await tableauDeBordDepartement(db, "58");
      if (!r.ok) throw new Error(r.erreur);
      const p = (code: string) => populations.find((x) => x.code === code)?.population as number;
      const attendu = Math.round(((4 * p("58194") + 8 * p("58086")) / (p("58194") + p("58086"))) * 1000) / 1000;
      expect(r.valeur.indicateurs.ifn).toMatchObject({ valeur: attendu, calcule: true, demonstration: false });
      expect(r.valeur.indicateurs.ifn.source).toContain("La MedNum — Indice de fragilité numérique");
      expect(r.valeur.ifnTerritoire?.pauvrete).toBe(attendu);
      const nevers = r.valeur.ifn.communes.find((c) => c.code === "58194");
      expect(nevers).toMatchObject({ nom: "Nevers", score: 4, calcule: false });
      // Every current commune of the département is listed; one without a row has null scores.
      const [{ n } = { n: 0 }] = await db.select({ n: communes.code }).from(communes).where(and(eq(communes.codeDepartement, "58"), eq(communes.type, "commune-actuelle"))).then((l) => [{ n: l.length }]);
      expect(r.valeur.ifn.communes).toHaveLength(n);
      expect(r.valeur.ifn.communes.find((c) => c.code === "58001")?.score).toBeNull();
      const national = await tableauDeBordNational(db);
      expect(national.ifn.departements).toEqual([expect.objectContaining({ code: "58", score: attendu, calcule: true })]);
      expect(national.indicateurs.ifn.valeur).toBe(attendu);
    });
  });
});
