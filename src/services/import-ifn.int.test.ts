import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { indicesFragilite, jeuxDeDonnees } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import { chargerDemonstration } from "./demonstration";
import { importerIfn, rapportDImport } from "./import-ifn";

/*
 * The IFN import on the real files of ../shared/data/ifn (EFNE_DONNEES_REELLES to point elsewhere),
 * and on small files of our own for the cases the real ones do not show.
 */

const base = utiliserBaseDeTest();
/** In CI the real files must be there: a missing file fails instead of skipping. */
const EXIGER = process.env.CI === "true";
const maintenant = new Date("2026-11-29T09:00:00Z");
const DOSSIER = resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data"));
const COMMUNES = join(DOSSIER, "ifn/ifn-communes.csv");
const EPCI = join(DOSSIER, "ifn/ifn-epci.csv");

async function fichier(chemin: string): Promise<SourceDeFichier> {
  const o = await ouvrirSource(chemin);
  if (!o.ok) throw new Error(`${o.erreur.code} ${o.erreur.detail}`);
  return o.source;
}

function texte(nom: string, contenu: string | Uint8Array): SourceDeFichier {
  const octets = typeof contenu === "string" ? new TextEncoder().encode(contenu) : contenu;
  return {
    nom,
    octets: (async function* () {
      // In small pieces, to cut lines and characters anywhere.
      for (let i = 0; i < octets.length; i += 7) yield octets.subarray(i, i + 7);
    })(),
  };
}

const ENTETE = "name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total\n";

async function actifs(connexion: Connexion, nature: string) {
  return connexion.db.select().from(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, nature), eq(jeuxDeDonnees.etat, "actif")));
}

describe("import de l'indice de fragilité numérique", () => {
  it.runIf(existsSync(COMMUNES) || EXIGER)("le fichier réel des communes : chaque ligne acceptée, corrigée ou rejetée avec sa raison ; Paris calculé ; réimporter ne change rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const lignesDuFichier = readFileSync(COMMUNES, "utf8").split("\n").filter((l) => l.trim() !== "").length - 1;
      const r = await importerIfn({ connexion, niveau: "communes", source: await fichier(COMMUNES), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      const b = r.valeur;
      expect(b.lignesLues).toBe(lignesDuFichier);
      expect(b.acceptees + b.rejetees).toBe(b.lignesLues);
      // Codes of 2023 that are no current commune nor a known former one are reported, never dropped silently.
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(new Set(rapport.filter((l) => l.nature === "rejet").map((l) => l.ligne)).size).toBe(b.rejetees);
      expect(rapport.every((l) => l.raison.length > 10)).toBe(true);
      expect(b.rejetees).toBeGreaterThan(0);
      expect(b.corrigees).toBeGreaterThan(0);
      // Paris: its 20 arrondissements give our population-weighted mean.
      const [paris] = await connexion.db.select().from(indicesFragilite).where(and(eq(indicesFragilite.jeuDeDonneesId, b.jeu as string), eq(indicesFragilite.code, "75056")));
      expect(paris?.calcule).toBe(true);
      expect(paris?.codesSources).toHaveLength(20);
      expect(paris?.score).toBeGreaterThan(1);
      expect(paris?.score).toBeLessThan(10);
      // A row of the file carried unchanged.
      const [abergement] = await connexion.db.select().from(indicesFragilite).where(and(eq(indicesFragilite.jeuDeDonneesId, b.jeu as string), eq(indicesFragilite.code, "01001")));
      expect(abergement).toMatchObject({ score: 6, thd: 10, quatreG: 7, calcule: false, codesSources: ["01001"] });
      // An all-zero row: "Non disponible".
      const [beaumont] = await connexion.db.select().from(indicesFragilite).where(and(eq(indicesFragilite.jeuDeDonneesId, b.jeu as string), eq(indicesFragilite.code, "55039")));
      expect(beaumont?.score).toBeNull();
      expect(rapport.some((l) => l.valeur === "55039" && l.raison.includes("Non disponible"))).toBe(true);
      expect(b.sansDonnees).toBeGreaterThan(0);

      // The same file again: nothing changes.
      const encore = await importerIfn({ connexion, niveau: "communes", source: await fichier(COMMUNES), maintenant });
      expect(encore.ok && encore.valeur.inchange).toBe(true);
      expect((await actifs(connexion, "ifn-communes")).map((j) => j.id)).toEqual([b.jeu]);
      // Forced, the same rows.
      const force = await importerIfn({ connexion, niveau: "communes", source: await fichier(COMMUNES), maintenant, forcer: true });
      if (!force.ok) throw new Error(force.erreur);
      const avant = await connexion.db.select({ n: indicesFragilite.code }).from(indicesFragilite).where(eq(indicesFragilite.jeuDeDonneesId, force.valeur.jeu as string));
      expect(avant).toHaveLength(b.enregistrees);
      expect((await actifs(connexion, "ifn-communes")).map((j) => j.id)).toEqual([force.valeur.jeu]);
    });
  }, 120_000);

  it.runIf(existsSync(EPCI) || EXIGER)("le fichier réel des EPCI", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerIfn({ connexion, niveau: "epci", source: await fichier(EPCI), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur.lignesLues).toBe(readFileSync(EPCI, "utf8").split("\n").filter((l) => l.trim() !== "").length - 1);
      expect(r.valeur.enregistrees).toBe(r.valeur.acceptees);
      expect(r.valeur.enregistrees).toBeGreaterThan(1000);
    });
  });

  it("rejette une ligne à la fois avec sa raison, et continue ; refuse un fichier dont l'en-tête n'est pas celui de l'IFN", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const contenu =
        ENTETE +
        "Nevers,city,58194,1,2,3,4,5,3\n" +
        "Nevers encore,city,58194,1,2,3,4,5,3\n" +
        "Inconnue,city,99999,1,2,3,4,5,3\n" +
        "Mal écrite,city,5819,1,2,3,4,5,3\n" +
        "Hors échelle,city,58086,1,2,3,4,50,12\n" +
        '"=HYPERLINK(""x"")",epci,58001,1,2,3,4,5,3\n' +
        "Courte,city,58002\n" +
        "Sauvigny-les-Bois,city,58273,2,2,2,2,2,2\n" +
        "Sans valeur,city,58003,,,,,,\n";
      const r = await importerIfn({ connexion, niveau: "communes", source: texte("essai.csv", contenu), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ lignesLues: 9, acceptees: 2, rejetees: 7, enregistrees: 2 });
      const raisons = (await rapportDImport(connexion.db, r.valeur.jeu as string)).map((l) => `${l.ligne}:${l.champ}:${l.raison}`);
      expect(raisons).toEqual([
        "3:code:Code déjà présent plus haut dans le fichier : la première ligne est gardée.",
        "4:code:Code inconnu du Code officiel géographique en service, et d'aucune commune ancienne connue.",
        "5:code:Code commune invalide : 5 caractères attendus (exemple : 58194).",
        "6:nscol15p_rate:Valeur hors de l'échelle de 0 à 10.",
        "6:total:Valeur hors de l'échelle de 0 à 10.",
        "7:division:« city » attendu pour ce fichier.",
        "8:null:Ligne incomplète : 9 colonnes attendues, 3 lues.",
        "10:null:Aucune valeur d'indice sur cette ligne.",
      ]);
      expect(await importerIfn({ connexion, niveau: "communes", source: texte("lieux.csv", "nom,adresse\nx,y\n"), maintenant })).toMatchObject({ ok: false, erreur: "enteteInvalide" });
      expect(await importerIfn({ connexion, niveau: "communes", source: texte("vide.csv", ""), maintenant })).toMatchObject({ ok: false, erreur: "fichierVide" });
    });
  });

  it("lit un fichier en Windows-1252 et rattache une ancienne commune à la commune actuelle", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const [ancienne] = (await connexion.db.execute("select a.code, a.code_commune as commune from anciennes_communes a order by a.code limit 1").then((x) => (Array.isArray(x) ? x : (x as { rows: unknown[] }).rows))) as Array<{ code: string; commune: string }>;
      const latin1 = Uint8Array.from(Buffer.from(`${ENTETE}Épinal,city,88160,1,2,3,4,5,3\nAncienne,city,${ancienne?.code},4,4,4,4,4,4\n`, "latin1"));
      const r = await importerIfn({ connexion, niveau: "communes", source: texte("latin1.csv", latin1), maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ acceptees: 2, rejetees: 0, corrigees: 1 });
      const lignes = await connexion.db.select().from(indicesFragilite).where(eq(indicesFragilite.jeuDeDonneesId, r.valeur.jeu as string));
      expect(lignes.find((l) => l.code === ancienne?.commune)).toMatchObject({ score: 4, calcule: false, codesSources: [ancienne?.code] });
    });
  });

  it("la démonstration a un IFN fictif par commune et par EPCI ; un import réel le remplace, et la démonstration ne revient pas par-dessus", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const demo = await chargerDemonstration({ connexion, maintenant });
      if (!demo.ok) throw new Error(demo.erreur);
      const [communes] = (await connexion.db.execute("select count(*)::int as n from communes where type = 'commune-actuelle'").then((x) => (Array.isArray(x) ? x : (x as { rows: unknown[] }).rows))) as Array<{ n: number }>;
      expect(demo.valeur.parNature["ifn-communes"]).toBe(Number(communes?.n));
      expect(demo.valeur.parNature["ifn-epci"]).toBeGreaterThan(1000);
      expect((await actifs(connexion, "ifn-communes")).map((j) => j.provenance)).toEqual(["demonstration"]);
      // Fictitious notes from 1 to 10 and their mean; the same code gives the same notes at every load.
      const lire = () => connexion.db.select().from(indicesFragilite).where(eq(indicesFragilite.provenance, "demonstration"));
      const premieres = await lire();
      for (const l of premieres) {
        const notes = [l.thd, l.quatreG, l.pauvrete, l.plus65, l.peuDiplomes] as number[];
        expect(notes.every((n) => n >= 1 && n <= 10)).toBe(true);
        expect(l.score).toBeCloseTo(notes.reduce((a, b) => a + b, 0) / 5, 3);
      }
      expect(new Set(premieres.map((l) => l.score)).size).toBeGreaterThan(50);
      await chargerDemonstration({ connexion, maintenant });
      const secondes = new Map((await lire()).map((l) => [`${l.niveau}:${l.code}`, l.score]));
      expect(premieres.every((l) => secondes.get(`${l.niveau}:${l.code}`) === l.score)).toBe(true);
      const r = await importerIfn({ connexion, niveau: "communes", source: texte("reel.csv", `${ENTETE}Nevers,city,58194,1,2,3,4,5,3\n`), maintenant });
      expect(r.ok).toBe(true);
      expect((await actifs(connexion, "ifn-communes")).map((j) => j.provenance)).toEqual(["import"]);
      expect(await connexion.db.select().from(indicesFragilite).where(eq(indicesFragilite.provenance, "demonstration")).then((l) => l.filter((x) => x.niveau === "commune"))).toEqual([]);
      const encore = await chargerDemonstration({ connexion, maintenant });
      expect(encore.ok && encore.valeur.ignorees).toContain("ifn-communes");
      expect((await actifs(connexion, "ifn-communes")).map((j) => j.provenance)).toEqual(["import"]);
      // The EPCI level had no real data: its demonstration stays.
      expect((await actifs(connexion, "ifn-epci")).map((j) => j.provenance)).toEqual(["demonstration"]);
    });
  }, 120_000);
});
