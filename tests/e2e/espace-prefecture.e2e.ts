import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seConnecter, url, utiliserNavigateur, verifierPage } from "./outils";

/*
 * The préfecture space on the embedded database with its demonstration candidates: the préfecture
 * of the Nièvre sees the counts of the public statistics, the candidates, the contacts, downloads
 * both files and checks them; it is refused the Côte-d'Or. The national team's page equals the
 * national API.
 */

const nouvelleSession = utiliserNavigateur();

/** The number in a statistics card, by the card's title and the line's label. */
async function nombre(page: Page, carte: string, ligne: string): Promise<number> {
  const texte = await page.locator("div", { has: page.getByRole("heading", { name: carte, exact: true }) }).last().locator("dl > div", { hasText: ligne }).locator("dd").textContent();
  return Number((texte ?? "").replace(/\s/g, ""));
}

async function telecharger(page: Page, declencheur: () => Promise<void>): Promise<{ nom: string; contenu: Buffer }> {
  const [telechargement] = await Promise.all([page.waitForEvent("download"), declencheur()]);
  const chemin = await telechargement.path();
  return { nom: telechargement.suggestedFilename(), contenu: readFileSync(chemin) };
}

describe("espace préfecture", () => {
  it("la préfecture de la Nièvre voit ses comptes, ses candidats, ses contacts, télécharge les deux fichiers ; la Côte-d'Or lui est refusée", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await seConnecter(session, "agent.espace.58@nievre.gouv.fr", "prefecture-departement", "--departement", "58");
    // "Espace préfecture" leads to its département.
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Espace préfecture" }).click();
    await page.waitForURL(url("/gouvernances/departements/58"));
    await verifierPage(session);
    expect(await page.locator("main h1").textContent()).toBe("Gouvernance de l'Inclusion Numérique");
    expect(await page.getByRole("navigation", { name: "vous êtes ici :" }).getByText("Gouvernance - Nièvre").isVisible()).toBe(true);
    const stats = (await (await fetch(url("/api/v1/departements/58/candidatures/statistiques"))).json()) as {
      porteurs: { collectivites: number };
      partenairesSuggeres: { collectivites: number; structures: number };
      souhaitentParticiper: { collectivites: number; structures: number };
    };
    expect(stats.porteurs.collectivites).toBeGreaterThanOrEqual(1);
    expect(await nombre(page, "Porteurs d'une feuille de route", "Collectivités")).toBe(stats.porteurs.collectivites);
    expect(await nombre(page, "Partenaires suggérés", "Collectivités")).toBe(stats.partenairesSuggeres.collectivites);
    expect(await nombre(page, "Partenaires suggérés", "Structures")).toBe(stats.partenairesSuggeres.structures);
    expect(await nombre(page, "Souhaitent participer", "Collectivités")).toBe(stats.souhaitentParticiper.collectivites);
    expect(await nombre(page, "Souhaitent participer", "Structures")).toBe(stats.souhaitentParticiper.structures);

    // The detail: the porteur first, with its partners.
    await page.getByRole("link", { name: "Voir le détail" }).click();
    await page.waitForURL(url("/gouvernances/departements/58/candidats"));
    await verifierPage(session);
    const premiere = page.locator("main article").first();
    expect(await premiere.getByRole("heading", { level: 3 }).textContent()).toBe("Nièvre");
    expect(await premiere.getByText("Porteur d'une feuille de route").isVisible()).toBe(true);
    expect(await premiere.getByRole("heading", { name: /^Collectivités partenaires suggérées/ }).isVisible()).toBe(true);
    // A filter: the structures only.
    await page.getByLabel("Type").selectOption("structure");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/type=structure/);
    await verifierPage(session);
    expect(await page.locator("main article").count()).toBe(stats.souhaitentParticiper.structures);

    // The contacts, and both files.
    await page.goto(url("/gouvernances/departements/58/contacts"));
    await verifierPage(session);
    const total = Number(/Télécharger les (\d+) contacts/.exec((await page.getByRole("heading", { name: /^Télécharger les/ }).textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThan(5);
    const csv = await telecharger(page, () => page.getByRole("button", { name: "Télécharger au format CSV" }).click());
    expect(csv.nom).toMatch(/^france-numerique-ensemble_contacts_departement-58_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/);
    expect([...csv.contenu.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const texte = csv.contenu.subarray(3).toString("utf8");
    const lignes = texte.split("\r\n").filter((l) => l !== "");
    expect(lignes[0]?.split(";")).toHaveLength(11);
    expect(lignes[0]).toContain('"Manifestation d\'intérêt"');
    expect(lignes).toHaveLength(total + 1);
    expect(texte).toContain('"Nièvre"');
    const xlsx = await telecharger(page, () => page.getByRole("link", { name: "Télécharger au format XLSX" }).click());
    expect(xlsx.nom).toMatch(/_departement-58_.*\.xlsx$/);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.contenu as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet("Contacts");
    expect((feuille?.getRow(1).values as unknown[]).slice(1)).toHaveLength(11);
    expect(feuille?.rowCount).toBe(total + 1);

    // The Côte-d'Or is not its territory: no contact, and its files are refused.
    await page.goto(url("/gouvernances/departements/21/contacts"));
    await verifierPage(session);
    expect(await page.getByText("Votre compte ne donne pas accès à ce territoire.").isVisible()).toBe(true);
    expect(await page.locator("main table").count()).toBe(0);
    expect((await page.request.get(url("/gouvernances/departements/21/contacts.csv"))).status()).toBe(403);
    expect((await page.request.get(url("/gouvernances/departements/21/contacts.xlsx"))).status()).toBe(403);
    expect((await page.request.get(url("/gouvernances/national/contacts.csv"))).status()).toBe(403);
    await session.contexte.close();
    // Without a session: 401.
    expect((await fetch(url("/gouvernances/departements/58/contacts.csv"))).status).toBe(401);
  });

  it("la page nationale de l'équipe nationale donne les nombres de l'API nationale", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await seConnecter(session, "equipe.nationale@anct.gouv.fr", "administrateur");
    await page.goto(url("/gouvernances/national"));
    await verifierPage(session);
    const api = (await (await fetch(url("/api/v1/statistiques/nationales"))).json()) as {
      candidatsCoPortage: Record<string, number>;
      souhaitentEtreImpliques: Record<string, number>;
      gouvernances: Record<string, number>;
    };
    const somme = (o: Record<string, number>, sauf?: string) => Object.entries(o).reduce((s, [k, v]) => (k === sauf ? s : s + v), 0);
    expect(await nombre(page, "Porteurs d'une feuille de route", "Collectivités")).toBe(somme(api.candidatsCoPortage));
    expect(await nombre(page, "Souhaitent participer", "Collectivités")).toBe(somme(api.souhaitentEtreImpliques, "structures"));
    expect(await nombre(page, "Souhaitent participer", "Structures")).toBe(api.souhaitentEtreImpliques.structures);
    // Every département counts once, whatever the state of its gouvernance.
    expect(somme(api.gouvernances)).toBe(101);
    // Each organisation counts once: never more than the sum over the départements.
    const departements = (await (await fetch(url("/api/v1/territoires/departements"))).json()) as Array<{ code: string }>;
    let structures = 0;
    for (const d of departements) structures += ((await (await fetch(url(`/api/v1/departements/${d.code}/candidatures/statistiques`))).json()) as { souhaitentParticiper: { structures: number } }).souhaitentParticiper.structures;
    // A structure counts in its one département: the national number is exactly their sum.
    expect(api.souhaitentEtreImpliques.structures).toBe(structures);
    await session.contexte.close();
  });
});
