import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { COMPTES_PROCONNECT, type NomServeur } from "./preparation";
import { attendreCourriel, cliSur, urlSur, utiliserNavigateur, verifierPage, type Session } from "./outils";

/*
 * The whole identity journey, on the embedded database and on PostgreSQL: an administrator logs in
 * by a link read from the real SMTP capture, invites a préfecture agent for the Nièvre (58), who
 * logs in through the local ProConnect provider and sees only the Nièvre; links used or expired
 * are refused; a ProConnect user without access asks for it and the administrators are told.
 */

const nouvelleSession = utiliserNavigateur();

const LIEN = /https?:\/\/[^\s]+\/connexion\/lien\?jeton=[\w-]{43}/;

async function visiterSur(session: Session, serveur: NomServeur, chemin: string) {
  const reponse = await session.page.goto(urlSur(serveur, chemin), { waitUntil: "load" });
  await verifierPage(session);
  return reponse;
}

/** Logs in on the local ProConnect provider's own page (not ours: no accessibility check there). */
async function sIdentifierChezLeFournisseur(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("mot-de-passe-de-test");
  await page.locator('button[type="submit"]').first().click();
}

/** The design system draws the box on the label, which receives the click (as a person's would). */
async function cocher(page: Page, libelle: string) {
  await page.locator("label", { hasText: libelle }).click();
  expect(await page.getByRole("checkbox", { name: libelle }).isChecked()).toBe(true);
}

describe.each(["pglite", "postgresql"] as const)("identité et accès, base %s", (serveur) => {
  const suffixe = serveur === "pglite" ? "" : "-pg";
  const adminEmail = `admin.national${suffixe}@anct.gouv.fr`;
  const agent = COMPTES_PROCONNECT[serveur === "pglite" ? "agent-58" : "agent-58-pg"];
  const inconnu = COMPTES_PROCONNECT[serveur === "pglite" ? "inconnu" : "inconnu-pg"];
  const url = (chemin: string) => urlSur(serveur, chemin);
  let lienAdministrateur = "";

  it("l'administrateur se connecte par un lien reçu par un vrai serveur de courrier", async () => {
    const creation = cliSur(serveur, "utilisateurs:creer", "--email", adminEmail, "--role", "administrateur", "--prenom", "Alex", "--nom", "National");
    expect(creation.code, creation.erreurs).toBe(0);

    const session = await nouvelleSession();
    const { page } = session;
    await visiterSur(session, serveur, "/connexion");
    await page.getByLabel("Adresse e-mail").fill(adminEmail);
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.waitForURL(url("/connexion/verification"));
    const courriel = await attendreCourriel((m) => m.a.includes(adminEmail));
    expect(courriel.sujet).toBe("Votre lien de connexion à l'Espace France Numérique Ensemble");
    expect(courriel.de).toBe("ne-pas-repondre@efne.test");
    lienAdministrateur = LIEN.exec(courriel.texte)?.[0] ?? "";
    expect(lienAdministrateur.startsWith(url("/connexion/lien?jeton="))).toBe(true);

    await page.goto(lienAdministrateur);
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(url("/profil"));
    await verifierPage(session);
    expect(await page.getByText("Administrateur national").isVisible()).toBe(true);
    await session.contexte.close();
  });

  it("un lien déjà utilisé, puis un lien expiré, sont refusés avec un message clair", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await page.goto(lienAdministrateur);
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(/\/connexion\/erreur/);
    await verifierPage(session);
    expect(await page.getByText("Ce lien de connexion a déjà servi : un lien ne sert qu'une fois. Demandez-en un nouveau.").isVisible()).toBe(true);
    expect((await page.request.get(url("/api/v1/moi"))).status()).toBe(401);

    if (serveur === "postgresql") {
      // A link 16 minutes old: the server's clock is not ours to move, so the link is aged in the database.
      const lien = cliSur(serveur, "connexion:lien", "--email", adminEmail);
      expect(lien.code, lien.erreurs).toBe(0);
      const client = new pg.Client({ connectionString: inject("e2e").serveurs.postgresql.env.DATABASE_URL });
      await client.connect();
      await client.query("update jetons_connexion set cree_le = cree_le - interval '16 minutes', expire_le = expire_le - interval '16 minutes' where utilise_le is null");
      await client.end();
      const vieux = new URL(lien.sortie.split("\n")[0] as string);
      await page.goto(url(`${vieux.pathname}${vieux.search}`));
      await page.getByRole("button", { name: "Me connecter" }).click();
      await page.waitForURL(/\/connexion\/erreur/);
      await verifierPage(session);
      expect(await page.getByText("Ce lien de connexion a expiré : il n'est valable que 15 minutes. Demandez-en un nouveau.").isVisible()).toBe(true);
    }
    await session.contexte.close();
  });

  it("l'administrateur invite une préfecture de département pour la Nièvre ; l'invitation part par courrier et l'historique la garde", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await connecterParLien(page, serveur, adminEmail);

    await visiterSur(session, serveur, "/administration/utilisateurs");
    await page.getByRole("link", { name: "Inviter un utilisateur" }).click();
    await page.waitForURL(url("/administration/utilisateurs/inviter"));
    await verifierPage(session);
    await page.getByLabel("Adresse e-mail").fill(agent.email);
    await page.getByLabel("Prénom").fill("Camille");
    await page.getByLabel("Nom", { exact: true }).fill("Martin");
    await page.getByRole("radio", { name: "Préfecture de département" }).check();
    // Once the page is interactive, only the départements are offered for this role.
    expect(await page.getByRole("checkbox", { name: "Auvergne-Rhône-Alpes" }).isVisible()).toBe(false);
    await cocher(page, "Nièvre (58)");
    await page.getByRole("button", { name: "Inviter", exact: true }).click();
    await page.waitForURL(/\/administration\/utilisateurs\/[0-9a-f-]{36}\?invite=1/);
    await verifierPage(session);
    expect(await page.getByText("Invitation envoyée : la personne peut se connecter.").isVisible()).toBe(true);
    expect(await page.getByText("Nièvre (58)").first().isVisible()).toBe(true);
    const historique = page.getByRole("table", { name: "Historique des changements de ce compte" });
    expect(await historique.getByText("Création du compte").isVisible()).toBe(true);
    expect(await historique.getByText(adminEmail).isVisible()).toBe(true);

    const invitation = await attendreCourriel((m) => m.a.includes(agent.email));
    expect(invitation.sujet).toBe("Vous êtes invité(e) sur l'Espace France Numérique Ensemble");
    expect(invitation.texte).toContain(url("/connexion"));

    // The same address again: refused with a French message, nothing lost from the form.
    await visiterSur(session, serveur, "/administration/utilisateurs/inviter");
    await page.getByLabel("Adresse e-mail").fill(agent.email.toUpperCase());
    await cocher(page, "Nièvre (58)");
    await page.getByRole("button", { name: "Inviter", exact: true }).click();
    await page.getByText(`Un compte existe déjà pour ${agent.email}`).waitFor();
    expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe(agent.email.toUpperCase());
    await verifierPage(session);

    await visiterSur(session, serveur, `/administration/utilisateurs?q=${encodeURIComponent("camille")}`);
    expect(await page.getByRole("link", { name: agent.email }).isVisible()).toBe(true);
    await session.contexte.close();
  });

  it("l'agent se connecte avec ProConnect et ne voit que la Nièvre ; lectures et écritures hors de son périmètre sont refusées", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await visiterSur(session, serveur, "/connexion");
    await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
    await sIdentifierChezLeFournisseur(page, serveur === "pglite" ? "agent-58" : "agent-58-pg");
    await page.waitForURL(url("/profil"));
    await verifierPage(session);
    expect(await page.getByText("Préfecture de département").isVisible()).toBe(true);
    expect(await page.getByText("Département : Nièvre (58)").isVisible()).toBe(true);
    // The daily digest of new candidates: on by default, turned off from the profile.
    const resume = page.getByRole("checkbox", { name: /Recevoir chaque matin le résumé/ });
    expect(await resume.isChecked()).toBe(true);
    await resume.focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Enregistrer ce choix" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await page.reload(), await resume.isChecked())).toBe(false);
    await verifierPage(session);
    const moi = await (await page.request.get(url("/api/v1/moi"))).json();
    expect(moi).toEqual({ email: agent.email, prenom: "Camille", nom: "Martin", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] });

    await visiterSur(session, serveur, "/gouvernances/departements/58");
    expect(await page.locator("main h1").textContent()).toBe("Gouvernance de l'Inclusion Numérique");
    expect(await page.getByRole("link", { name: "Voir et exporter la liste des contacts" }).isVisible()).toBe(true);
    await visiterSur(session, serveur, "/gouvernances/departements/89");
    expect(await page.getByRole("link", { name: "Voir et exporter la liste des contacts" }).count()).toBe(0);
    for (const chemin of ["/administration", "/administration/utilisateurs", "/administration/utilisateurs/inviter", "/administration/courriels"]) {
      await visiterSur(session, serveur, chemin);
      expect(await page.getByText("Accès non autorisé").isVisible(), chemin).toBe(true);
    }

    // A write replayed by hand: the administrator's invitation form, posted with each one's session.
    const admin = await nouvelleSession();
    await connecterParLien(admin.page, serveur, adminEmail);
    await admin.page.goto(url("/administration/utilisateurs/inviter"));
    const caches = await admin.page.locator("main form").evaluate((f) =>
      Object.fromEntries([...f.querySelectorAll<HTMLInputElement>("input[type=hidden]")].map((i) => [i.name, i.value])),
    );
    expect(Object.keys(caches).some((nom) => nom.startsWith("$ACTION"))).toBe(true);
    const rejouer = (qui: Session, email: string) =>
      qui.page.request.post(url("/administration/utilisateurs/inviter"), {
        headers: { Origin: url("").replace(/\/$/, "") },
        multipart: { ...caches, email, role: "administrateur" },
      });
    await rejouer(session, `intrus${suffixe}@exemple.fr`);
    await rejouer(admin, `temoin${suffixe}@exemple.fr`);
    // The administrator's replay creates the account (the replay works); the agent's creates nothing.
    await admin.page.goto(url(`/administration/utilisateurs?q=${encodeURIComponent("@exemple.fr")}`));
    expect(await admin.page.getByRole("link", { name: `temoin${suffixe}@exemple.fr` }).count()).toBe(1);
    expect(await admin.page.getByText(`intrus${suffixe}@exemple.fr`).count()).toBe(0);
    await admin.contexte.close();
    await session.contexte.close();
  });

  it("se déconnecter ferme la session ici et chez ProConnect", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await page.goto(url("/connexion/proconnect"));
    await sIdentifierChezLeFournisseur(page, serveur === "pglite" ? "agent-58" : "agent-58-pg");
    await page.waitForURL(url("/profil"));
    await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
    // The provider asks for confirmation, then sends the browser home.
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    // Home, with the state the provider sends back.
    await page.waitForURL((adresse) => `${adresse.origin}${adresse.pathname}` === url("/") && adresse.searchParams.has("state"));
    await verifierPage(session);
    expect((await page.request.get(url("/api/v1/moi"))).status()).toBe(401);
    // Logged out at the provider too: ProConnect asks for the login again.
    await page.goto(url("/connexion/proconnect"));
    await page.locator('input[name="login"]').waitFor();
    await session.contexte.close();
  });

  it("une personne identifiée par ProConnect sans accès le demande ; les administrateurs sont prévenus", async () => {
    const session = await nouvelleSession();
    const { page } = session;
    await page.goto(url("/connexion/proconnect"));
    await sIdentifierChezLeFournisseur(page, serveur === "pglite" ? "inconnu" : "inconnu-pg");
    await page.waitForURL(url("/connexion/acces-non-attribue"));
    await verifierPage(session);
    expect(await page.locator("main h1").textContent()).toBe("Accès non encore attribué");
    expect(await page.getByText(inconnu.email).isVisible()).toBe(true);
    expect((await page.request.get(url("/api/v1/moi"))).status()).toBe(401);
    await page.getByLabel(/Message aux administrateurs/).fill("Chargée de mission inclusion numérique, préfecture de l'Yonne (89).");
    await page.getByRole("button", { name: "Demander un accès" }).click();
    await page.waitForURL(url("/connexion/acces-non-attribue?envoyee=1"));
    await verifierPage(session);
    expect(await page.getByText("Votre demande d'accès a été transmise").isVisible()).toBe(true);

    const alerte = await attendreCourriel((m) => m.a.includes(adminEmail) && m.sujet === "Demande d'accès de Dominique Durand");
    expect(alerte.texte).toContain("préfecture de l'Yonne (89)");
    expect(alerte.texte).toContain(url("/administration/utilisateurs"));
    await session.contexte.close();

    const admin = await nouvelleSession();
    await connecterParLien(admin.page, serveur, adminEmail);
    await visiterSur(admin, serveur, "/administration/utilisateurs");
    expect(await admin.page.getByText("Demandes d'accès en attente (1)").isVisible()).toBe(true);
    await admin.page.getByRole("link", { name: "Attribuer un accès à Dominique Durand" }).click();
    await admin.page.waitForURL(/\/administration\/utilisateurs\/inviter\?/);
    await verifierPage(admin);
    expect(await admin.page.getByLabel("Adresse e-mail").inputValue()).toBe(inconnu.email);
    await admin.contexte.close();
  });
});

/** Logs in with a fresh link from the operators' command line, pointed at the server under test. */
async function connecterParLien(page: Page, serveur: NomServeur, email: string) {
  const r = cliSur(serveur, "connexion:lien", "--email", email);
  expect(r.code, r.erreurs).toBe(0);
  const lien = new URL(r.sortie.split("\n")[0] as string);
  await page.goto(urlSur(serveur, `${lien.pathname}${lien.search}`));
  await page.getByRole("button", { name: "Me connecter" }).click();
  await page.waitForURL(urlSur(serveur, "/profil"));
}
