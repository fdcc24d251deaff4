import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { abandonSansNavigateur, connexionSansNavigateur, demarrerFournisseurOidc, type FournisseurOidcDeTest } from "../../../tests/outils/fournisseur-oidc";
import {
  ErreurProConnect,
  origineDuFournisseur,
  parametresProConnect,
  preparerAutorisation,
  terminerAutorisation,
  urlDeDeconnexion,
  type ParametresProConnect,
} from "./proconnect";

const URL_DE_RETOUR = "http://localhost:3000/connexion/proconnect/retour";
const URL_APRES_DECONNEXION = "http://localhost:3000/connexion";
const SCOPES = "openid email given_name usual_name siret uid";

let fournisseur: FournisseurOidcDeTest;
let parametres: ParametresProConnect;
/** A client whose userinfo comes back as plain JSON (ProConnect signs it; other providers may not). */
let parametresJson: ParametresProConnect;

const client = (clientId: string, userinfoSignee: boolean) => ({
  clientId,
  clientSecret: `secret-${clientId}-0123456789abcdef`,
  redirectUris: [URL_DE_RETOUR],
  postLogoutRedirectUris: [URL_APRES_DECONNEXION],
  userinfoSignee,
});
const CLIENT = client("efne-test", true);
const CLIENT_JSON = client("efne-test-json", false);

beforeAll(async () => {
  fournisseur = await demarrerFournisseurOidc({
    clients: [CLIENT, CLIENT_JSON],
    comptes: {
      "agent-1": { email: "  Camille.Durand@Exemple.GOUV.fr ", given_name: "Camille", usual_name: "Durand", siret: "13002526500013" },
      "agent-2": { email: "dominique@exemple.fr" },
    },
  });
  parametres = { issuer: fournisseur.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, scopes: SCOPES };
  parametresJson = { issuer: fournisseur.issuer, clientId: CLIENT_JSON.clientId, clientSecret: CLIENT_JSON.clientSecret, scopes: SCOPES };
});

afterAll(async () => fournisseur?.arreter());

afterEach(() => {
  vi.restoreAllMocks();
});

async function connecter(login = "agent-1", p: ParametresProConnect = parametres) {
  const autorisation = await preparerAutorisation({ parametres: p, urlDeRetour: URL_DE_RETOUR });
  const retour = await connexionSansNavigateur(autorisation.url, login);
  return { autorisation, retour };
}

async function erreurDe(promesse: Promise<unknown>): Promise<ErreurProConnect> {
  try {
    await promesse;
  } catch (erreur) {
    if (erreur instanceof ErreurProConnect) return erreur;
    throw erreur;
  }
  throw new Error("Une ErreurProConnect était attendue.");
}

async function portLibre(): Promise<number> {
  const serveur = createServer();
  await new Promise<void>((resoudre) => serveur.listen(0, "127.0.0.1", resoudre));
  const adresse = serveur.address();
  await new Promise<void>((resoudre) => serveur.close(() => resoudre()));
  if (!adresse || typeof adresse === "string") throw new Error("Pas de port");
  return adresse.port;
}

const base64url = (objet: unknown) => Buffer.from(JSON.stringify(objet)).toString("base64url");
const charge = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
/** The same JWT with a changed claim and the original signature: a forgery. */
const falsifier = (jwt: string, changement: Record<string, unknown>) => {
  const [entete, , signature] = jwt.split(".");
  return `${entete}.${base64url({ ...charge(jwt), ...changement })}.${signature}`;
};

/** Lets `modifier` rewrite the provider's answers to requests whose path ends with `chemin`. */
function intercepter(chemin: string, modifier: (reponse: Response) => Promise<Response>) {
  const fetchOriginal = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (entree, init) => {
    const reponse = await fetchOriginal(entree, init);
    const url = new URL(entree instanceof Request ? entree.url : String(entree));
    return url.pathname.endsWith(chemin) ? modifier(reponse) : reponse;
  });
}

describe("paramètres de ProConnect", () => {
  // Next.js's types require NODE_ENV in a ProcessEnv.
  const env = (variables: Record<string, string | undefined>) => variables as NodeJS.ProcessEnv;
  const complet = { PROCONNECT_ISSUER: "https://proconnect.gouv.fr/api/v2", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" };

  it("sont absents tant que l'issuer, l'identifiant et le secret ne sont pas tous donnés", () => {
    expect(parametresProConnect(env({}))).toBeNull();
    for (const manquante of Object.keys(complet)) {
      expect(parametresProConnect(env({ ...complet, [manquante]: undefined }))).toBeNull();
      expect(parametresProConnect(env({ ...complet, [manquante]: "  " }))).toBeNull();
    }
  });

  it("prennent les scopes par défaut, ou ceux de PROCONNECT_SCOPES", () => {
    expect(parametresProConnect(env(complet))).toEqual({
      issuer: "https://proconnect.gouv.fr/api/v2",
      clientId: "id",
      clientSecret: "secret",
      scopes: "openid email given_name usual_name siret uid",
    });
    expect(parametresProConnect(env({ ...complet, PROCONNECT_SCOPES: "openid email" }))?.scopes).toBe("openid email");
  });

  it("donnent l'origine du fournisseur pour la politique de sécurité du contenu", () => {
    expect(origineDuFournisseur({ ...parametres, issuer: "https://proconnect.gouv.fr/api/v2" })).toBe("https://proconnect.gouv.fr");
    expect(origineDuFournisseur(parametres)).toBe(fournisseur.issuer);
  });
});

describe("connexion avec ProConnect", () => {
  it("mène du fournisseur à l'identité : code avec PKCE S256, état, nonce, jeton d'identité et userinfo signés", async () => {
    const autorisation = await preparerAutorisation({ parametres, urlDeRetour: URL_DE_RETOUR });
    const url = new URL(autorisation.url);
    expect(url.origin).toBe(fournisseur.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: CLIENT.clientId,
      redirect_uri: URL_DE_RETOUR,
      scope: SCOPES,
      code_challenge_method: "S256",
      state: autorisation.etat,
      nonce: autorisation.nonce,
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("code_challenge")).not.toBe(autorisation.verificateur);
    expect(autorisation.etat).not.toBe(autorisation.nonce);

    const retour = await connexionSansNavigateur(autorisation.url, "agent-1");
    expect(retour.origin + retour.pathname).toBe(URL_DE_RETOUR);
    expect(retour.searchParams.get("state")).toBe(autorisation.etat);
    expect(retour.searchParams.get("code")).toBeTruthy();

    const identite = await terminerAutorisation({ parametres, urlCourante: retour, ...autorisation });
    expect(identite).toEqual({
      sub: "agent-1",
      email: "camille.durand@exemple.gouv.fr",
      prenom: "Camille",
      nom: "Durand",
      siret: "13002526500013",
      idToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    expect(charge(identite.idToken)).toMatchObject({ iss: fournisseur.issuer, aud: CLIENT.clientId, sub: "agent-1", nonce: autorisation.nonce });
  });

  it("laisse vides les informations que le fournisseur ne donne pas", async () => {
    const { autorisation, retour } = await connecter("agent-2");
    const identite = await terminerAutorisation({ parametres, urlCourante: retour, ...autorisation });
    expect(identite).toMatchObject({ sub: "agent-2", email: "dominique@exemple.fr", prenom: null, nom: null, siret: null });
  });

  it("accepte aussi un userinfo en JSON non signé", async () => {
    const { autorisation, retour } = await connecter("agent-1", parametresJson);
    const identite = await terminerAutorisation({ parametres: parametresJson, urlCourante: retour, ...autorisation });
    expect(identite).toMatchObject({ sub: "agent-1", email: "camille.durand@exemple.gouv.fr", siret: "13002526500013" });
  });

  it("refuse un état qui n'est pas celui de la demande", async () => {
    const { autorisation, retour } = await connecter();
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation, etat: "un-autre-etat" }));
    expect(erreur.code).toBe("reponseInvalide");
    // The code was not spent: with the right state, the same answer goes through.
    await expect(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation })).resolves.toMatchObject({ sub: "agent-1" });
  });

  it("refuse un nonce qui n'est pas celui de la demande", async () => {
    const { autorisation, retour } = await connecter();
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation, nonce: "un-autre-nonce" }));
    expect(erreur.code).toBe("reponseInvalide");
    expect(erreur.message).toContain("nonce");
  });

  it("échoue quand le vérificateur PKCE ne correspond pas : le fournisseur refuse le code", async () => {
    const { autorisation, retour } = await connecter();
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation, verificateur: "x".repeat(43) }));
    expect(erreur.code).toBe("reponseInvalide");
    expect(erreur.message).toContain("invalid_grant");
  });

  it("signale le refus de l'utilisateur (error=access_denied)", async () => {
    const autorisation = await preparerAutorisation({ parametres, urlDeRetour: URL_DE_RETOUR });
    const retour = await abandonSansNavigateur(autorisation.url);
    expect(retour.searchParams.get("error")).toBe("access_denied");
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation }));
    expect(erreur.code).toBe("refuseParLeFournisseur");
    expect(erreur.message).toContain("access_denied");
  });

  it("n'accepte un code qu'une fois, sans le citer dans l'erreur", async () => {
    const { autorisation, retour } = await connecter();
    await terminerAutorisation({ parametres, urlCourante: retour, ...autorisation });
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation }));
    expect(erreur.code).toBe("reponseInvalide");
    expect(erreur.message).not.toContain(retour.searchParams.get("code"));
  });

  it("vérifie la signature du jeton d'identité", async () => {
    const { autorisation, retour } = await connecter();
    intercepter("/token", async (reponse) => {
      const corps = (await reponse.json()) as { id_token: string };
      const faux = { ...corps, id_token: falsifier(corps.id_token, { sub: "agent-2" }) };
      return Response.json(faux, { status: reponse.status, headers: reponse.headers });
    });
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation }));
    expect(erreur.code).toBe("reponseInvalide");
    expect(erreur.message).toContain("signature");
  });

  it("vérifie la signature du userinfo", async () => {
    const { autorisation, retour } = await connecter();
    intercepter("/me", async (reponse) => {
      expect(reponse.headers.get("content-type")).toContain("application/jwt");
      const faux = falsifier(await reponse.text(), { email: "usurpateur@exemple.fr" });
      return new Response(faux, { status: reponse.status, headers: reponse.headers });
    });
    const erreur = await erreurDe(terminerAutorisation({ parametres, urlCourante: retour, ...autorisation }));
    expect(erreur.code).toBe("reponseInvalide");
    expect(erreur.message).toContain("signature");
  });
});

describe("déconnexion de ProConnect", () => {
  it("renvoie vers la fin de session du fournisseur avec id_token_hint, état et adresse de retour", async () => {
    const { autorisation, retour } = await connecter();
    const { idToken } = await terminerAutorisation({ parametres, urlCourante: retour, ...autorisation });
    const url = await urlDeDeconnexion({ parametres, idToken, urlDeRetour: URL_APRES_DECONNEXION, etat: "etat-de-deconnexion" });
    expect(url).not.toBeNull();
    const fin = new URL(url as string);
    expect(fin.origin + fin.pathname).toBe(`${fournisseur.issuer}/session/end`);
    expect(Object.fromEntries(fin.searchParams)).toEqual({
      id_token_hint: idToken,
      state: "etat-de-deconnexion",
      post_logout_redirect_uri: URL_APRES_DECONNEXION,
      client_id: CLIENT.clientId,
    });
    // The provider accepts it (a wrong hint or an unregistered return address would be a 400).
    const reponse = await fetch(fin, { redirect: "manual" });
    expect(reponse.status).toBe(200);
  });
});

describe("fournisseur injoignable ou mal configuré", () => {
  it("signale un fournisseur injoignable, et retente la découverte ensuite", async () => {
    const port = await portLibre();
    const injoignable = { ...parametres, issuer: `http://127.0.0.1:${port}` };
    const erreur = await erreurDe(preparerAutorisation({ parametres: injoignable, urlDeRetour: URL_DE_RETOUR }));
    expect(erreur.code).toBe("fournisseurInjoignable");

    // A failed discovery is not kept: once the provider answers on that port, logging in works.
    const revenu = await demarrerFournisseurOidc({ clients: [CLIENT], comptes: { "agent-1": { email: "a@exemple.fr" } }, port });
    try {
      await expect(preparerAutorisation({ parametres: injoignable, urlDeRetour: URL_DE_RETOUR })).resolves.toMatchObject({ url: expect.stringContaining(revenu.issuer) });
    } finally {
      await revenu.arreter();
    }
  });

  it("refuse un issuer en http qui n'est pas local", async () => {
    const enClair = { ...parametres, issuer: "http://proconnect.exemple.gouv.fr/api/v2" };
    expect((await erreurDe(preparerAutorisation({ parametres: enClair, urlDeRetour: URL_DE_RETOUR }))).code).toBe("configuration");
    expect(() => origineDuFournisseur(enClair)).toThrow(ErreurProConnect);
    expect((await erreurDe(preparerAutorisation({ parametres: { ...parametres, issuer: "pas une adresse" }, urlDeRetour: URL_DE_RETOUR }))).code).toBe("configuration");
  });
});
