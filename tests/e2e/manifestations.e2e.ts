import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { NomServeur } from "./preparation";
import { attendreCourriel, urlSur, utiliserNavigateur, verifierPage, type Session } from "./outils";

/*
 * "Participer" for each of the five personas, with the keyboard alone (focus, typing, Space, Enter:
 * no mouse), axe on every step, on the embedded database and on PostgreSQL; the statistics route
 * follows the forms sent.
 */

const nouvelleSession = utiliserNavigateur();

interface Statistiques {
  souhaitentParticiper: { collectivites: number; structures: number };
}

async function statistiques(serveur: NomServeur, departement: string): Promise<Statistiques> {
  const reponse = await fetch(urlSur(serveur, `/api/v1/departements/${departement}/candidatures/statistiques`));
  expect(reponse.status).toBe(200);
  return (await reponse.json()) as Statistiques;
}

/** Types into a field reached by its label, replacing what it held. */
async function saisir(page: Page, libelle: string | RegExp, texte: string) {
  await page.getByLabel(libelle, { exact: typeof libelle === "string" }).first().focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(texte);
}

/** Picks an option of a list by typing the beginning of its label (the browser's own type-ahead). */
async function choisir(page: Page, libelle: string | RegExp, debutOption: string, valeurAttendue: string) {
  const liste = page.getByLabel(libelle, { exact: typeof libelle === "string" });
  // A list that depends on the département is reloaded first.
  await expect.poll(() => liste.isEnabled()).toBe(true);
  await expect.poll(() => liste.locator("option", { hasText: debutOption }).count()).toBeGreaterThan(0);
  await liste.focus();
  await page.keyboard.type(debutOption);
  await expect.poll(() => liste.inputValue()).toBe(valeurAttendue);
}

async function appuyer(page: Page, nom: string | RegExp, role: "button" | "link" | "radio" | "checkbox" = "button") {
  const cible = page.getByRole(role, { name: nom, exact: typeof nom === "string" });
  await cible.focus();
  await page.keyboard.press(role === "radio" || role === "checkbox" ? "Space" : "Enter");
}

async function attendreEnregistre(page: Page) {
  await page.getByText("Enregistré", { exact: true }).waitFor();
}

async function contact(page: Page, email: string) {
  await saisir(page, "Nom *", "Martin");
  await saisir(page, "Prénom *", "Camille");
  await saisir(page, "Fonction *", "Chargée de mission");
  await saisir(page, "Adresse e-mail *", email);
}

/** From the public page to an empty form of this persona, logged in by the link received by mail. */
async function commencer(session: Session, serveur: NomServeur, libellePersona: string | RegExp, email: string) {
  const { page } = session;
  const url = (chemin: string) => urlSur(serveur, chemin);
  await page.goto(url("/gouvernance"));
  await verifierPage(session);
  await appuyer(page, libellePersona, "link");
  await page.waitForURL(/\/gouvernance\/[a-z-]+$/);
  await verifierPage(session);
  await saisir(page, /Votre adresse e-mail/, email);
  await page.keyboard.press("Enter");
  await page.waitForURL(url("/connexion/verification"));
  const courriel = await attendreCourriel((m) => m.a.includes(email));
  const lien = new URL(/https?:\/\/\S+\/connexion\/lien\?\S+/.exec(courriel.texte)?.[0] ?? "");
  await page.goto(url(`${lien.pathname}${lien.search}`));
  await appuyer(page, "Me connecter");
  await page.waitForURL(/\/gouvernance\/formulaire\?persona=/);
  await verifierPage(session);
  expect(await page.locator("main h1").textContent()).toBe("Choisissez votre formulaire");
  // The persona chosen before the login is remembered.
  expect(await page.getByRole("radio", { name: libellePersona, exact: typeof libellePersona === "string" }).isChecked()).toBe(true);
  await appuyer(page, "Valider");
  await page.waitForURL(url("/gouvernance/formulaire"));
  await verifierPage(session);
}

async function choisirParticiper(session: Session) {
  await appuyer(session.page, "Participer à l'élaboration des feuilles de routes territoriales", "radio");
  await appuyer(session.page, "Valider");
  await session.page.getByText("Confirmer & envoyer").waitFor();
  await verifierPage(session);
}

async function envoyerEtVerifier(session: Session, email: string) {
  await appuyer(session.page, "Confirmer & envoyer");
  await session.page.getByRole("heading", { level: 1, name: "Votre réponse a bien été envoyée !" }).waitFor();
  await verifierPage(session);
  const accuse = await attendreCourriel((m) => m.a.includes(email) && m.sujet.startsWith("Votre réponse a bien été envoyée"));
  expect(accuse.texte).toContain("Contact");
}

describe.each(["pglite", "postgresql"] as const)("formulaire « participer », au clavier, base %s", (serveur) => {
  const adresse = (persona: string) => `${persona}.${serveur}@exemple-collectivite.fr`;

  it("un conseil régional participe : il compte dans chacun des départements de sa région", async () => {
    const avant = await statistiques(serveur, "89");
    const session = await nouvelleSession();
    await commencer(session, serveur, "Conseil régional", adresse("region"));
    await choisirParticiper(session);
    await choisir(session.page, "Votre région *", "Bourgogne", "27");
    await contact(session.page, "elu.region@bfc.fr");
    await attendreEnregistre(session.page);
    await envoyerEtVerifier(session, adresse("region"));
    expect(await session.page.getByText("Bourgogne-Franche-Comté (27)").isVisible()).toBe(true);
    expect((await statistiques(serveur, "89")).souhaitentParticiper.collectivites).toBe(avant.souhaitentParticiper.collectivites + 1);
    await session.contexte.close();
  });

  it("un conseil départemental participe, avec un contact technique", async () => {
    const avant = await statistiques(serveur, "71");
    const session = await nouvelleSession();
    await commencer(session, serveur, "Conseil départemental", adresse("departement"));
    await choisirParticiper(session);
    await choisir(session.page, "Votre département *", "71", "71");
    await contact(session.page, "elu@saoneetloire.fr");
    await appuyer(session.page, "Ajouter un contact technique (facultatif)", "checkbox");
    const technique = session.page.getByRole("group", { name: "Contact technique" });
    await technique.getByLabel("Nom *", { exact: true }).focus();
    await session.page.keyboard.type("Durand");
    await technique.getByLabel("Prénom *", { exact: true }).focus();
    await session.page.keyboard.type("Dominique");
    await technique.getByLabel("Fonction *", { exact: true }).focus();
    await session.page.keyboard.type("Responsable du numérique");
    await technique.getByLabel("Adresse e-mail *", { exact: true }).focus();
    await session.page.keyboard.type("technique@nievre.fr");
    await attendreEnregistre(session.page);
    await envoyerEtVerifier(session, adresse("departement"));
    expect(await session.page.getByText("Contact technique").isVisible()).toBe(true);
    expect((await statistiques(serveur, "71")).souhaitentParticiper.collectivites).toBe(avant.souhaitentParticiper.collectivites + 1);
    await session.contexte.close();
  });

  it("un EPCI participe après avoir choisi son département ; la saisie est reprise après être parti", async () => {
    const avant = await statistiques(serveur, "71");
    const [premier] = ((await (await fetch(urlSur(serveur, "/api/v1/territoires/departements/71"))).json()) as { epci: Array<{ code: string; nom: string }> }).epci.sort((a, b) =>
      a.nom.localeCompare(b.nom, "fr"),
    );
    const session = await nouvelleSession();
    const { page } = session;
    await commencer(session, serveur, "EPCI & groupement de communes", adresse("epci"));
    await choisirParticiper(session);
    await choisir(page, /^Département de votre collectivité \*/, "71", "71");
    await attendreEnregistre(page);
    await choisir(page, "Votre EPCI *", premier?.nom ?? "", premier?.code ?? "");
    await contact(page, "president@epci.fr");
    await attendreEnregistre(page);
    // Leave and come back: everything typed is still there.
    await page.goto(urlSur(serveur, "/"));
    await page.goto(urlSur(serveur, "/gouvernance/formulaire"));
    await verifierPage(session);
    expect(await page.getByLabel("Adresse e-mail *").inputValue()).toBe("president@epci.fr");
    await envoyerEtVerifier(session, adresse("epci"));
    expect((await statistiques(serveur, "71")).souhaitentParticiper.collectivites).toBe(avant.souhaitentParticiper.collectivites + 1);
    await session.contexte.close();
  });

  it("une commune participe ; une adresse mal écrite est signalée avant l'envoi", async () => {
    const avant = await statistiques(serveur, "71");
    const session = await nouvelleSession();
    const { page } = session;
    await commencer(session, serveur, "Commune", adresse("commune"));
    await page.getByText("Confirmer & envoyer").waitFor();
    await choisir(page, /^Département de votre collectivité \*/, "71", "71");
    await attendreEnregistre(page);
    await choisir(page, "Votre commune *", "Le Creusot", "71153");
    await contact(page, "maire-le-creusot");
    await appuyer(page, "Confirmer & envoyer");
    await page.getByText("Cette adresse e-mail n'est pas valide").waitFor();
    await verifierPage(session);
    await saisir(page, "Adresse e-mail *", "maire@le-creusot.fr");
    await envoyerEtVerifier(session, adresse("commune"));
    expect((await statistiques(serveur, "71")).souhaitentParticiper.collectivites).toBe(avant.souhaitentParticiper.collectivites + 1);
    // A sent form is read-only: "Recommencer un formulaire" starts a new one.
    await appuyer(page, "Recommencer un formulaire");
    await page.getByText("Confirmer & envoyer").waitFor();
    expect(await page.getByLabel("Adresse e-mail *").inputValue()).toBe("");
    await session.contexte.close();
  });

  it("une structure participe ; un SIRET invalide est refusé avec un message clair", async () => {
    const avant = await statistiques(serveur, "58");
    const session = await nouvelleSession();
    const { page } = session;
    await commencer(session, serveur, /^Autre personne morale/, adresse("structure"));
    await saisir(page, "Nom structure *", "Association Numérique Pour Tous (essai)");
    await saisir(page, /^SIRET structure/, "130 025 265 00014");
    await choisir(page, "Département *", "58", "58");
    await page.getByRole("group", { name: "Contact de la structure" }).getByLabel("Nom *", { exact: true }).focus();
    await page.keyboard.type("Martin");
    await saisir(page, "Prénom *", "Camille");
    await saisir(page, "Fonction *", "Présidente");
    await saisir(page, "Adresse e-mail *", "presidente@association.fr");
    await appuyer(page, "Confirmer & envoyer");
    await page.getByText("Ce SIRET n'est pas valide : vérifiez les 14 chiffres.").waitFor();
    await verifierPage(session);
    await saisir(page, /^SIRET structure/, "130 025 265 00013");
    await envoyerEtVerifier(session, adresse("structure"));
    expect(await page.getByText("13002526500013").isVisible()).toBe(true);
    expect((await statistiques(serveur, "58")).souhaitentParticiper.structures).toBe(avant.souhaitentParticiper.structures + 1);
    await session.contexte.close();
  });
});
