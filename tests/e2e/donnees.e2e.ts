import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saisir } from "./formulaires";
import { cli, url, utiliserNavigateur, verifierPage, visiter, type Session } from "./outils";

/*
 * The public data dashboard on the embedded database: first with its demonstration data and no
 * geometry (the page says so and shows the tables), then after importing real files of
 * ../shared/data — the départements' and the Nièvre's communes' shapes and the Nièvre's rows of
 * the IFN file — the national map and the Nièvre's map, explored with the keyboard only. The
 * national team enters a national rate of the diagnostic des publics, which the dashboard applies.
 */

const nouvelleSession = utiliserNavigateur();
const DONNEES = resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data"));
const dossier = mkdtempSync(join(tmpdir(), "efne-e2e-donnees-"));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

function importer(...argv: string[]) {
  const r = cli("donnees:importer", ...argv);
  expect(r.code, `${r.sortie}\n${r.erreurs}`).toBe(0);
}

/** The text of the map's details panel. */
const panneau = (session: Session) => session.page.locator("figure [aria-live='polite']");

describe("tableau de bord des données et cartes sans serveur de tuiles", () => {
  it("sans contours importés, la page le dit et montre les tableaux ; après import, cartes et détails au clavier", async () => {
    const session = await nouvelleSession();
    const page = session.page;
    await visiter(session, "/donnees");
    expect(page.url()).toBe(url("/donnees/national"));
    expect(await page.getByText("Aucun contour de département n'est importé").isVisible()).toBe(true);
    expect(await page.getByRole("table", { name: "Les 101 départements" }).locator("tbody tr").count()).toBe(101);
    expect(await page.getByText("Données de démonstration — fictives").count()).toBeGreaterThan(0);

    // Real files: the départements' shapes, the Nièvre's communes, the Nièvre's rows of the IFN file.
    importer("geometrie", join(DONNEES, "geo/departements.topo.json"), "--niveau", "departements");
    importer("geometrie", join(DONNEES, "geo/communes/58.topo.json"), "--niveau", "communes");
    const ifn = readFileSync(join(DONNEES, "ifn/ifn-communes.csv"), "utf8").split("\n");
    const nievre = ifn.filter((l, i) => i === 0 || l.split(",")[2]?.startsWith("58"));
    writeFileSync(join(dossier, "ifn-58.csv"), nievre.join("\n"));
    importer("ifn-communes", join(dossier, "ifn-58.csv"));

    await visiter(session, "/donnees/national");
    const carte = page.getByRole("group", { name: /Indice de fragilité numérique des départements/ });
    expect(await carte.getByRole("link").count()).toBe(101);
    // Keyboard: the skip link, then the first département of the map; its details show.
    await page.getByRole("link", { name: "Passer la carte : voir le tableau des données" }).focus();
    await page.keyboard.press("Tab");
    const premier = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    expect(premier).toMatch(/^Ain \(01\) : IFN /);
    await expect.poll(() => panneau(session).textContent()).toContain("Ain (01)");

    // The switcher, with the keyboard.
    await page.getByLabel("Territoire affiché").focus();
    await page.getByLabel("Territoire affiché").selectOption("58");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(url("/donnees/departements/58"));
    await verifierPage(session);
    const communes = page.getByRole("group", { name: /Indice de fragilité numérique des communes — Nièvre/ });
    expect(await communes.locator("[data-zone]").count()).toBeGreaterThan(300);
    // The IFN of Nevers comes from the file, as the API says.
    const api = (await (await fetch(url("/api/v1/donnees/departements/58"))).json()) as { ifn: { source: string; communes: Array<{ code: string; score: number | null }> } };
    expect(api.ifn.source).toBe("La MedNum — Indice de fragilité numérique");
    const ligneNevers = nievre.find((l) => l.split(",")[2] === "58194")?.split(",") as string[];
    expect(api.ifn.communes.find((c) => c.code === "58194")?.score).toBe(Number(ligneNevers[8]));
    await page.getByRole("link", { name: "Passer la carte : voir le tableau des données" }).focus();
    await page.keyboard.press("Tab");
    const zone = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    expect(zone).toMatch(/ : IFN (\d+,\d sur 10|non disponible)$/);
    await expect.poll(() => panneau(session).textContent()).toContain((zone as string).split(" : ")[0]);
    expect(await panneau(session).textContent()).toContain("Part des 65 ans et plus");
    await page.keyboard.press("Escape");
    await expect.poll(() => panneau(session).textContent()).not.toContain("Part des 65 ans et plus");
    // The skip link leads to the table, which has every commune.
    await page.getByRole("link", { name: "Passer la carte : voir le tableau des données" }).press("Enter");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#tableau-ifn");
    const csv = await fetch(url("/donnees/departements/58/ifn-communes.csv"));
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\r\n").filter(Boolean).length).toBe((await communes.locator("[data-zone]").count()) + 1);

    // EPCI scale: no EPCI shapes imported here, said in words.
    await page.getByRole("link", { name: "EPCI", exact: true }).press("Enter");
    await page.waitForURL(url("/donnees/departements/58?carte=epci"));
    await verifierPage(session);
    expect(await page.getByText("Aucun contour d'EPCI n'est importé").isVisible()).toBe(true);
    await session.contexte.close();
  }, 180_000);

  it("l'équipe nationale saisit un taux national ; le diagnostic des publics l'applique à la population du département", async () => {
    const session = await nouvelleSession();
    const page = session.page;
    const email = "equipe.nationale.donnees@anct.gouv.fr";
    const creation = cli("utilisateurs:creer", "--email", email, "--role", "administrateur");
    expect(creation.code, creation.erreurs).toBe(0);
    const lien = new URL(cli("connexion:lien", "--email", email).sortie.split("\n")[0] as string);
    await page.goto(url(`${lien.pathname}${lien.search}`));
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(url("/profil"));

    await visiter(session, "/administration/donnees/publics");
    await page.getByRole("link", { name: "Ajouter un taux" }).press("Enter");
    await page.waitForURL(url("/administration/donnees/publics/ajouter"));
    await verifierPage(session);
    await saisir(page, /^Public concerné/, "Personnes n'ayant pas utilisé internet depuis un an");
    await saisir(page, /^Taux national/, "12,5");
    await saisir(page, /^Source \*/, "Baromètre de test");
    await saisir(page, /^Année des données/, "2025");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/administration\/donnees\/publics\?/);
    await verifierPage(session);
    expect(await page.getByRole("row", { name: /Personnes n'ayant pas utilisé internet depuis un an/ }).count()).toBe(1);

    await visiter(session, "/donnees/departements/58");
    const population = (await (await fetch(url("/api/v1/territoires/departements/58"))).json()) as { population: number };
    const attendu = new Intl.NumberFormat("fr-FR").format(Number((population.population * 0.125).toPrecision(3)));
    const ligne = page.getByRole("row", { name: /Personnes n'ayant pas utilisé internet depuis un an/ });
    expect(await ligne.textContent()).toContain(`environ ${attendu} personnes`);
    await session.contexte.close();
  });
});
