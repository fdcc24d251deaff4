import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remplacerConnexion } from "@/db/connexion-application";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { EMAIL_SOUS_PREFET, NOM_SOUS_PREFET, TEXTE_NOTE, contenusDeLaNievre, gouvernanceEcrite } from "@/db/test/gouvernance-de-test";
import { GET as gouvernance } from "./v1/gouvernances/[code]/route";
import { GET as gouvernances } from "./v1/gouvernances/route";
import { GET as statistiquesNationales } from "./v1/statistiques/nationales/route";

/*
 * The open API of the gouvernances (PRODUCT §12): the list, one département's public view, and the
 * national counts by state. The gouvernances are written in a transaction rolled back at the end,
 * which the routes read through their connection.
 */

const base = utiliserBaseDeTest();
beforeAll(() => remplacerConnexion(base.connexion()));
afterAll(() => remplacerConnexion(undefined));

const requete = (chemin: string) => new Request(`http://localhost${chemin}`);
const avecCode = (code: string) => ({ params: Promise.resolve({ code }) });
const deposeeLe = new Date("2026-11-20T09:30:00Z");

describe("API ouverte des gouvernances", () => {
  it("GET /api/v1/gouvernances/{code} : 400 code mal formé, 404 inconnu ou outre-mer, avec un message en français", async () => {
    const malForme = await gouvernance(requete("/api/v1/gouvernances/x"), avecCode("x"));
    expect(malForme.status).toBe(400);
    expect(((await malForme.json()) as { erreur: string }).erreur).toMatch(/^Code de département invalide/);
    const inconnu = await gouvernance(requete("/api/v1/gouvernances/99"), avecCode("99"));
    expect(inconnu.status).toBe(404);
    expect(await inconnu.json()).toEqual({ erreur: "Aucun département ne porte le code « 99 »." });
    expect((await gouvernance(requete("/api/v1/gouvernances/975"), avecCode("975"))).status).toBe(404);
  });

  it("une gouvernance déposée est publiée sans contact du sous-préfet ni note ; un brouillon ne donne que son état", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      remplacerConnexion(connexion);
      try {
        const contenus = await contenusDeLaNievre(connexion);
        await gouvernanceEcrite(connexion, "58", "deposee", contenus, { deposeeLe });
        await gouvernanceEcrite(connexion, "89", "brouillon", contenus);

        const reponse = await gouvernance(requete("/api/v1/gouvernances/58"), avecCode("58"));
        expect(reponse.status).toBe(200);
        expect(reponse.headers.get("content-type")).toMatch(/application\/json/);
        const texte = await reponse.text();
        expect(texte).not.toContain(EMAIL_SOUS_PREFET);
        expect(texte).not.toContain(NOM_SOUS_PREFET);
        expect(texte).not.toContain(TEXTE_NOTE);
        expect(texte).not.toContain("candidat:");
        const corps = JSON.parse(texte) as Record<string, unknown>;
        expect(Object.keys(corps).sort()).toEqual(["comites", "coPorteurs", "coordination", "demonstration", "departement", "deposeeLe", "etat", "feuillesDeRoute", "libelleEtat", "membres", "public", "valideeLe"].sort());
        expect(corps).toMatchObject({ public: true, etat: "deposee", deposeeLe: deposeeLe.toISOString(), valideeLe: null, departement: { code: "58", nom: "Nièvre" } });

        const brouillon = await gouvernance(requete("/api/v1/gouvernances/89"), avecCode("89"));
        expect(brouillon.status).toBe(200);
        const corpsBrouillon = await brouillon.text();
        expect(JSON.parse(corpsBrouillon)).toEqual({ public: false, departement: { code: "89", nom: "Yonne", region: { code: "27", nom: "Bourgogne-Franche-Comté" } }, etat: "brouillon", libelleEtat: "En préparation" });
        expect(corpsBrouillon).not.toContain(EMAIL_SOUS_PREFET);

        const liste = (await (await gouvernances()).json()) as Array<{ code: string; etat: string; public: boolean; deposeeLe: string | null; feuillesDeRoute: number | null }>;
        expect(liste).toHaveLength(101);
        expect(liste.find((l) => l.code === "58")).toMatchObject({ etat: "deposee", public: true, deposeeLe: deposeeLe.toISOString(), feuillesDeRoute: 2 });
        expect(liste.find((l) => l.code === "89")).toMatchObject({ etat: "brouillon", libelleEtat: "En préparation", public: false, feuillesDeRoute: null });
        expect(JSON.stringify(liste)).not.toContain(EMAIL_SOUS_PREFET);

        const statistiques = (await (await statistiquesNationales()).json()) as Record<string, unknown>;
        expect(Object.keys(statistiques)).toEqual(["prefecturesAyantRemonteUneGouvernance", "candidatsCoPortage", "souhaitentEtreImpliques", "gouvernances", "demonstration"]);
        expect(statistiques).toMatchObject({ prefecturesAyantRemonteUneGouvernance: 1, gouvernances: { aucune: 99, brouillon: 1, deposee: 1, validee: 0, aCompleter: 0 } });
      } finally {
        remplacerConnexion(base.connexion());
      }
    });
  });
});
