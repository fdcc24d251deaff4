import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appuyer, attendreEnregistre, choisir, commencer, contact, saisir, statistiques } from "./formulaires";
import type { NomServeur } from "./preparation";
import { attendreCourriel, urlSur, utiliserNavigateur, verifierPage, type Session } from "./outils";

/*
 * "Porter une feuille de route territoriale", five steps, with the keyboard alone and axe on every
 * step: a conseil départemental (embedded database) and an EPCI whose communes lie in two
 * départements (PostgreSQL). The statistics route follows.
 */

const nouvelleSession = utiliserNavigateur();

async function etape(session: Session, titre: string) {
  await session.page.getByRole("heading", { level: 2, name: new RegExp(`^${titre}`) }).waitFor();
  await verifierPage(session);
}

async function choisirPorter(session: Session, court: string) {
  await appuyer(session.page, "Porter une feuille de route territoriale", "radio");
  await appuyer(session.page, "Valider");
  await etape(session, `Renseignez votre ${court}`);
}

/** The counter of the perimeter step, e.g. "1 EPCI sélectionné, 12 communes sélectionnées". */
async function compteur(page: Page): Promise<string> {
  return (await page.getByRole("status").first().textContent()) ?? "";
}

async function attendreCompteur(page: Page, attendu: RegExp) {
  await expect.poll(() => compteur(page)).toMatch(attendu);
}

/** Step 3: fills the contact card of a collectivité and saves it. */
async function remplirCarte(page: Page, nom: string, email: string) {
  const carte = page.locator("form", { has: page.getByRole("heading", { level: 4, name: nom, exact: true }) });
  for (const [libelle, valeur] of [
    ["Nom *", "Durand"],
    ["Prénom *", "Alix"],
    ["Fonction *", "Maire"],
    ["Adresse e-mail *", email],
  ] as const) {
    await carte.getByLabel(libelle, { exact: true }).focus();
    await page.keyboard.type(valeur);
  }
  await carte.getByRole("button", { name: /^Enregistrer/ }).focus();
  await page.keyboard.press("Enter");
  await carte.getByText("Contact enregistré").waitFor();
}

async function envoyer(session: Session, email: string) {
  await etape(session, "Récapitulatif");
  await appuyer(session.page, "Confirmer & envoyer");
  await session.page.getByRole("heading", { level: 1, name: "Votre réponse a bien été envoyée !" }).waitFor();
  await verifierPage(session);
  return attendreCourriel((m) => m.a.includes(email) && m.sujet.startsWith("Votre réponse a bien été envoyée"));
}

describe("formulaire « porter », au clavier", () => {
  it("un conseil départemental porte une feuille de route : périmètre, hors territoire, contacts manquants, structure ; les comptes suivent", async () => {
    const serveur: NomServeur = "pglite";
    const email = "porteur.departement@exemple-collectivite.fr";
    const avant = await statistiques(serveur, "03");
    const session = await nouvelleSession();
    const { page } = session;
    await commencer(session, serveur, "Conseil départemental", email);
    await choisirPorter(session, "département");

    // 1. The département and its contact.
    await choisir(page, "Votre département *", "03", "03");
    await contact(page, "elu@allier.fr");
    await saisir(page, /^Êtes vous impliqués dans un schéma/, "CRTE du Bocage bourbonnais");
    await attendreEnregistre(page);
    await appuyer(page, "Étape suivante");
    await etape(session, "Périmètre de votre feuille de route");

    // 2. Nothing ticked: refused with the reason.
    await appuyer(page, "Étape suivante");
    await page.getByText("Vous devez sélectionner au moins une collectivité pour passer à l'étape suivante.").waitFor();
    await verifierPage(session);
    // The first EPCI: its box, then all its communes, then one fewer.
    const ouvrir = page.getByRole("button", { name: /^Communes de .* : 0\/\d+ sélectionnée/ }).first();
    const libelle = (await ouvrir.textContent()) ?? "";
    const [, nomEpci, total] = /^Communes de (.*) : 0\/(\d+)/.exec(libelle) ?? [];
    const n = Number(total);
    await appuyer(page, nomEpci ? new RegExp(`^${nomEpci.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s?EPCI`) : /EPCI/, "checkbox");
    await attendreCompteur(page, /^1 EPCI sélectionné, 0 commune sélectionnée/);
    await ouvrir.focus();
    await page.keyboard.press("Enter");
    await appuyer(page, "Sélectionner toutes les communes", "checkbox");
    await attendreCompteur(page, new RegExp(`^1 EPCI sélectionné, ${n} communes? sélectionnées?`));
    const premiereCommune = page.getByRole("group", { name: `Communes de ${nomEpci}` }).getByRole("checkbox").nth(1);
    await premiereCommune.focus();
    await page.keyboard.press("Space");
    await attendreCompteur(page, new RegExp(`^1 EPCI sélectionné, ${n - 1} communes? sélectionnées?`));
    await verifierPage(session);
    // Outside the territory: Nevers, found by its name.
    await saisir(page, /^Rechercher une collectivité/, "Nevers");
    await page.getByRole("checkbox", { name: /^Nevers\s?Commune — 58/ }).first().waitFor();
    await appuyer(page, /^Nevers\s?Commune — 58/, "checkbox");
    await attendreCompteur(page, new RegExp(`^1 EPCI sélectionné, ${n} communes? sélectionnées?`));
    await attendreEnregistre(page);
    await verifierPage(session);
    // Every tick was saved: the page, reloaded, shows the same.
    await page.reload();
    await attendreCompteur(page, new RegExp(`^1 EPCI sélectionné, ${n} communes? sélectionnées?`));
    await page.getByRole("checkbox", { name: /^Nevers\s?Commune — 58/ }).waitFor();
    await appuyer(page, "Étape suivante");
    await etape(session, "Contacts des collectivités partenaires");

    // 3. One contact given; going on without the others needs the box.
    const partenaires = n + 1;
    await page.getByText(`0/${partenaires} contacts complétés`).waitFor();
    // The EPCI comes first (collectivités of the territory, then those outside; 20 a page).
    const premiere = (await page.getByRole("heading", { level: 4 }).first().textContent()) ?? "";
    expect(premiere).toBe(nomEpci);
    await remplirCarte(page, premiere, "president@epci-allier.fr");
    await page.getByText(`1/${partenaires} contacts complétés`).waitFor();
    await verifierPage(session);
    await appuyer(page, "Étape suivante");
    await page.getByText(/^Il manque \d+ contacts/).waitFor();
    await appuyer(page, /^Je souhaite porter une feuille de route, mais je n'ai pas encore les contacts/, "checkbox");
    await appuyer(page, "Étape suivante");
    await etape(session, "Autres structures impliquées");

    // 4. One structure, after a refusal for a missing name.
    await page.getByRole("button", { name: "Passer cette étape" }).waitFor();
    const ajout = page.getByRole("group", { name: "Ajouter une structure" });
    for (const [champ, valeur] of [
      ["Nom *", "Lefèvre"],
      ["Prénom *", "Sacha"],
      ["Fonction *", "Directrice"],
      ["Adresse e-mail *", "direction@mediatheque.fr"],
    ] as const) {
      await ajout.getByLabel(champ, { exact: true }).focus();
      await page.keyboard.type(valeur);
    }
    await appuyer(page, "Ajouter cette structure");
    await page.getByText("Indiquez le nom de la structure.").waitFor();
    await verifierPage(session);
    await saisir(page, "Nom de la structure *", "Médiathèque départementale (essai)");
    await appuyer(page, "Ajouter cette structure");
    await page.getByRole("button", { name: "Supprimer la structure Médiathèque départementale (essai)" }).waitFor();
    await verifierPage(session);
    await appuyer(page, "Étape suivante");

    // 5. The summary lists what is missing; sending stays possible.
    await page.getByText(new RegExp(`^${n} contacts manquent`)).waitFor();
    const accuse = await envoyer(session, email);
    expect(accuse.texte).toContain("Nevers (hors territoire)");
    expect(accuse.texte).toContain("marquée incomplète");
    await page.getByText(/Votre feuille de route est marquée incomplète/).waitFor();

    const apres = await statistiques(serveur, "03");
    expect(apres.porteurs.collectivites).toBe(avant.porteurs.collectivites + 1);
    // The EPCI, its communes but one, and Nevers (outside: counted where the form counts).
    expect(apres.partenairesSuggeres.collectivites).toBe(avant.partenairesSuggeres.collectivites + 1 + (n - 1) + 1);
    expect(apres.partenairesSuggeres.structures).toBe(avant.partenairesSuggeres.structures + 1);
    await session.contexte.close();
  }, 180_000);

  it("un EPCI à cheval sur deux départements porte une feuille de route : les deux départements sont proposés et le comptent", async () => {
    const serveur: NomServeur = "postgresql";
    const email = "porteur.epci@exemple-collectivite.fr";
    // An EPCI of the Saône-et-Loire with communes in another département.
    const detail = (await (await fetch(urlSur(serveur, "/api/v1/territoires/departements/71"))).json()) as { epci: Array<{ code: string; nom: string; communes: number; communesDansLeDepartement: number }> };
    const aCheval = detail.epci.filter((e) => e.communesDansLeDepartement < e.communes).sort((a, b) => a.nom.localeCompare(b.nom, "fr"))[0];
    expect(aCheval).toBeDefined();
    const { code, nom } = aCheval as { code: string; nom: string };
    const session = await nouvelleSession();
    const { page } = session;
    await commencer(session, serveur, "EPCI & groupement de communes", email);
    await choisirPorter(session, "EPCI");
    await choisir(page, /^Département de votre collectivité \*/, "71", "71");
    await attendreEnregistre(page);
    await choisir(page, "Votre EPCI *", nom, code);
    await contact(page, "president@epci.fr");
    await attendreEnregistre(page);
    await appuyer(page, "Étape suivante");
    await etape(session, "Périmètre de votre feuille de route");

    // One accordion per département the EPCI spans.
    const accordeons = page.locator("section.fr-accordion > h4 > button");
    expect(await accordeons.count()).toBe(2);
    const departements: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const bouton = accordeons.nth(i);
      const texte = (await bouton.textContent()) ?? "";
      departements.push(/\(([0-9AB]{2,3})\)/.exec(texte)?.[1] ?? "");
      await bouton.focus();
      await page.keyboard.press("Enter");
      expect(await bouton.getAttribute("aria-expanded")).toBe("true");
    }
    expect(departements).toContain("71");
    const autre = departements.find((d) => d !== "71") as string;
    // The other département itself, and the first commune of the EPCI in each département.
    await appuyer(page, new RegExp(`^Département : .* \\(${autre}\\)`), "checkbox");
    for (const d of departements) {
      const bouton = page.locator(`#perimetre-${d}`).getByRole("button", { name: new RegExp(`^Communes de ${nom.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} :`) });
      await bouton.focus();
      await page.keyboard.press("Enter");
      const premiere = page.locator(`#perimetre-${d}`).getByRole("group", { name: `Communes de ${nom}` }).getByRole("checkbox").nth(1);
      await premiere.focus();
      await page.keyboard.press("Space");
    }
    await attendreCompteur(page, /^1 département, 0 EPCI sélectionné, 2 communes sélectionnées/);
    await attendreEnregistre(page);
    await verifierPage(session);
    await appuyer(page, "Étape suivante");
    await etape(session, "Contacts des collectivités partenaires");

    // Every contact given: no box needed.
    const titres = await page.getByRole("heading", { level: 4 }).allTextContents();
    expect(titres).toHaveLength(3);
    for (const [i, t] of titres.entries()) await remplirCarte(page, t, `contact${i}@collectivite.fr`);
    await page.getByText("3/3 contacts complétés").waitFor();
    await appuyer(page, "Étape suivante");
    await etape(session, "Autres structures impliquées");
    await appuyer(page, "Passer cette étape");
    const avant = { d71: await statistiques(serveur, "71"), autre: await statistiques(serveur, autre) };
    const accuse = await envoyer(session, email);
    expect(accuse.texte).not.toContain("incomplète");
    for (const [d, stats] of [
      ["71", avant.d71],
      [autre, avant.autre],
    ] as const) {
      const apres = await statistiques(serveur, d);
      expect(apres.porteurs.collectivites).toBe(stats.porteurs.collectivites + 1);
      // The département ticked counts in itself; each commune in its own département.
      expect(apres.partenairesSuggeres.collectivites).toBe(stats.partenairesSuggeres.collectivites + (d === autre ? 2 : 1));
    }
    await session.contexte.close();
  }, 120_000);
});
