import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remplacerConnexion } from "@/db/connexion-application";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { importerIfn } from "@/services/import-ifn";
import { GET as csvDepartement } from "../donnees/departements/[code]/[fichier]/route";
import { GET as csvNational } from "../donnees/national/[fichier]/route";
import { GET as donneesDepartement } from "./v1/donnees/departements/[code]/route";
import { GET as donneesNational } from "./v1/donnees/national/route";

/*
 * The open data API and the CSV downloads of the dashboard. The IFN check runs on the real file's
 * rows of the Nièvre (../shared/data, EFNE_DONNEES_REELLES elsewhere; required in CI).
 */

const base = utiliserBaseDeTest();
beforeAll(() => remplacerConnexion(base.connexion()));
afterAll(() => remplacerConnexion(undefined));

const EXIGER = process.env.CI === "true";
const COMMUNES = join(resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data")), "ifn/ifn-communes.csv");
const requete = (chemin: string) => new Request(`http://localhost${chemin}`);
const avec = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

interface Commune {
  code: string;
  nom: string;
  score: number | null;
  thd: number | null;
  quatreG: number | null;
  pauvrete: number | null;
  plus65: number | null;
  peuDiplomes: number | null;
  calcule: boolean;
}

describe("API ouverte des données et téléchargements CSV", () => {
  it("GET /api/v1/donnees/departements/{code} : 400 code mal formé, 404 inconnu ; chaque indicateur a sa source et sa date", async () => {
    const malForme = await donneesDepartement(requete("/api/v1/donnees/departements/x"), avec({ code: "x" }));
    expect(malForme.status).toBe(400);
    expect(((await malForme.json()) as { erreur: string }).erreur).toMatch(/^Code de département invalide/);
    const inconnu = await donneesDepartement(requete("/api/v1/donnees/departements/99"), avec({ code: "99" }));
    expect(inconnu.status).toBe(404);
    expect(await inconnu.json()).toEqual({ erreur: "Aucun département ne porte le code « 99 »." });

    const reponse = await donneesDepartement(requete("/api/v1/donnees/departements/58"), avec({ code: "58" }));
    expect(reponse.status).toBe(200);
    const corps = (await reponse.json()) as { code: string; nom: string; indicateurs: Record<string, Record<string, unknown>>; lieux: Record<string, unknown>; ifn: Record<string, unknown> };
    expect(corps).toMatchObject({ code: "58", nom: "Nièvre", codeRegion: "27" });
    for (const [cle, i] of Object.entries(corps.indicateurs)) {
      expect(Object.keys(i).filter((k) => k !== "calcule").sort(), cle).toEqual(["dateMiseAJour", "demonstration", "source", "valeur"]);
    }
    expect(Object.keys(corps.lieux).sort()).toEqual(["dateMiseAJour", "demonstration", "frr", "parDispositif", "parTypologie", "qpv", "source", "total"]);
    expect(Object.keys(corps.ifn).sort()).toEqual(["communes", "dateMiseAJour", "demonstration", "epci", "source"]);

    const national = await donneesNational();
    const n = (await national.json()) as { departements: Array<{ code: string; population: number }>; indicateurs: { population: { valeur: number } } };
    expect(n.departements).toHaveLength(101);
    expect(n.departements.reduce((s, d) => s + d.population, 0)).toBe(n.indicateurs.population.valeur);
  });

  it.runIf(existsSync(COMMUNES) || EXIGER)("rend les scores du fichier réel tels quels pour chaque commune de la Nièvre (une seule ligne : calcule false ; ligne à zéro : null)", async () => {
    const lignes = readFileSync(COMMUNES, "utf8").split("\n");
    const entete = lignes[0] as string;
    const colonnes = entete.split(",");
    const position = (nom: string) => colonnes.indexOf(nom);
    const nievre = lignes.slice(1).filter((l) => l.split(",")[position("code")]?.startsWith("58"));
    expect(nievre.length).toBeGreaterThan(250);
    // Inside a transaction rolled back at the end: the routes read it (their connection is the
    // transaction's), and the other test files sharing the database never see this set.
    await dansUneTransaction(base.connexion(), async (connexion) => {
      remplacerConnexion(connexion);
      try {
        const r = await importerIfn({
          connexion,
          niveau: "communes",
          source: { nom: "ifn-communes-58.csv", octets: (async function* () { yield new TextEncoder().encode([entete, ...nievre].join("\n")); })() },
          maintenant: new Date("2026-11-29T09:00:00Z"),
          forcer: true,
        });
        if (!r.ok) throw new Error(r.erreur);
        const reponse = await donneesDepartement(requete("/api/v1/donnees/departements/58"), avec({ code: "58" }));
        const corps = (await reponse.json()) as { ifn: { communes: Commune[]; demonstration: boolean; source: string } };
        expect(corps.ifn.demonstration).toBe(false);
        expect(corps.ifn.source).toBe("La MedNum — Indice de fragilité numérique");
        const parCode = new Map(corps.ifn.communes.map((c) => [c.code, c]));
        const compteParCode = new Map<string, number>();
        for (const l of nievre) compteParCode.set(l.split(",")[position("code")] as string, (compteParCode.get(l.split(",")[position("code")] as string) ?? 0) + 1);
        let comparees = 0;
        for (const l of nievre) {
          const champs = l.split(",");
          const code = champs[position("code")] as string;
          const commune = parCode.get(code);
          if (!commune || compteParCode.get(code) !== 1 || commune.calcule) continue;
          const valeurs = ["total", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate"].map((c) => Number(champs[position(c)]));
          const attendu = valeurs.every((v) => v === 0) ? [null, null, null, null, null, null] : valeurs;
          expect([commune.score, commune.thd, commune.quatreG, commune.pauvrete, commune.plus65, commune.peuDiplomes], code).toEqual(attendu);
          comparees += 1;
        }
        expect(comparees).toBeGreaterThan(250);
      } finally {
        remplacerConnexion(base.connexion());
      }
    });
  });

  it("chaque tableau se télécharge en CSV (BOM, point-virgule et virgule décimale par défaut) ; un tableau inconnu : 404", async () => {
    const csv = await csvDepartement(requete("/donnees/departements/58/chiffres-cles.csv"), avec({ code: "58", fichier: "chiffres-cles.csv" }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="france-numerique-ensemble_donnees_departement-58_chiffres-cles.csv"');
    const octets = new Uint8Array(await csv.arrayBuffer());
    expect([...octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const texte = new TextDecoder().decode(octets);
    expect(texte.startsWith('"Indicateur";"Valeur";')).toBe(true);
    expect(texte).toMatch(/"Population";"\d+";"Code officiel géographique \d{4} \(INSEE\)"/);
    const virgule = await (await csvNational(requete("/donnees/national/departements.csv?separateur=virgule"), avec({ fichier: "departements.csv" }))).text();
    expect(virgule.split("\r\n").filter(Boolean)).toHaveLength(102);
    expect(virgule).toContain('"58","Nièvre",');
    const inconnu = await csvNational(requete("/donnees/national/nimporte.csv"), avec({ fichier: "nimporte.csv" }));
    expect(inconnu.status).toBe(404);
    expect(((await inconnu.json()) as { erreur: string }).erreur).toContain("chiffres-cles.csv");
    const mauvais = await csvNational(requete("/donnees/national/departements.csv?separateur=tab"), avec({ fichier: "departements.csv" }));
    expect(mauvais.status).toBe(400);
    const horsDepartement = await csvDepartement(requete("/donnees/departements/99/chiffres-cles.csv"), avec({ code: "99", fichier: "chiffres-cles.csv" }));
    expect(horsDepartement.status).toBe(404);
  });
});
