import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { NomServeur } from "./preparation";
import { attendreCourriel, urlSur, verifierPage, type Session } from "./outils";

/*
 * Keyboard-only helpers for the public forms' journeys: fields are reached by their label or role
 * and filled by typing; boxes, radios and buttons are pressed with Space or Enter.
 */

export interface Statistiques {
  porteurs: { collectivites: number };
  partenairesSuggeres: { collectivites: number; structures: number };
  souhaitentParticiper: { collectivites: number; structures: number };
}

export async function statistiques(serveur: NomServeur, departement: string): Promise<Statistiques> {
  const reponse = await fetch(urlSur(serveur, `/api/v1/departements/${departement}/candidatures/statistiques`));
  expect(reponse.status).toBe(200);
  return (await reponse.json()) as Statistiques;
}

/** Types into a field reached by its label, replacing what it held. */
export async function saisir(page: Page, libelle: string | RegExp, texte: string) {
  await page.getByLabel(libelle, { exact: typeof libelle === "string" }).first().focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(texte);
}

/** Picks an option of a list by typing the beginning of its label (the browser's own type-ahead). */
export async function choisir(page: Page, libelle: string | RegExp, debutOption: string, valeurAttendue: string) {
  const liste = page.getByLabel(libelle, { exact: typeof libelle === "string" });
  // A list that depends on the département is reloaded first.
  await expect.poll(() => liste.isEnabled()).toBe(true);
  await expect.poll(() => liste.locator("option", { hasText: debutOption }).count()).toBeGreaterThan(0);
  await liste.focus();
  await page.keyboard.type(debutOption);
  await expect.poll(() => liste.inputValue()).toBe(valeurAttendue);
}

export async function appuyer(page: Page, nom: string | RegExp, role: "button" | "link" | "radio" | "checkbox" = "button") {
  const cible = page.getByRole(role, { name: nom, exact: typeof nom === "string" });
  await cible.focus();
  await page.keyboard.press(role === "radio" || role === "checkbox" ? "Space" : "Enter");
}

export async function attendreEnregistre(page: Page) {
  await page.getByText("Enregistré", { exact: true }).waitFor();
}

export async function contact(page: Page, email: string) {
  await saisir(page, "Nom *", "Martin");
  await saisir(page, "Prénom *", "Camille");
  await saisir(page, "Fonction *", "Chargée de mission");
  await saisir(page, "Adresse e-mail *", email);
}

/** From the public page to an empty form of this persona, logged in by the link received by mail. */
export async function commencer(session: Session, serveur: NomServeur, libellePersona: string | RegExp, email: string) {
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

