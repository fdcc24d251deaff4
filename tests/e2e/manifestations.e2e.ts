import { describe, expect, it } from "vitest";
import { appuyer, attendreEnregistre, choisir, commencer, contact, saisir, statistiques } from "./formulaires";
import { attendreCourriel, urlSur, utiliserNavigateur, verifierPage, type Session } from "./outils";

/*
 * "Participer" for each of the five personas, with the keyboard alone (focus, typing, Space, Enter:
 * no mouse), axe on every step, on the embedded database and on PostgreSQL; the statistics route
 * follows the forms sent.
 */

const nouvelleSession = utiliserNavigateur();

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
