import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remplacerConnexion } from "@/db/connexion-application";
import { utiliserBaseDeTest } from "@/db/test/base-de-test";
import { GET as sante } from "./health/route";
import { documentOpenApi } from "./v1/openapi";
import { GET as openapi } from "./v1/openapi.json/route";
import { GET as departement } from "./v1/territoires/departements/[code]/route";
import { GET as departements } from "./v1/territoires/departements/route";

const base = utiliserBaseDeTest();
beforeAll(() => remplacerConnexion(base.connexion()));
afterAll(() => remplacerConnexion(undefined));

const requete = (chemin: string) => new Request(`http://localhost${chemin}`);
const avecCode = (code: string) => ({ params: Promise.resolve({ code }) });

describe("API ouverte", () => {
  it("GET /api/health dit quelle base sert et combien de migrations sont appliquées", async () => {
    const reponse = await sante();
    const dossier = join(process.cwd(), "src/db/migrations");
    const migrations = readdirSync(dossier).filter((f) => f.endsWith(".sql")).length;
    expect(reponse.status).toBe(200);
    expect(await reponse.json()).toEqual({ statut: "ok", baseDeDonnees: base.connexion().type, migrations });
  });

  it("GET /api/v1/territoires/departements rend les 101 départements au format du contrat", async () => {
    const reponse = await departements(requete("/api/v1/territoires/departements"));
    expect(reponse.status).toBe(200);
    expect(reponse.headers.get("content-type")).toMatch(/application\/json/);
    const corps = (await reponse.json()) as { code: string; population: number }[];
    expect(corps).toHaveLength(101);
    expect(corps.reduce((s, d) => s + d.population, 0)).toBe(68_350_798);
    expect(Object.keys(corps[0] as object).sort()).toEqual(["code", "codeRegion", "communes", "epci", "nom", "population"]);
  });

  it("refuse un paramètre inclureOutreMer qui n'est ni true ni false, avec un message en français", async () => {
    const reponse = await departements(requete("/api/v1/territoires/departements?inclureOutreMer=oui"));
    expect(reponse.status).toBe(400);
    expect(await reponse.json()).toEqual({ erreur: "Le paramètre inclureOutreMer vaut « true » ou « false »." });
    const avecOutreMer = (await (await departements(requete("/api/v1/territoires/departements?inclureOutreMer=true"))).json()) as unknown[];
    expect(avecOutreMer).toHaveLength(109);
  });

  it("GET /api/v1/territoires/departements/58 rend la Nièvre, 404 pour un code inconnu, 400 pour un code mal formé", async () => {
    const nievre = await departement(requete("/api/v1/territoires/departements/58"), avecCode("58"));
    expect(nievre.status).toBe(200);
    expect(await nievre.json()).toMatchObject({ code: "58", nom: "Nièvre", region: { code: "27", nom: "Bourgogne-Franche-Comté" } });
    const inconnu = await departement(requete("/api/v1/territoires/departements/99"), avecCode("99"));
    expect(inconnu.status).toBe(404);
    expect(await inconnu.json()).toEqual({ erreur: "Aucun département ne porte le code « 99 »." });
    const malForme = await departement(requete("/api/v1/territoires/departements/x"), avecCode("x"));
    expect(malForme.status).toBe(400);
    expect(((await malForme.json()) as { erreur: string }).erreur).toMatch(/^Code de département invalide/);
  });

  it("le document OpenAPI décrit chaque route de /api", async () => {
    const reponse = openapi();
    const document = (await reponse.json()) as typeof documentOpenApi;
    const racine = join(process.cwd(), "src/app");
    const routes = (readdirSync(join(racine, "api"), { recursive: true }) as string[])
      .filter((f) => f.endsWith("route.ts"))
      .map((f) => `/${relative(racine, join(racine, "api", f)).replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}")}`)
      .sort();
    expect(routes.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(document.paths).sort()).toEqual(routes);
    expect(readFileSync(join(racine, "api/v1/openapi.json/route.ts"), "utf8")).toContain("documentOpenApi");
  });
});
