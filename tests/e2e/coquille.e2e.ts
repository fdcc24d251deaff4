import { describe, expect, it } from "vitest";
import { ROUTES, exempleDeChemin } from "@/securite/routes";
import { REGLES_DE_COULEUR, attendreHydratation, url, utiliserNavigateur, verifierAccessibilite, verifierPage, visiter } from "./outils";

const nouvelleSession = utiliserNavigateur();
const pages = ROUTES.filter((r) => r.type === "page");

describe("la coquille DSFR", () => {
  it.each(pages.map((r) => [exempleDeChemin(r), r] as const))("%s : en-tête, titre, fil d'Ariane, pied de page, sans violation d'accessibilité en thème clair et sombre", async (chemin) => {
    const session = await nouvelleSession();
    const reponse = await visiter(session, chemin);
    const { page } = session;
    expect(reponse.status()).toBe(200);
    expect(await page.title()).toContain("Espace France Numérique Ensemble");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    // One title per page (the display settings dialog has its own, outside <main>).
    expect(await page.locator("main h1").count()).toBe(1);
    expect(await page.getByRole("banner").getByText("Espace France Numérique Ensemble").first().isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Gouvernance" }).isVisible()).toBe(true);
    expect(await page.getByRole("contentinfo").getByRole("link", { name: /Accessibilité : non conforme/ }).isVisible()).toBe(true);
    if (chemin !== "/") {
      const fil = page.getByRole("navigation", { name: "vous êtes ici :" });
      expect(await fil.getByRole("link", { name: "Accueil" }).count()).toBeGreaterThan(0);
    }

    // The same page for someone whose system asks for the dark theme: only the colours change, so
    // the colour rules are checked again (every rule ran above).
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload({ waitUntil: "load" });
    await attendreHydratation(page);
    expect(await page.locator("html").getAttribute("data-fr-theme")).toBe("dark");
    await verifierAccessibilite(page, { regles: REGLES_DE_COULEUR });
    expect(session.erreursConsole, "Erreurs dans la console du navigateur").toEqual([]);
    await session.contexte.close();
  });

  it("une adresse inconnue donne une page 404 en français, dans la coquille", async () => {
    const session = await nouvelleSession();
    const reponse = await session.page.goto(url("/cette-page-n-existe-pas"));
    expect(reponse?.status()).toBe(404);
    // The browser logs the document's own 404; nothing else may fail.
    expect(session.erreursConsole.filter((e) => !e.includes("status of 404"))).toEqual([]);
    session.erreursConsole.length = 0;
    await verifierPage(session);
    expect(await session.page.locator("main h1").textContent()).toBe("Page non trouvée");
    await session.page.getByRole("link", { name: "Page d'accueil" }).click();
    await session.page.waitForURL(url("/"));
    await session.contexte.close();
  });

  it("au clavier, le premier lien d'évitement mène au contenu", async () => {
    const session = await nouvelleSession();
    await visiter(session, "/");
    const { page } = session;
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Contenu");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("contenu");
    await session.contexte.close();
  });

  it("la navigation principale mène aux données, marque la rubrique courante, et le fil d'Ariane ramène à l'accueil", async () => {
    const session = await nouvelleSession();
    await visiter(session, "/");
    const { page } = session;
    const menu = page.getByRole("navigation", { name: "Menu principal" });
    await menu.getByRole("link", { name: "Données de l'Inclusion Numérique" }).click();
    await page.waitForURL(url("/donnees/national"));
    expect(await menu.getByRole("link", { name: "Données de l'Inclusion Numérique" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByText("Données de démonstration — fictives").first().isVisible()).toBe(true);
    expect(await page.getByRole("table", { name: "Les 101 départements" }).getByRole("row").count()).toBe(102);
    await verifierPage(session);
    await page.getByRole("navigation", { name: "vous êtes ici :" }).getByRole("link", { name: "Accueil" }).click();
    await page.waitForURL(url("/"));
    await session.contexte.close();
  });

  it("le thème sombre se choisit dans les paramètres d'affichage, reste sans violation et survit au rechargement", async () => {
    const session = await nouvelleSession();
    await visiter(session, "/");
    const { page } = session;
    await page.getByRole("banner").getByRole("button", { name: "Paramètres d'affichage" }).first().click();
    const dialogue = page.getByRole("dialog", { name: "Paramètres d'affichage" });
    await dialogue.getByText("Thème sombre").click();
    await expect.poll(() => page.locator("html").getAttribute("data-fr-theme")).toBe("dark");
    await dialogue.getByRole("button", { name: "Fermer" }).click();
    // axe must not read colours in the middle of the closing transition.
    await dialogue.waitFor({ state: "hidden" });
    await verifierPage(session);
    await page.reload();
    await expect.poll(() => page.locator("html").getAttribute("data-fr-theme")).toBe("dark");
    await verifierPage(session);
    await session.contexte.close();
  });
});
