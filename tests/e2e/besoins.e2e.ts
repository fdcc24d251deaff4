import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { appuyer } from "./formulaires";
import { attendreHydratation, cliSur, seConnecter, url as urlPglite, urlSur, utiliserNavigateur, verifierAccessibilite, verifierPage, type Session } from "./outils";

/*
 * The besoins en ingénierie financière of the Nièvre, with the keyboard alone and axe on every page
 * of the wizard: a ticked need without its type and an "Autre" without its précision are refused
 * with their messages, then corrected; the needs are ranked with the buttons and confirmed; a need
 * added afterwards comes at the end of the ranking. Then the Côte-d'Or, whose (demonstration)
 * proposal is déposée, confirms its besoins: its page says "2 formulaires complétés".
 *
 * On the PostgreSQL server: the journey of the gouvernance validates the Nièvre's proposal on the
 * embedded one, which locks its besoins, and the files do not run in a fixed order.
 */

const nouvelleSession = utiliserNavigateur();
const SERVEUR = "postgresql" as const;
const url = (chemin: string) => urlSur(SERVEUR, chemin);
const BESOINS = "/gouvernances/departements/58/besoins";
const EMAIL = "agent.besoins.58@nievre.gouv.fr";

async function seConnecterSurPostgresql(session: Session) {
  const creation = cliSur(SERVEUR, "utilisateurs:creer", "--email", EMAIL, "--role", "prefecture-departement", "--departement", "58");
  expect(creation.code, creation.erreurs).toBe(0);
  const r = cliSur(SERVEUR, "connexion:lien", "--email", EMAIL);
  expect(r.code, r.erreurs).toBe(0);
  const lien = new URL(r.sortie.split("\n")[0] as string);
  await session.page.goto(url(`${lien.pathname}${lien.search}`));
  await session.page.getByRole("button", { name: "Me connecter" }).click();
  await session.page.waitForURL(url("/profil"));
}

/** Space on a checkbox reached by its label, inside a part of the page. */
async function cocher(page: Page, dans: Locator | Page, nom: string | RegExp) {
  await dans.getByRole("checkbox", { name: nom, exact: typeof nom === "string" }).focus();
  await page.keyboard.press("Space");
}

async function saisirDans(page: Page, dans: Locator | Page, libelle: string | RegExp, texte: string) {
  await dans.getByLabel(libelle, { exact: typeof libelle === "string" }).focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(texte);
}

const categorie = (page: Page, nom: string) => page.getByRole("group", { name: nom, exact: true });
const typeDe = (page: Page, besoin: string) => page.getByRole("group", { name: new RegExp(`^Type de besoin \\* : ${besoin.replace(/[()]/g, "\\$&")}`) });
/** The cards of step 2, by their id, in the order shown. */
const ordre = (page: Page) =>
  page
    .getByRole("list", { name: "Vos besoins, du plus au moins important" })
    .locator(":scope > li")
    .evaluateAll((lis) => lis.map((li) => li.id));
const focus = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

describe("besoins en ingénierie financière, au clavier", () => {
  it("la préfecture de la Nièvre sélectionne ses besoins (deux messages corrigés), les classe avec les boutons, confirme, puis ajoute un besoin qui vient en fin de classement", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await seConnecterSurPostgresql(session);

    // From the département's page to the introduction.
    await page.goto(url("/gouvernances/departements/58"));
    await page.getByText("Besoins en ingénierie financière non commencés.").waitFor();
    await appuyer(page, "Renseigner les besoins en ingénierie financière", "link");
    await page.waitForURL(url(BESOINS));
    await verifierPage(session);
    expect(await page.locator("main h1").textContent()).toBe("Besoins en ingénierie financière");
    for (const objectif of ["Formaliser les feuilles de route", "Financer le déploiement de la feuille de route", "Outils des acteurs du territoire", "Former les professionnels à l'inclusion numérique"]) {
      expect(await page.locator("main li", { hasText: objectif }).count()).toBe(1);
    }
    expect(await page.getByText(/n'engagent pas le département/).isVisible()).toBe(true);
    expect(await page.getByText(/^Vos besoins sont modifiables /).isVisible()).toBe(true);

    // Step 1: a need without its type, an "Autre" without its précision.
    await appuyer(page, "Renseigner les besoins de ma gouvernance", "link");
    await page.waitForURL(url(`${BESOINS}/selection`));
    await verifierPage(session);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sélectionnez vos besoins en ingénierie financière Étape 1 sur 2");
    expect(await page.locator(".fr-stepper__details").textContent()).toBe("Étape suivante : Priorisez vos besoins en ingénierie financière");
    const formalisation = categorie(page, "Formaliser les feuilles de route");
    const financement = categorie(page, "Financer le déploiement de la feuille de route");
    const outillage = categorie(page, "Outils des acteurs du territoire");
    const formation = categorie(page, "Former les professionnels à l'inclusion numérique");
    await cocher(page, formalisation, "Faire un diagnostic territorial");
    await cocher(page, financement, "Monter des dossiers de subvention complexes");
    await cocher(page, typeDe(page, "Monter des dossiers de subvention complexes"), /^Ressource humaine/);
    await saisirDans(page, financement, /^De combien d'ETP estimez-vous avoir besoin \?/, "0,5");
    await cocher(page, outillage, "Structurer une filière de reconditionnement locale");
    await cocher(page, typeDe(page, "Structurer une filière de reconditionnement locale"), "Prestation de service");
    await cocher(page, formation, /^Former les agents publics/);
    await saisirDans(page, formation, /^Combien de personnes estimez-vous devoir former \?/, "12");
    await cocher(page, formation, "Autre");
    await appuyer(page, "Étape suivante");
    // The summary takes the focus; each message is next to its field.
    await page.locator(":focus", { hasText: "2 points sont à corriger" }).waitFor();
    const messageType = "Veuillez préciser le type de besoin : ressource humaine et/ou prestation de service.";
    expect(await typeDe(page, "Faire un diagnostic territorial").getByText(messageType).isVisible()).toBe(true);
    expect(await formation.locator(".fr-error-text", { hasText: "Veuillez préciser votre besoin." }).isVisible()).toBe(true);
    expect(await formation.getByLabel(/^Précisez votre besoin/).getAttribute("aria-invalid")).toBe("true");
    // Nothing typed is lost.
    expect(await financement.getByLabel(/^De combien d'ETP/).inputValue()).toBe("0,5");
    await verifierAccessibilite(page);
    await cocher(page, typeDe(page, "Faire un diagnostic territorial"), "Prestation de service");
    await saisirDans(page, formation, /^Précisez votre besoin/, "Tuteurs du numérique");
    await appuyer(page, "Étape suivante");

    // Step 2: five cards, the ressource humaine moved to the top, a prestation one place down.
    await page.waitForURL(url(`${BESOINS}/priorisation`));
    await verifierPage(session);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Priorisez vos besoins en ingénierie financière Étape 2 sur 2");
    const rh = "carte-ressourceHumaine";
    const diagnostic = "carte-prestation-formalisation-diagnostic";
    const reconditionnement = "carte-prestation-outillage-reconditionnement";
    const agents = "carte-formation-formation-agentsPublics";
    const autre = "carte-formation-formation-autre";
    expect(await ordre(page)).toEqual([diagnostic, reconditionnement, agents, autre, rh]);
    expect(await page.locator(`#${rh} h2`).textContent()).toBe("Ressource humaine (0,5 ETP)");
    const monter = page.getByRole("button", { name: "Augmenter la priorité de « Ressource humaine (0,5 ETP) »" });
    await monter.focus();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press("Enter");
    await expect.poll(() => ordre(page)).toEqual([rh, diagnostic, reconditionnement, agents, autre]);
    await page.getByText("« Ressource humaine (0,5 ETP) » passe en position 1 sur 5").waitFor({ state: "attached" });
    // The focus stayed on the button, now at the end of its course.
    expect(await focus(page)).toBe(`${rh}-augmenter`);
    expect(await monter.getAttribute("aria-disabled")).toBe("true");
    await appuyer(page, "Diminuer la priorité de « Prestation de service — Faire un diagnostic territorial »");
    await expect.poll(() => ordre(page)).toEqual([rh, reconditionnement, diagnostic, agents, autre]);
    expect(await focus(page)).toBe(`${diagnostic}-diminuer`);
    await page.getByText("« Prestation de service — Faire un diagnostic territorial » passe en position 3 sur 5").waitFor({ state: "attached" });
    await verifierAccessibilite(page);
    await appuyer(page, "Confirmer");
    await page.getByRole("heading", { name: "Vos besoins en ingénierie financière ont bien été enregistrés" }).waitFor();

    // Back to step 1: one more need, which comes at the end.
    await appuyer(page, "Modifier la sélection", "link");
    await page.waitForURL(url(`${BESOINS}/selection`));
    await verifierPage(session);
    expect(await formation.getByLabel(/^Précisez votre besoin/).inputValue()).toBe("Tuteurs du numérique");
    await cocher(page, formalisation, "Rédiger la feuille de route");
    await cocher(page, typeDe(page, "Rédiger la feuille de route"), "Prestation de service");
    await appuyer(page, "Étape suivante");
    await page.waitForURL(url(`${BESOINS}/priorisation`));
    await verifierPage(session);
    expect(await ordre(page)).toEqual([rh, reconditionnement, diagnostic, agents, autre, "carte-prestation-formalisation-redaction"]);

    // The département's page: the ranking is to be confirmed again.
    await page.goto(url("/gouvernances/departements/58"));
    expect(await page.getByText("Sélection des besoins enregistrée : leur classement par priorité reste à faire.").isVisible()).toBe(true);
    await session.contexte.close();

    // The Côte-d'Or (embedded database): its proposal is déposée; once its besoins are ranked, both forms are complete.
    const cote = await nouvelleSession();
    await seConnecter(cote, "agent.besoins.21@cote-dor.gouv.fr", "prefecture-departement", "--departement", "21");
    await cote.page.goto(urlPglite("/gouvernances/departements/21/besoins/priorisation"));
    await attendreHydratation(cote.page);
    await appuyer(cote.page, "Confirmer");
    await cote.page.getByRole("heading", { name: "Vos besoins en ingénierie financière ont bien été enregistrés" }).waitFor();
    await cote.page.goto(urlPglite("/gouvernances/departements/21"));
    const alerte = cote.page.locator(".fr-alert--success", { has: cote.page.getByRole("heading", { name: "2 formulaires complétés" }) });
    expect(await alerte.textContent()).toMatch(/sont transmis à l'équipe nationale\. Ils restent modifiables jusqu'au \d+ \S+ \d{4}\./);
    expect(await cote.page.getByText(/^Besoins en ingénierie financière complétés le /).isVisible()).toBe(true);
    await cote.contexte.close();
  });
});
