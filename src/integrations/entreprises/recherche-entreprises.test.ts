import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rechercherParSiret, urlRechercheEntreprises } from "./recherche-entreprises";

const SIEGE = "13002526500013";
const ETABLISSEMENT = "13002526500021";
const AUTRE_ETABLISSEMENT = "13002526500039";
const SANS_RESULTAT = "11000201100044";
const ERREUR_500 = "35600000000048";
const LENT = "35600000000010";
const JSON_INVALIDE = "44306184100047";
const FORME_INATTENDUE = "55203253400646";
const NOM_LONG = "73282932000074";
const SANS_NOM_COMPLET = "54205118000066";

const dinum = {
  siren: "130025265",
  nom_complet: "  DIRECTION INTERMINISTERIELLE DU NUMERIQUE (DINUM)  ",
  nom_raison_sociale: "DIRECTION INTERMINISTERIELLE DU NUMERIQUE",
  siege: { siret: SIEGE, code_postal: "75007" },
  matching_etablissements: [{ siret: ETABLISSEMENT }],
};

/** Answers of the imitation API, by the `q` parameter. */
function reponseA(q: string | null): { code: number; corps: string } | "lent" {
  const json = (resultats: unknown[]) => ({ code: 200, corps: JSON.stringify({ results: resultats, total_results: resultats.length }) });
  switch (q) {
    case SIEGE:
    case ETABLISSEMENT:
    case AUTRE_ETABLISSEMENT:
      return json([dinum]);
    case NOM_LONG:
      return json([{ nom_complet: "X".repeat(300), siege: { siret: NOM_LONG }, matching_etablissements: [] }]);
    case SANS_NOM_COMPLET:
      return json([{ nom_complet: null, nom_raison_sociale: " RAISON SOCIALE ", siege: { siret: SANS_NOM_COMPLET } }]);
    case ERREUR_500:
      return { code: 500, corps: "erreur" };
    case LENT:
      return "lent";
    case JSON_INVALIDE:
      return { code: 200, corps: "{ results: [" };
    case FORME_INATTENDUE:
      return { code: 200, corps: JSON.stringify({ results: "aucun" }) };
    default:
      return json([]);
  }
}

let serveur: Server;
let urlDeBase: string;
const urlsRecues: string[] = [];
const minuteries: NodeJS.Timeout[] = [];

beforeAll(async () => {
  serveur = createServer((requete, reponse) => {
    urlsRecues.push(requete.url ?? "");
    const url = new URL(requete.url ?? "/", "http://localhost");
    const resultat = url.pathname === "/search" ? reponseA(url.searchParams.get("q")) : { code: 404, corps: "" };
    if (resultat === "lent") {
      minuteries.push(setTimeout(() => reponse.end(JSON.stringify({ results: [dinum] })), 2000));
      return;
    }
    reponse.writeHead(resultat.code, { "content-type": "application/json" }).end(resultat.corps);
  });
  await new Promise<void>((resolve) => serveur.listen(0, "127.0.0.1", resolve));
  urlDeBase = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
});

afterAll(async () => {
  minuteries.forEach(clearTimeout);
  serveur.closeAllConnections();
  await new Promise((resolve) => serveur.close(resolve));
});

describe("urlRechercheEntreprises", () => {
  it("returns the configured base URL", () => {
    const url = "https://recherche-entreprises.api.gouv.fr";
    expect(urlRechercheEntreprises({ EFNE_RECHERCHE_ENTREPRISES_URL: url })).toBe(url);
  });

  it("returns null when unset, empty or « non »", () => {
    expect(urlRechercheEntreprises({})).toBeNull();
    expect(urlRechercheEntreprises({ EFNE_RECHERCHE_ENTREPRISES_URL: "" })).toBeNull();
    expect(urlRechercheEntreprises({ EFNE_RECHERCHE_ENTREPRISES_URL: "non" })).toBeNull();
  });
});

describe("rechercherParSiret", () => {
  it("sends the SIRET as the query, first page, one result", async () => {
    await rechercherParSiret({ urlDeBase, siret: SIEGE });
    expect(urlsRecues.at(-1)).toBe(`/search?q=${SIEGE}&page=1&per_page=1`);
  });

  it("finds the head office, with the trimmed full name", async () => {
    expect(await rechercherParSiret({ urlDeBase, siret: SIEGE })).toEqual({
      statut: "trouve",
      nom: "DIRECTION INTERMINISTERIELLE DU NUMERIQUE (DINUM)",
      siret: SIEGE,
    });
  });

  it("finds a matching establishment", async () => {
    const resultat = await rechercherParSiret({ urlDeBase, siret: ETABLISSEMENT });
    expect(resultat).toMatchObject({ statut: "trouve", siret: ETABLISSEMENT });
  });

  it("falls back on the company name and caps the name at 200 characters", async () => {
    expect(await rechercherParSiret({ urlDeBase, siret: SANS_NOM_COMPLET })).toEqual({
      statut: "trouve",
      nom: "RAISON SOCIALE",
      siret: SANS_NOM_COMPLET,
    });
    const resultat = await rechercherParSiret({ urlDeBase, siret: NOM_LONG });
    expect(resultat.statut === "trouve" && resultat.nom).toBe("X".repeat(200));
  });

  it("is introuvable when the API answers without this SIRET", async () => {
    expect(await rechercherParSiret({ urlDeBase, siret: SANS_RESULTAT })).toEqual({ statut: "introuvable" });
    expect(await rechercherParSiret({ urlDeBase, siret: AUTRE_ETABLISSEMENT })).toEqual({ statut: "introuvable" });
  });

  it("is indisponible on a server error, invalid JSON or an unexpected shape", async () => {
    for (const siret of [ERREUR_500, JSON_INVALIDE, FORME_INATTENDUE]) {
      expect(await rechercherParSiret({ urlDeBase, siret }), siret).toEqual({ statut: "indisponible" });
    }
  });

  it("is indisponible after the timeout", async () => {
    const debut = Date.now();
    expect(await rechercherParSiret({ urlDeBase, siret: LENT, delaiMs: 200 })).toEqual({ statut: "indisponible" });
    expect(Date.now() - debut).toBeLessThan(1500);
  });

  it("is indisponible when nothing listens on the port", async () => {
    const ferme = createServer();
    await new Promise<void>((resolve) => ferme.listen(0, "127.0.0.1", resolve));
    const port = (ferme.address() as AddressInfo).port;
    await new Promise((resolve) => ferme.close(resolve));
    expect(await rechercherParSiret({ urlDeBase: `http://127.0.0.1:${port}`, siret: SIEGE })).toEqual({ statut: "indisponible" });
  });

  it("uses the injected fetch and never throws", async () => {
    const enPanne: typeof fetch = async () => {
      throw new TypeError("réseau coupé");
    };
    expect(await rechercherParSiret({ urlDeBase, siret: SIEGE, fetch: enPanne })).toEqual({ statut: "indisponible" });
  });
});
