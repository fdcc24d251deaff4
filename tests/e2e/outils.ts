import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { attendreMessage, lireMessagesCaptures, type MessageCapture } from "../outils/capture-smtp";
import type { NomServeur } from "./preparation";

/*
 * Real Chromium (Debian's) driven by playwright-core. Every page a journey visits is checked with
 * axe (WCAG 2.1 A and AA), and any request leaving the machine or any console error (a blocked
 * script, a CSP violation) fails the journey.
 */

export const CHEMIN_CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OPTIONS_CHROMIUM = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const url = (chemin = "/") => `${inject("e2e").url}${chemin}`;
/** An address on one of the two servers under test (embedded database, PostgreSQL). */
export const urlSur = (serveur: NomServeur, chemin = "/") => `${inject("e2e").serveurs[serveur].url}${chemin}`;

/** The mail the servers sent, as the SMTP capture received it. */
export function attendreCourriel(critere: (m: MessageCapture) => boolean, delaiMs = 15_000): Promise<MessageCapture> {
  return attendreMessage(() => lireMessagesCaptures(inject("e2e").dossierCourriels), critere, delaiMs);
}

export interface Session {
  page: Page;
  contexte: BrowserContext;
  /** Requests that tried to leave the machine. */
  requetesExternes: string[];
  erreursConsole: string[];
}

export function utiliserNavigateur() {
  let navigateur: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(CHEMIN_CHROMIUM)) throw new Error(`Chromium introuvable (${CHEMIN_CHROMIUM}) : apt-get install -y chromium`);
    navigateur = await chromium.launch({ executablePath: CHEMIN_CHROMIUM, args: OPTIONS_CHROMIUM, headless: true });
  });
  afterAll(async () => navigateur?.close());

  return async function nouvelleSession(options: { colorScheme?: "light" | "dark" } = {}): Promise<Session> {
    if (!navigateur) throw new Error("Navigateur non démarré");
    const contexte = await navigateur.newContext({ locale: "fr-FR", colorScheme: options.colorScheme ?? "light", viewport: { width: 1280, height: 900 } });
    const session: Session = { page: await contexte.newPage(), contexte, requetesExternes: [], erreursConsole: [] };
    await contexte.route("**/*", (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
      session.requetesExternes.push(route.request().url());
      return route.abort();
    });
    session.page.on("console", (message) => {
      if (message.type() === "error") session.erreursConsole.push(message.text());
    });
    session.page.on("pageerror", (erreur) => session.erreursConsole.push(erreur.message));
    return session;
  };
}

/** The axe rules whose outcome depends on colours: all a change of theme can break. */
export const REGLES_DE_COULEUR = ["color-contrast", "link-in-text-block"];

export async function verifierAccessibilite(page: Page, options: { regles?: string[] } = {}) {
  const axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const resultat = await (options.regles ? axe.withRules(options.regles) : axe).analyze();
  const violations = resultat.violations.map(
    (v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`,
  );
  expect(violations, `Violations d'accessibilité sur ${page.url()}`).toEqual([]);
}

/** The design system's script marks <html data-fr-js> once React has hydrated the page. */
export async function attendreHydratation(page: Page) {
  await page.locator("html[data-fr-js='true']").waitFor({ state: "attached", timeout: 15_000 });
}

/** Checks what every visited page must satisfy, whatever the journey. */
export async function verifierPage(session: Session) {
  await attendreHydratation(session.page);
  // After a client-side navigation (a server action's redirect), the title arrives with the streamed metadata.
  await session.page.waitForFunction(() => document.title.length > 0, undefined, { timeout: 10_000 });
  await verifierAccessibilite(session.page);
  expect(session.requetesExternes, "Requêtes sorties de la machine").toEqual([]);
  expect(session.erreursConsole, "Erreurs dans la console du navigateur").toEqual([]);
}

export async function visiter(session: Session, chemin: string): Promise<Response> {
  const reponse = await session.page.goto(url(chemin), { waitUntil: "load" });
  if (!reponse) throw new Error(`Aucune réponse pour ${chemin}`);
  await verifierPage(session);
  return reponse;
}

/** The operators' command line, on the embedded database of the app under test (it runs inside the app). */
export function cli(...argv: string[]) {
  return cliSur("pglite", ...argv);
}

/** The command line on the database of one of the servers under test. */
export function cliSur(serveur: NomServeur, ...argv: string[]) {
  const r = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.json", "src/cli/main.ts", ...argv], {
    env: { ...process.env, ...inject("e2e").serveurs[serveur].env },
    encoding: "utf8",
  });
  return { code: r.status, sortie: r.stdout, erreurs: r.stderr };
}

/** The login link the command line prints, pointed at the server under test (embedded database). */
export function lienPour(email: string): string {
  const r = cli("connexion:lien", "--email", email);
  expect(r.code, r.erreurs).toBe(0);
  const lien = new URL(r.sortie.split("\n")[0] as string);
  return url(`${lien.pathname}${lien.search}`);
}

/** Creates the account (role and perimeters as the command line takes them) and logs in with its link. */
export async function seConnecter(session: Session, email: string, role: string, ...perimetres: string[]) {
  const creation = cli("utilisateurs:creer", "--email", email, "--role", role, ...perimetres);
  expect(creation.code, creation.erreurs).toBe(0);
  await session.page.goto(lienPour(email));
  await session.page.getByRole("button", { name: "Me connecter" }).click();
  await session.page.waitForURL(url("/profil"));
}
