import { createHash } from "node:crypto";
import * as oidc from "openid-client";

/*
 * ProConnect, the French State's OpenID Connect federation: authorization code flow with PKCE
 * (S256), state and nonce, client_secret_post authentication, and an ID token and userinfo both
 * signed in RS256. openid-client checks state, PKCE, nonce and the ID token's claims; the
 * signatures of the ID token and of the userinfo JWT are checked against the provider's JWKS
 * because the configuration enables its "non-repudiation" checks (without them openid-client v6
 * trusts the TLS channel and does not verify these signatures).
 *
 * Errors are ErreurProConnect; their messages never carry a token, a code or a claim value.
 */

export interface ParametresProConnect {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export interface IdentiteProConnect {
  sub: string;
  email: string;
  prenom: string | null;
  nom: string | null;
  siret: string | null;
  idToken: string;
}

export type CodeErreurProConnect = "configuration" | "fournisseurInjoignable" | "reponseInvalide" | "refuseParLeFournisseur";

export class ErreurProConnect extends Error {
  readonly code: CodeErreurProConnect;

  constructor(code: CodeErreurProConnect, message: string) {
    super(message);
    this.name = "ErreurProConnect";
    this.code = code;
  }
}

export const SCOPES_PROCONNECT_PAR_DEFAUT = "openid email given_name usual_name siret uid";

/** ProConnect's settings from the environment; null unless the issuer, the client id and its secret are all set. */
export function parametresProConnect(env: Record<string, string | undefined> = process.env): ParametresProConnect | null {
  const issuer = env.PROCONNECT_ISSUER?.trim();
  const clientId = env.PROCONNECT_CLIENT_ID?.trim();
  const clientSecret = env.PROCONNECT_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, scopes: env.PROCONNECT_SCOPES?.trim() || SCOPES_PROCONNECT_PAR_DEFAUT };
}

/** Plain HTTP is allowed only towards this machine (the tests' local provider). */
const HOTES_LOCAUX = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
/** Seconds allowed to every request made to the provider (discovery, token, userinfo, JWKS). */
const DELAI_REQUETES_S = 10;
/** A discovered configuration is reused this long, then discovered again. */
const DUREE_CACHE_MS = 60 * 60 * 1000;

interface IssuerVerifie {
  url: URL;
  local: boolean;
}

function verifierIssuer(issuer: string): IssuerVerifie {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ErreurProConnect("configuration", "PROCONNECT_ISSUER n'est pas une adresse valide.");
  }
  const local = HOTES_LOCAUX.has(url.hostname);
  if (url.protocol === "https:" || (url.protocol === "http:" && local)) return { url, local };
  throw new ErreurProConnect("configuration", "PROCONNECT_ISSUER doit être une adresse https (http n'est permis que vers 127.0.0.1, localhost ou ::1).");
}

/** The provider's origin, for the form-action directive of the Content-Security-Policy. */
export function origineDuFournisseur(parametres: ParametresProConnect): string {
  return verifierIssuer(parametres.issuer).url.origin;
}

/*
 * Discovered configurations, kept on globalThis (module reloads and Next.js bundles share them),
 * per issuer, client id and a fingerprint of the secret (a rotated secret is picked up). A failed
 * discovery is forgotten at once so that the next login tries again.
 */
interface Configurations {
  /** Expects a signed userinfo (RS256): what ProConnect answers. */
  signee: oidc.Configuration;
  /** Same client without userinfo_signed_response_alg: used only if the provider answers userinfo in plain JSON. */
  json: oidc.Configuration;
}
interface EntreeCache {
  configurations: Promise<Configurations>;
  decouverteLe: number;
}
const CLE_CACHE = Symbol.for("efne.proconnect.configurations");
const cache = ((globalThis as Record<symbol, Map<string, EntreeCache>>)[CLE_CACHE] ??= new Map());

async function decouvrir(parametres: ParametresProConnect, issuer: IssuerVerifie): Promise<Configurations> {
  const metadonnees: Partial<oidc.ClientMetadata> = {
    client_secret: parametres.clientSecret,
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: "RS256",
    userinfo_signed_response_alg: "RS256",
  };
  const extensions: Array<(configuration: oidc.Configuration) => void> = [oidc.enableNonRepudiationChecks];
  if (issuer.local) extensions.push(oidc.allowInsecureRequests);
  let signee: oidc.Configuration;
  try {
    // ClientSecretPost: client_id and client_secret in the token request's body, as ProConnect expects.
    signee = await oidc.discovery(issuer.url, parametres.clientId, metadonnees, oidc.ClientSecretPost(parametres.clientSecret), {
      execute: extensions,
      timeout: DELAI_REQUETES_S,
    });
  } catch (erreur) {
    throw traduireErreur(erreur, "decouverte");
  }
  const { userinfo_signed_response_alg: _ignore, ...metadonneesJson } = metadonnees;
  const json = new oidc.Configuration(signee.serverMetadata(), parametres.clientId, metadonneesJson, oidc.ClientSecretPost(parametres.clientSecret));
  if (issuer.local) oidc.allowInsecureRequests(json);
  json.timeout = DELAI_REQUETES_S;
  return { signee, json };
}

async function configurations(parametres: ParametresProConnect): Promise<Configurations> {
  const issuer = verifierIssuer(parametres.issuer);
  if (!parametres.clientId || !parametres.clientSecret) throw new ErreurProConnect("configuration", "L'identifiant et le secret du client ProConnect sont requis.");
  const empreinteSecret = createHash("sha256").update(parametres.clientSecret).digest("base64url").slice(0, 16);
  const cle = [issuer.url.href, parametres.clientId, empreinteSecret].join("\n");
  const existante = cache.get(cle);
  if (existante && Date.now() - existante.decouverteLe < DUREE_CACHE_MS) return existante.configurations;
  const entree: EntreeCache = { configurations: decouvrir(parametres, issuer), decouverteLe: Date.now() };
  cache.set(cle, entree);
  entree.configurations.catch(() => {
    if (cache.get(cle) === entree) cache.delete(cle);
  });
  return entree.configurations;
}

/** Starts a login: the provider's authorization URL, and the secrets to keep (in a cookie) until the callback. */
export async function preparerAutorisation(p: {
  parametres: ParametresProConnect;
  urlDeRetour: string;
}): Promise<{ url: string; etat: string; nonce: string; verificateur: string }> {
  const { signee } = await configurations(p.parametres);
  const verificateur = oidc.randomPKCECodeVerifier();
  const etat = oidc.randomState();
  const nonce = oidc.randomNonce();
  try {
    const url = oidc.buildAuthorizationUrl(signee, {
      redirect_uri: p.urlDeRetour,
      scope: p.parametres.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verificateur),
      code_challenge_method: "S256",
      state: etat,
      nonce,
    });
    return { url: url.href, etat, nonce, verificateur };
  } catch (erreur) {
    throw traduireErreur(erreur, "echange");
  }
}

/**
 * Ends a login on the callback: checks the response (state), exchanges the code (PKCE), checks the
 * ID token (signature, issuer, audience, nonce, expiry), then reads the userinfo of that subject.
 * `urlCourante` is the callback URL as the browser requested it (its path must be the redirect_uri).
 */
export async function terminerAutorisation(p: {
  parametres: ParametresProConnect;
  urlCourante: URL;
  etat: string;
  nonce: string;
  verificateur: string;
}): Promise<IdentiteProConnect> {
  const refus = p.urlCourante.searchParams.get("error");
  if (refus !== null) {
    throw new ErreurProConnect("refuseParLeFournisseur", `ProConnect a refusé la connexion${detailSur(refus)}.`);
  }
  const { signee, json } = await configurations(p.parametres);

  let idToken: string;
  let sub: string;
  let accessToken: string;
  try {
    const jetons = await oidc.authorizationCodeGrant(signee, p.urlCourante, {
      expectedState: p.etat,
      expectedNonce: p.nonce,
      pkceCodeVerifier: p.verificateur,
      idTokenExpected: true,
    });
    const revendications = jetons.claims();
    if (!jetons.id_token || !revendications) throw new ErreurProConnect("reponseInvalide", "ProConnect n'a pas renvoyé de jeton d'identité.");
    idToken = jetons.id_token;
    sub = revendications.sub;
    accessToken = jetons.access_token;
  } catch (erreur) {
    throw traduireErreur(erreur, "echange");
  }

  let infos: oidc.UserInfoResponse;
  try {
    infos = await oidc.fetchUserInfo(signee, accessToken, sub);
  } catch (erreur) {
    if (!(erreur instanceof oidc.ClientError && erreur.code === "OAUTH_JWT_USERINFO_EXPECTED")) throw traduireErreur(erreur, "userinfo");
    // The provider answered plain JSON: acceptable (OpenID Connect Core does not require signing
    // userinfo; the TLS channel authenticates it), asked again without expecting a JWT.
    try {
      infos = await oidc.fetchUserInfo(json, accessToken, sub);
    } catch (erreurJson) {
      throw traduireErreur(erreurJson, "userinfo");
    }
  }

  const email = texte(infos.email)?.toLowerCase();
  if (!email) throw new ErreurProConnect("reponseInvalide", "ProConnect n'a pas transmis d'adresse e-mail.");
  return {
    sub,
    email,
    prenom: texte(infos.given_name),
    nom: texte(infos.usual_name) ?? texte(infos.family_name),
    siret: texte(infos.siret),
    idToken,
  };
}

/** RP-initiated logout at the provider; null when it offers no end_session_endpoint. */
export async function urlDeDeconnexion(p: {
  parametres: ParametresProConnect;
  idToken: string;
  urlDeRetour: string;
  etat: string;
}): Promise<string | null> {
  const { signee } = await configurations(p.parametres);
  if (!signee.serverMetadata().end_session_endpoint) return null;
  try {
    return oidc.buildEndSessionUrl(signee, { id_token_hint: p.idToken, state: p.etat, post_logout_redirect_uri: p.urlDeRetour }).href;
  } catch (erreur) {
    throw traduireErreur(erreur, "echange");
  }
}

function texte(valeur: unknown): string | null {
  return typeof valeur === "string" && valeur.trim() ? valeur.trim() : null;
}

/** An error code for a message: only short identifiers (access_denied, OAUTH_…), never free text. */
function detailSur(code: unknown): string {
  return typeof code === "string" && /^[A-Za-z0-9_.-]{1,80}$/.test(code) ? ` (${code})` : "";
}

const CODES_RESEAU = new Set(["OAUTH_TIMEOUT", "OAUTH_ABORT"]);
const CODES_CONFIGURATION = new Set(["OAUTH_HTTP_REQUEST_FORBIDDEN", "OAUTH_REQUEST_PROTOCOL_FORBIDDEN", "ERR_INVALID_ARG_TYPE", "ERR_INVALID_ARG_VALUE"]);

/*
 * openid-client's errors to ours. Messages keep the library's fixed texts and codes (they name
 * claims and parameters, never their values); the causes, which may hold tokens or response
 * bodies, are not kept.
 */
function traduireErreur(erreur: unknown, etape: "decouverte" | "echange" | "userinfo"): ErreurProConnect {
  if (erreur instanceof ErreurProConnect) return erreur;
  if (erreur instanceof oidc.AuthorizationResponseError) {
    return new ErreurProConnect("refuseParLeFournisseur", `ProConnect a refusé la connexion${detailSur(erreur.error)}.`);
  }
  if (erreur instanceof oidc.ResponseBodyError) {
    if (erreur.status >= 500) return new ErreurProConnect("fournisseurInjoignable", `ProConnect est en erreur (HTTP ${erreur.status}).`);
    if (erreur.error === "invalid_client") return new ErreurProConnect("configuration", "ProConnect ne reconnaît pas l'identifiant ou le secret du client (invalid_client).");
    return new ErreurProConnect("reponseInvalide", `ProConnect a rejeté la requête${detailSur(erreur.error)}.`);
  }
  if (erreur instanceof oidc.WWWAuthenticateChallengeError) {
    return new ErreurProConnect("reponseInvalide", `ProConnect a rejeté le jeton d'accès (HTTP ${erreur.status}).`);
  }
  const code = (erreur as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CODES_CONFIGURATION.has(code)) {
    return new ErreurProConnect("configuration", `Configuration ProConnect invalide${detailSur(code)}.`);
  }
  if (erreur instanceof TypeError && erreur.cause !== undefined) {
    // fetch's network failures (refused connection, unknown host, TLS): "fetch failed" with a coded cause.
    return new ErreurProConnect("fournisseurInjoignable", `ProConnect est injoignable${detailSur((erreur.cause as { code?: unknown } | undefined)?.code)}.`);
  }
  const cause = erreur instanceof Error ? erreur.cause : undefined;
  const statut = cause instanceof Response ? cause.status : null;
  if ((typeof code === "string" && CODES_RESEAU.has(code)) || (statut !== null && statut >= 500) || (erreur instanceof oidc.ClientError && code === undefined)) {
    return new ErreurProConnect("fournisseurInjoignable", `ProConnect est injoignable ou en erreur${detailSur(code)}${statut ? ` (HTTP ${statut})` : ""}.`);
  }
  if (etape === "decouverte") {
    if (code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") {
      return new ErreurProConnect("configuration", "L'issuer annoncé par ProConnect ne correspond pas à PROCONNECT_ISSUER.");
    }
    return new ErreurProConnect("fournisseurInjoignable", `La découverte de ProConnect a échoué${detailSur(code)}${statut ? ` (HTTP ${statut})` : ""}.`);
  }
  const texteLibrairie = erreur instanceof Error ? erreur.message : "erreur inconnue";
  const texteCause = cause instanceof Error && !(cause instanceof Response) ? ` : ${cause.message}` : "";
  return new ErreurProConnect("reponseInvalide", `Réponse de ProConnect invalide${detailSur(code)} : ${texteLibrairie}${texteCause}.`);
}
