import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local OpenID provider for tests, standing in for ProConnect: oidc-provider 9 on 127.0.0.1,
 * RS256-signed ID tokens and userinfo (application/jwt), PKCE S256 required, client_secret_post,
 * RP-initiated logout. Logging in uses oidc-provider's development pages (devInteractions): the
 * login typed must be a key of `comptes` (any password). Consent is granted automatically:
 * loadExistingGrant grants every scope and claim the client asks for, so there is no consent page.
 *
 * The provider's own pages load nothing from outside the machine: the Google Fonts import of the
 * development pages is removed, and the logout, post-logout and error pages are ours.
 * oidc-provider writes notices to the console: they are silenced unless EFNE_TRACE_OIDC is set.
 */

export interface ClientDeTest {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** false: userinfo answered in plain JSON instead of a signed JWT (default true, as ProConnect). */
  userinfoSignee?: boolean;
}

export interface CompteDeTest {
  email: string;
  given_name?: string;
  usual_name?: string;
  siret?: string;
}

export interface FournisseurOidcDeTest {
  issuer: string;
  arreter(): Promise<void>;
}

// oidc-provider ships no types: the little of its API used here.
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface ContexteOidc {
  host: string;
  body: unknown;
  type: string;
  response: { is(type: string): string | false };
  oidc: {
    client?: { clientId: string };
    session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    requestParamClaims: Set<string>;
    provider: { Grant: { new (p: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> } };
  };
}
interface Fournisseur {
  proxy: boolean;
  use(middleware: (ctx: ContexteOidc, suite: () => Promise<void>) => Promise<void>): void;
  callback(): (requete: IncomingMessage, reponse: ServerResponse) => void;
  on(evenement: string, ecouteur: (...args: unknown[]) => void): void;
}
type ConstructeurFournisseur = new (issuer: string, configuration: Record<string, unknown>) => Fournisseur;
interface ContexteVerification {
  oidc: { session: { accountId?: string }; account?: unknown };
}
interface Verification {
  readonly reason: string;
}
interface ModuleOidcProvider {
  default: ConstructeurFournisseur;
  interactionPolicy: {
    base(): Array<{ name: string; checks: { add(verification: Verification): void } }>;
    Check: {
      new (raison: string, description: string, verifier: (ctx: ContexteVerification) => boolean): Verification;
      REQUEST_PROMPT: boolean;
      NO_NEED_TO_PROMPT: boolean;
    };
  };
}

const trace = () => Boolean(process.env.EFNE_TRACE_OIDC);

/** Runs `action` with console.info/warn/log muted (oidc-provider's notices), unless EFNE_TRACE_OIDC is set. */
async function sansNotices<T>(action: () => Promise<T> | T): Promise<T> {
  if (trace()) return action();
  const { info, warn, log } = console;
  console.info = console.warn = console.log = () => {};
  try {
    return await action();
  } finally {
    Object.assign(console, { info, warn, log });
  }
}

async function chargerOidcProvider(): Promise<ModuleOidcProvider> {
  // Its import warns about the Node.js version (it prefers Node 22): muted like its other notices.
  // @ts-expect-error -- oidc-provider ships no type declarations; the interfaces above describe what is used.
  return (await sansNotices(() => import("oidc-provider"))) as ModuleOidcProvider;
}

/**
 * oidc-provider's interactions, plus one check: a login that is not an account shows the login
 * page again (by default the provider would fail with server_error, as no grant can be made).
 */
function politiqueDInteraction({ interactionPolicy: { base, Check } }: ModuleOidcProvider) {
  const politique = base();
  politique
    .find((p) => p.name === "login")
    ?.checks.add(
      new Check("compte_inconnu", "the login is not a known account", (ctx) =>
        ctx.oidc.session.accountId !== undefined && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
      ),
    );
  return politique;
}

const echapper = (texte: string) => texte.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (titre: string, corps: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${echapper(titre)}</title></head><body><main><h1>${echapper(titre)}</h1>${corps}</main></body></html>`;

export async function demarrerFournisseurOidc(options: {
  clients: ClientDeTest[];
  comptes: Record<string, CompteDeTest>;
  port?: number;
}): Promise<FournisseurOidcDeTest> {
  const oidcProvider = await chargerOidcProvider();

  // The issuer needs the port: listen first, hand requests to the provider once it exists.
  let traiter: ((requete: IncomingMessage, reponse: ServerResponse) => void) | null = null;
  const serveur = createServer((requete, reponse) => {
    if (traiter) return traiter(requete, reponse);
    reponse.statusCode = 503;
    reponse.end();
  });
  await new Promise<void>((resoudre, rejeter) => {
    serveur.once("error", rejeter);
    serveur.listen(options.port ?? 0, "127.0.0.1", () => resoudre());
  });
  const { port } = serveur.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const arreter = () =>
    new Promise<void>((resoudre, rejeter) => {
      serveur.close((erreur) => (erreur ? rejeter(erreur) : resoudre()));
      serveur.closeAllConnections();
    });
  try {
    traiter = await creerFournisseur(oidcProvider, issuer, options);
  } catch (erreur) {
    await arreter();
    throw erreur;
  }
  return { issuer, arreter };
}

async function creerFournisseur(
  oidcProvider: ModuleOidcProvider,
  issuer: string,
  options: { clients: ClientDeTest[]; comptes: Record<string, CompteDeTest> },
): Promise<(requete: IncomingMessage, reponse: ServerResponse) => void> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cle = { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };

  const configuration: Record<string, unknown> = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
      ...(c.userinfoSignee === false ? {} : { userinfo_signed_response_alg: "RS256" }),
    })),
    jwks: { keys: [cle] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    clientAuthMethods: ["client_secret_post"],
    claims: {
      openid: ["sub"],
      email: ["email"],
      given_name: ["given_name"],
      usual_name: ["usual_name"],
      siret: ["siret"],
      uid: ["uid"],
    },
    features: {
      devInteractions: { enabled: true },
      jwtUserinfo: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: ContexteOidc, formulaire: string) {
          ctx.body = page(
            `Do you want to sign-out from ${ctx.host}?`,
            `${formulaire}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>` +
              `<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        async postLogoutSuccessSource(ctx: ContexteOidc) {
          ctx.body = page("Sign-out Success", "<p>Your sign-out was successful.</p>");
        },
      },
    },
    async findAccount(_ctx: unknown, id: string) {
      const compte = Object.hasOwn(options.comptes, id) ? options.comptes[id] : undefined;
      if (!compte) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, uid: id, ...compte };
        },
      };
    },
    // Grants every scope and claim asked for: no consent page in tests.
    async loadExistingGrant(ctx: ContexteOidc) {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session.accountId;
      if (!clientId || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      const grant = (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ?? new oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
      if (oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    async renderError(ctx: ContexteOidc, sortie: Record<string, string>) {
      ctx.type = "html";
      ctx.body = page(
        "oops! something went wrong",
        Object.entries(sortie)
          .map(([cle, valeur]) => `<p><strong>${echapper(cle)}</strong>: ${echapper(String(valeur))}</p>`)
          .join(""),
      );
    },
    interactions: { policy: politiqueDInteraction(oidcProvider) },
    clientBasedCORS: () => false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  };

  const Provider = oidcProvider.default;
  const fournisseur = await sansNotices(() => new Provider(issuer, configuration));
  fournisseur.proxy = false;
  // Development pages: no Google Fonts (nothing may leave the machine), and a language for the document.
  fournisseur.use(async (ctx, suite) => {
    await suite();
    if (typeof ctx.body === "string" && ctx.response.is("html")) {
      ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, "").replace("<html >", '<html lang="en">');
    }
  });
  if (trace()) {
    for (const evenement of ["server_error", "authorization.error", "grant.error", "end_session.error", "userinfo.error"]) {
      fournisseur.on(evenement, (_ctx, erreur) => console.error(`[oidc-provider] ${evenement}`, erreur));
    }
  }
  return fournisseur.callback();
}

/*
 * Scripted logins, without a browser: follows the authorization URL with fetch (manual redirects,
 * keeping the provider's cookies), fills the development login form, submits any other form it
 * meets (consent), and stops at the first redirect leaving the provider: the client's
 * redirect_uri with code and state (or error).
 */

class Bocal {
  private readonly cookies = new Map<string, string>();

  retenir(reponse: Response) {
    for (const ligne of reponse.headers.getSetCookie()) {
      const [paire = ""] = ligne.split(";");
      const egal = paire.indexOf("=");
      if (egal <= 0) continue;
      const nom = paire.slice(0, egal).trim();
      const valeur = paire.slice(egal + 1).trim();
      const expire = /;\s*expires=([^;]+)/i.exec(ligne)?.[1];
      if (!valeur || (expire && Date.parse(expire) <= Date.now())) this.cookies.delete(nom);
      else this.cookies.set(nom, valeur);
    }
  }

  enTete(): string {
    return [...this.cookies].map(([nom, valeur]) => `${nom}=${valeur}`).join("; ");
  }
}

interface Formulaire {
  action: string;
  champs: Map<string, string>;
}

const attribut = (balise: string, nom: string) => {
  const valeur = new RegExp(`\\s${nom}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(balise);
  const brute = valeur?.[1] ?? valeur?.[2];
  return brute === undefined ? undefined : brute.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
};

function premierFormulaire(html: string): Formulaire | null {
  const formulaire = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!formulaire) return null;
  const action = attribut(formulaire[0].slice(0, formulaire[0].indexOf(">") + 1), "action");
  if (!action) return null;
  const champs = new Map<string, string>();
  for (const [balise] of (formulaire[1] ?? "").matchAll(/<input\b[^>]*>/gi)) {
    const nom = attribut(balise, "name");
    if (nom) champs.set(nom, attribut(balise, "value") ?? "");
  }
  return { action, champs };
}

async function parcourir(urlAutorisation: string, remplir: (formulaire: Formulaire, html: string) => Formulaire | URL): Promise<URL> {
  const origine = new URL(urlAutorisation).origin;
  const bocal = new Bocal();
  let requete: { url: URL; corps?: URLSearchParams } = { url: new URL(urlAutorisation) };
  for (let etape = 0; etape < 20; etape++) {
    const reponse = await fetch(requete.url, {
      method: requete.corps ? "POST" : "GET",
      body: requete.corps,
      redirect: "manual",
      headers: { cookie: bocal.enTete() },
    });
    bocal.retenir(reponse);
    const destination = reponse.headers.get("location");
    if (reponse.status >= 300 && reponse.status < 400 && destination) {
      const suivante = new URL(destination, requete.url);
      if (suivante.origin !== origine) return suivante;
      requete = { url: suivante };
      continue;
    }
    const html = await reponse.text();
    const formulaire = reponse.ok ? premierFormulaire(html) : null;
    if (!formulaire) {
      const texte = html.replace(/<style[\s\S]*?<\/style>/gi, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
      throw new Error(`Le fournisseur OpenID a répondu ${reponse.status} sans formulaire ni redirection (${requete.url.pathname}) : ${texte.slice(0, 300)}`);
    }
    const suite = remplir(formulaire, html);
    if (suite instanceof URL) {
      requete = { url: suite };
      continue;
    }
    const action = new URL(suite.action, requete.url);
    // A form posting to the client (form_post) ends the journey like a redirect would.
    if (action.origin !== origine) return Object.assign(action, { search: new URLSearchParams([...suite.champs]).toString() });
    requete = { url: action, corps: new URLSearchParams([...suite.champs]) };
  }
  throw new Error("Le fournisseur OpenID n'a pas rendu la main au client après 20 étapes.");
}

/** Logs in as `login` (a key of `comptes`) and returns the URL the provider sends the browser back to. */
export async function connexionSansNavigateur(urlAutorisation: string, login: string): Promise<URL> {
  let loginsTentes = 0;
  return parcourir(urlAutorisation, (formulaire) => {
    if (!formulaire.champs.has("login")) return formulaire;
    // The login page shows again when the login is not an account: fail instead of looping.
    if (++loginsTentes > 1) throw new Error(`Le fournisseur OpenID a refusé l'identifiant « ${login} ».`);
    formulaire.champs.set("login", login);
    formulaire.champs.set("password", "mot-de-passe-quelconque");
    return formulaire;
  });
}

/** Cancels on the provider's login page ("[ Cancel ]"): the client receives error=access_denied. */
export async function abandonSansNavigateur(urlAutorisation: string): Promise<URL> {
  return parcourir(urlAutorisation, (_formulaire, html) => {
    const abandon = /<a\b[^>]*href="([^"]*\/abort)"/i.exec(html)?.[1];
    if (!abandon) throw new Error("Pas de lien d'abandon sur la page du fournisseur OpenID.");
    return new URL(abandon.replace(/&amp;/g, "&"), urlAutorisation);
  });
}
