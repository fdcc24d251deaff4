import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { appuyer, saisir } from "./formulaires";
import { lienPour, seConnecter, url, utiliserNavigateur, verifierAccessibilite, verifierPage } from "./outils";

/*
 * "Création d'une gouvernance" for the Nièvre, with the keyboard alone and axe on every section
 * opened: the seven sections filled, a wrong e-mail and overlapping perimeters refused with their
 * message (the commune named), an incomplete scenario 3 named by EPCI, then a départementale
 * feuille de route making it scenario 2; a document deposited and downloaded; everything still
 * there after a reload.
 */

const nouvelleSession = utiliserNavigateur();
const ADRESSE = "/gouvernances/departements/58/gouvernance";

const section = (page: Page, id: string) => page.locator(`#section-${id}`);

async function ouvrir(page: Page, id: string) {
  const bouton = section(page, id).getByRole("button", { name: "Modifier" });
  await bouton.focus();
  await page.keyboard.press("Enter");
  await section(page, id).getByRole("button", { name: "Enregistrer et fermer" }).waitFor();
  await verifierAccessibilite(page);
}

/** "Enregistrer et fermer"; the section stays open when something is to be corrected. */
async function demanderLaFermeture(page: Page, id: string) {
  await section(page, id).getByRole("button", { name: "Enregistrer et fermer" }).focus();
  await page.keyboard.press("Enter");
}

async function fermer(page: Page, id: string) {
  await demanderLaFermeture(page, id);
  await section(page, id).getByRole("button", { name: "Modifier" }).waitFor();
}

/** Space on a checkbox or radio button reached by its label, inside a part of the page. */
async function cocher(page: Page, dans: Locator, nom: string | RegExp, role: "checkbox" | "radio" = "checkbox") {
  await dans.getByRole(role, { name: nom, exact: typeof nom === "string" }).focus();
  await page.keyboard.press("Space");
}

/**
 * Picks an option of a list by typing its beginning (the browser's type-ahead, in plain letters:
 * accented ones are not keys) and checks the option chosen.
 */
async function choisirDans(page: Page, dans: Locator, libelle: string | RegExp, frappe: string, attendu: string) {
  const liste = dans.getByLabel(libelle, { exact: typeof libelle === "string" });
  await liste.focus();
  await page.keyboard.type(frappe);
  await expect.poll(() => liste.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "")).toMatch(new RegExp(`^${attendu}`));
}

async function saisirDans(page: Page, dans: Locator, libelle: string, texte: string) {
  await dans.getByLabel(libelle, { exact: true }).focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(texte);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("création d'une gouvernance, au clavier", () => {
  it("la préfecture de la Nièvre compose une gouvernance complète ; l'e-mail invalide et les périmètres qui se chevauchent sont refusés avec les communes nommées", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await seConnecter(session, "agent.gouvernance.58@nievre.gouv.fr", "prefecture-departement", "--departement", "58");
    await page.goto(url("/gouvernances/departements/58"));
    await appuyer(page, /proposition de gouvernance$/, "link");
    await page.waitForURL(url("/gouvernances/departements/58/gouvernance"));
    await verifierPage(session);
    expect(await page.locator("main h1").textContent()).toBe("Création d'une gouvernance");
    expect(await page.getByText("Les champs avec * sont obligatoires.").isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Sections de la proposition" }).getByRole("link").count()).toBe(7);
    expect(await page.getByText("1 section complète sur 7.").isVisible()).toBe(true);

    // 1. The sous-préfet: a wrong address is refused with its message, then corrected.
    await ouvrir(page, "sousPrefet");
    await page.keyboard.type("Claire");
    await saisir(page, "Nom *", "Dupont");
    await saisir(page, /^Adresse e-mail \*/, "claire.dupont@");
    await demanderLaFermeture(page, "sousPrefet");
    await section(page, "sousPrefet").getByText("Veuillez renseigner un email valide.").filter({ visible: true }).first().waitFor();
    await saisir(page, /^Adresse e-mail \*/, "claire.dupont@nievre.gouv.fr");
    await fermer(page, "sousPrefet");
    expect(await section(page, "sousPrefet").getByText("Claire Dupont").isVisible()).toBe(true);

    // 3. The members: two candidates with their badges, a commune of the reference, a structure by SIRET.
    await ouvrir(page, "membres");
    const membres = section(page, "membres");
    expect(await membres.getByRole("checkbox", { name: /^Nièvre Candidat porteur/ }).count()).toBe(1);
    await cocher(page, membres, /^Nièvre Candidat porteur/);
    await cocher(page, membres, /^Association fictive de démonstration n° 1 \(58\) Souhaite participer/);
    await saisir(page, /^Nom, code postal ou code officiel de la collectivité/, "Nevers");
    await page.keyboard.press("Enter");
    await appuyer(page, "Ajouter Nevers");
    await saisir(page, /^SIRET/, "1300252650001");
    await saisir(page, "Nom de la structure", "Association Numérique Nièvre");
    await appuyer(page, "Ajouter la structure");
    await membres.getByText("Un SIRET compte 14 chiffres (exemple : 130 025 265 00013).").waitFor();
    await saisir(page, /^SIRET/, "13002526500013");
    await appuyer(page, "Ajouter la structure");
    await membres.getByText("Association Numérique Nièvre").waitFor();
    await fermer(page, "membres");
    expect(await membres.getByRole("listitem").count()).toBe(4);
    expect(await membres.getByText("Ajouté par la préfecture").count()).toBe(2);

    // 2. The co-porteur: the conseil départemental; it can no longer leave the members.
    await ouvrir(page, "coPorteurs");
    await cocher(page, section(page, "coPorteurs"), /^Nièvre Candidat porteur/);
    await fermer(page, "coPorteurs");
    await ouvrir(page, "membres");
    expect(await membres.getByRole("checkbox", { name: /^Nièvre Candidat porteur/ }).isDisabled()).toBe(true);
    expect(await membres.getByText("Co-porteur de la gouvernance : ne peut pas être retiré.").isVisible()).toBe(true);
    await fermer(page, "membres");

    // 4. A comité.
    await ouvrir(page, "comitologie");
    await appuyer(page, "Ajouter un comité");
    await choisirDans(page, section(page, "comitologie"), "Type de comité *", "C", "Comité stratégique");
    await choisirDans(page, section(page, "comitologie"), "Fréquence *", "T", "Trimestrielle");
    await saisir(page, "Commentaire", "Réuni par le préfet et le président du conseil départemental.");
    await fermer(page, "comitologie");

    // 5. Feuilles de route: an EPCI, then communes sharing Bouhy with it.
    await ouvrir(page, "feuillesDeRoute");
    const feuilles = section(page, "feuillesDeRoute");
    await appuyer(page, "Ajouter une feuille de route");
    const premiere = feuilles.locator("fieldset", { has: page.getByText("Feuille de route 1", { exact: false }) }).first();
    await saisirDans(page, premiere, "Quel est le nom de la feuille de route ? *", "Puisaye");
    await choisirDans(page, premiere, /^Porteur de la feuille de route \*/, "Ni", "Nièvre");
    await cocher(page, premiere, "EPCI ou groupement de communes", "radio");
    await cocher(page, premiere, /^CC de Puisaye-Forterre/);
    await cocher(page, premiere, "Non", "radio");
    await appuyer(page, "Ajouter une feuille de route");
    const seconde = feuilles.locator("fieldset", { has: page.getByText("Feuille de route 2", { exact: false }) }).first();
    await saisirDans(page, seconde, "Quel est le nom de la feuille de route ? *", "Bouhy et Dornes");
    await choisirDans(page, seconde, /^Porteur de la feuille de route \*/, "Association", "Association");
    await cocher(page, seconde, "EPCI ou groupement de communes", "radio");
    await cocher(page, seconde, "Une sélection de communes", "radio");
    await saisirDans(page, seconde, "Filtrer les communes par nom ou code INSEE", "Bouhy");
    await cocher(page, seconde, /^Bouhy \(/);
    await cocher(page, seconde, "Oui", "radio");
    await choisirDans(page, seconde, "Type de contrat *", "CRTE", "CRTE");
    await verifierAccessibilite(page);
    // The pair is named in either order.
    const chevauchement = /Les feuilles de route « (Puisaye|Bouhy et Dornes) » et « (Puisaye|Bouhy et Dornes) » couvrent toutes deux la commune : Bouhy\./;
    // Shown live by the coverage, and refused at the save.
    await feuilles.getByText(chevauchement).filter({ visible: true }).first().waitFor();
    await demanderLaFermeture(page, "feuillesDeRoute");
    // The list of what is to be corrected takes the focus.
    await page.locator(":focus", { hasText: chevauchement }).waitFor();
    expect(await feuilles.getByRole("button", { name: "Enregistrer et fermer" }).isVisible()).toBe(true);
    // Bouhy out, Dornes in: scenario 3 not covering the département is saved, the uncovered communes named by EPCI.
    await cocher(page, seconde, /^Bouhy \(/);
    await saisirDans(page, seconde, "Filtrer les communes par nom ou code INSEE", "Dornes");
    await cocher(page, seconde, /^Dornes \(/);
    await fermer(page, "feuillesDeRoute");
    await feuilles.getByText(/Sans feuille de route départementale ni régionale, les feuilles de route doivent couvrir tout le département\..*CA Moulins Communauté \(1 sur 2 : Saint-Parize-en-Viry\)/).filter({ visible: true }).first().waitFor();
    expect(await feuilles.getByText("À compléter", { exact: true }).isVisible()).toBe(true);
    // A départementale: scenario 2.
    await ouvrir(page, "feuillesDeRoute");
    await appuyer(page, "Ajouter une feuille de route");
    const troisieme = feuilles.locator("fieldset", { has: page.getByText("Feuille de route 3", { exact: false }) }).first();
    await saisirDans(page, troisieme, "Quel est le nom de la feuille de route ? *", "Nièvre numérique");
    await choisirDans(page, troisieme, /^Porteur de la feuille de route \*/, "Ni", "Nièvre");
    await cocher(page, troisieme, "Départemental", "radio");
    await cocher(page, troisieme, "Non", "radio");
    await feuilles.getByText("Scénario 2 : une feuille de route départementale et 2 infra-départementales.").filter({ visible: true }).first().waitFor();
    await fermer(page, "feuillesDeRoute");
    expect(await feuilles.getByText("Complète", { exact: true }).isVisible()).toBe(true);

    // 6. The structure recruiting the coordinateurs: a member.
    await ouvrir(page, "coordination");
    await cocher(page, section(page, "coordination"), "Association Numérique Nièvre");
    await fermer(page, "coordination");

    // 7. The note de contexte, in rich text.
    await ouvrir(page, "noteDeContexte");
    const note = page.getByRole("textbox", { name: /^Éléments qualitatifs/ });
    await note.waitFor();
    await note.focus();
    await page.keyboard.type("La Nièvre réunit ");
    await page.keyboard.press("ControlOrMeta+B");
    await page.keyboard.type("tous ses EPCI");
    await page.keyboard.press("ControlOrMeta+B");
    await page.keyboard.type(" autour de la médiation numérique.");
    await fermer(page, "noteDeContexte");
    expect(await section(page, "noteDeContexte").locator("strong", { hasText: "tous ses EPCI" }).count()).toBe(1);

    await page.getByText("La proposition est complète : les sept sections sont renseignées. Périmètres des feuilles de route : scénario 2.").waitFor();
    await verifierPage(session);

    // The document of a feuille de route, deposited then downloaded.
    const puisaye = feuilles.locator("div", { has: page.getByRole("heading", { name: "Puisaye", exact: true }) }).last();
    await puisaye.getByLabel(/^Document de la feuille de route/).setInputFiles({ name: "feuille-puisaye.pdf", mimeType: "application/pdf", buffer: PDF });
    await puisaye.getByRole("button", { name: "Déposer le document" }).focus();
    await page.keyboard.press("Enter");
    const lien = puisaye.getByRole("link", { name: /^Version 1 — feuille-puisaye\.pdf/ });
    await lien.waitFor();
    const telechargement = await page.request.get(url((await lien.getAttribute("href")) ?? ""));
    expect(telechargement.status()).toBe(200);
    expect(Buffer.from(await telechargement.body()).equals(PDF)).toBe(true);

    // Everything is still there after a reload.
    await page.reload();
    await verifierPage(session);
    expect(await page.getByText("La proposition est complète : les sept sections sont renseignées. Périmètres des feuilles de route : scénario 2.").isVisible()).toBe(true);
    expect(await puisaye.getByRole("link", { name: /^Version 1 — feuille-puisaye\.pdf/ }).isVisible()).toBe(true);
    await session.contexte.close();
  });

  it("la préfecture dépose ; l'équipe nationale la renvoie « à compléter » ; la préfecture complète et dépose de nouveau ; l'équipe nationale valide, et plus rien ne se modifie", async () => {
    // Follows the journey above: the Nièvre's proposal is complete.
    const prefecture = await nouvelleSession();
    await prefecture.page.goto(lienPour("agent.gouvernance.58@nievre.gouv.fr"));
    await prefecture.page.getByRole("button", { name: "Me connecter" }).click();
    await prefecture.page.waitForURL(url("/profil"));
    const page = prefecture.page;
    await page.goto(url(ADRESSE));
    await verifierPage(prefecture);
    await appuyer(page, "Déposer la proposition");
    await page.getByText(/^Proposition déposée\./).waitFor();
    await page.getByRole("heading", { name: /État de la proposition : Déposée/ }).waitFor();
    await verifierPage(prefecture);

    const nationale = await nouvelleSession();
    await seConnecter(nationale, "equipe.instruction@anct.gouv.fr", "administrateur");
    const admin = nationale.page;
    await admin.goto(url(ADRESSE));
    await verifierPage(nationale);
    await appuyer(admin, "Demander de compléter la proposition", "radio");
    await saisir(admin, /^Ce qui est à compléter/, "Précisez la fréquence du comité technique.");
    await admin.getByLabel(/^Modifiable jusqu'au/).fill(new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10));
    await verifierAccessibilite(admin);
    await appuyer(admin, "Enregistrer la décision");
    await admin.getByText("Gouvernance renvoyée « à compléter » : la préfecture est prévenue.").waitFor();

    await page.reload();
    await verifierPage(prefecture);
    await page.getByText("Précisez la fréquence du comité technique.").waitFor();
    await ouvrir(page, "comitologie");
    await appuyer(page, "Ajouter un comité");
    const comites = section(page, "comitologie").locator("fieldset", { has: page.getByText("Comité 2") }).first();
    await choisirDans(page, comites, "Type de comité *", "C", "Comité");
    await choisirDans(page, comites, "Fréquence *", "M", "Mensuelle");
    await fermer(page, "comitologie");
    await appuyer(page, "Déposer de nouveau la proposition");
    await page.getByRole("heading", { name: /État de la proposition : Déposée/ }).waitFor();

    await admin.reload();
    await appuyer(admin, "Valider la gouvernance", "radio");
    await appuyer(admin, "Enregistrer la décision");
    await admin.getByText("Gouvernance validée : la préfecture est prévenue.").waitFor();

    await page.reload();
    await verifierPage(prefecture);
    await page.getByRole("heading", { name: /État de la proposition : Validée/ }).waitFor();
    expect(await page.getByText("La gouvernance est validée par l'équipe nationale : elle ne se modifie plus.").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Modifier" }).count()).toBe(0);
    await prefecture.contexte.close();
    await nationale.contexte.close();
  });
});
