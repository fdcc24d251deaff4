import { describe, expect, it } from "vitest";
import { cli, lienPour, url, utiliserNavigateur, verifierPage, visiter } from "./outils";

const nouvelleSession = utiliserNavigateur();

describe("connexion par lien", () => {
  it("sans session, /api/v1/moi répond 401 et /profil renvoie vers la connexion", async () => {
    const reponse = await fetch(url("/api/v1/moi"));
    expect(reponse.status).toBe(401);
    expect(await reponse.json()).toEqual({ erreur: "Connexion requise : connectez-vous pour accéder à cette information." });
    const session = await nouvelleSession();
    await visiter(session, "/profil");
    expect(session.page.url()).toBe(url("/connexion"));
    await session.contexte.close();
  });

  it("une préfecture créée en ligne de commande se connecte par son lien, voit son rôle et son département, puis se déconnecte", async () => {
    const creation = cli("utilisateurs:creer", "--email", "agent.58@nievre.gouv.fr", "--role", "prefecture-departement", "--departement", "58");
    expect(creation.code, creation.erreurs).toBe(0);
    const session = await nouvelleSession();
    const { page } = session;
    await page.goto(lienPour("agent.58@nievre.gouv.fr"));
    await verifierPage(session);
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(url("/profil"));
    await verifierPage(session);
    expect(await page.getByText("Préfecture de département").isVisible()).toBe(true);
    expect(await page.getByText("Département : Nièvre (58)").isVisible()).toBe(true);
    expect(await page.getByRole("banner").getByRole("link", { name: "Mon profil" }).count()).toBeGreaterThan(0);

    const [cookie] = await session.contexte.cookies();
    expect(cookie).toMatchObject({ name: "efne_session", httpOnly: true, sameSite: "Lax" });

    const moi = await page.request.get(url("/api/v1/moi"));
    expect(await moi.json()).toEqual({ email: "agent.58@nievre.gouv.fr", nom: null, prenom: null, role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] });

    await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
    await page.waitForURL(url("/"));
    expect((await page.request.get(url("/api/v1/moi"))).status()).toBe(401);
    await session.contexte.close();
  });

  it("un lien déjà utilisé est refusé avec un message clair", async () => {
    const lien = lienPour("agent.58@nievre.gouv.fr");
    const premiere = await nouvelleSession();
    await premiere.page.goto(lien);
    await premiere.page.getByRole("button", { name: "Me connecter" }).click();
    await premiere.page.waitForURL(url("/profil"));
    await premiere.contexte.close();

    const seconde = await nouvelleSession();
    await seconde.page.goto(lien);
    await seconde.page.getByRole("button", { name: "Me connecter" }).click();
    await seconde.page.waitForURL(/\/connexion\/erreur/);
    await verifierPage(seconde);
    expect(await seconde.page.getByText("Ce lien de connexion a déjà servi").isVisible()).toBe(true);
    expect((await seconde.page.request.get(url("/api/v1/moi"))).status()).toBe(401);
    await seconde.contexte.close();
  });

  it("le formulaire répond pareil pour une adresse inconnue, et signale une adresse mal écrite", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await visiter(session, "/connexion");
    await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.getByText("Cette adresse e-mail n'est pas valide").waitFor();
    await verifierPage(session);
    await page.getByLabel("Adresse e-mail").fill("inconnu@exemple.fr");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.waitForURL(url("/connexion/verification"));
    await verifierPage(session);
    expect(await page.getByText("Si un compte existe pour cette adresse, un lien de connexion vient d'y être envoyé.").isVisible()).toBe(true);
    await session.contexte.close();
  });
});

describe("accès selon le rôle et le territoire", () => {
  async function connecter(email: string) {
    const session = await nouvelleSession();
    await session.page.goto(lienPour(email));
    await session.page.getByRole("button", { name: "Me connecter" }).click();
    await session.page.waitForURL(url("/profil"));
    return session;
  }

  it("la préfecture de la Nièvre voit l'espace préfecture de la Nièvre, la vue publique ailleurs, et pas l'administration", async () => {
    // Asked on the login form: the message lands in the outbox (no mail server here).
    const formulaire = await nouvelleSession();
    await visiter(formulaire, "/connexion");
    await formulaire.page.getByLabel("Adresse e-mail").fill("agent.58@nievre.gouv.fr");
    await formulaire.page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await formulaire.page.waitForURL(url("/connexion/verification"));
    await formulaire.contexte.close();
    const session = await connecter("agent.58@nievre.gouv.fr");
    const { page } = session;
    await visiter(session, "/gouvernances/departements/58");
    expect(await page.locator("main h1").textContent()).toBe("Gouvernance de l'Inclusion Numérique");
    expect(await page.getByRole("link", { name: "Voir et exporter la liste des contacts" }).isVisible()).toBe(true);
    await visiter(session, "/gouvernances/departements/89");
    expect(await page.locator("main h1").textContent()).toBe("Gouvernance - Yonne");
    expect(await page.getByRole("link", { name: "Voir et exporter la liste des contacts" }).count()).toBe(0);
    // The public view: the Yonne's fictitious validated gouvernance, labelled, without the sous-préfet's contact.
    expect(await page.getByText("Données de démonstration — fictives").first().isVisible()).toBe(true);
    expect(await page.getByText("sous-prefet.demo.89@efne.invalid").count()).toBe(0);
    await visiter(session, "/administration");
    expect(await page.getByText("Accès non autorisé").isVisible()).toBe(true);
    await visiter(session, "/administration/courriels");
    expect(await page.getByText("Accès non autorisé").isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Administration" }).count()).toBe(0);
    await session.contexte.close();
  });

  it("sans session, l'espace d'un département est la vue publique et l'administration renvoie vers la connexion", async () => {
    const session = await nouvelleSession();
    await visiter(session, "/gouvernances/departements/58");
    expect(await session.page.getByRole("link", { name: "Voir et exporter la liste des contacts" }).count()).toBe(0);
    await visiter(session, "/administration");
    expect(session.page.url()).toBe(url("/connexion"));
    const inconnu = await session.page.goto(url("/gouvernances/departements/99"));
    expect(inconnu?.status()).toBe(404);
    await session.contexte.close();
  });

  it("l'administrateur de démonstration a l'entrée Administration et l'espace de tout département", async () => {
    const session = await connecter("administrateur.demo@efne.invalid");
    const { page } = session;
    const menu = page.getByRole("navigation", { name: "Menu principal" });
    await menu.getByRole("link", { name: "Administration" }).click();
    await page.waitForURL(url("/administration"));
    await verifierPage(session);
    expect(await page.getByText("L'espace d'administration n'est pas encore complet.").isVisible()).toBe(true);
    // The outbox holds the link asked for on the login form by the agent of the Nièvre.
    await page.getByRole("link", { name: "Courriels" }).click();
    await page.waitForURL(url("/administration/courriels"));
    await verifierPage(session);
    expect(await page.getByText("À agent.58@nievre.gouv.fr", { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText("/connexion/lien?jeton=", { exact: false }).count()).toBeGreaterThan(0);
    await visiter(session, "/gouvernances/departements/2A");
    expect(await page.getByRole("link", { name: "Créer la proposition de gouvernance" }).isVisible()).toBe(true);
    await session.contexte.close();
  });
});
