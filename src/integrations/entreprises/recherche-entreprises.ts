/*
 * The public "API Recherche d'entreprises" (recherche-entreprises.api.gouv.fr), used to show the
 * name behind a SIRET. Optional: without EFNE_RECHERCHE_ENTREPRISES_URL the lookup is disabled
 * and the product works offline. Every failure becomes "indisponible"; nothing is thrown or logged.
 */

export type ResultatRecherche = { statut: "trouve"; nom: string; siret: string } | { statut: "introuvable" } | { statut: "indisponible" };

const LONGUEUR_MAX_DU_NOM = 200;

/** Base URL of the API, or null when the lookup is disabled (unset, empty or "non"). */
export function urlRechercheEntreprises(env: Record<string, string | undefined> = process.env): string | null {
  const valeur = env.EFNE_RECHERCHE_ENTREPRISES_URL?.trim();
  if (!valeur || valeur.toLowerCase() === "non") return null;
  return valeur;
}

const estObjet = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const siretDe = (etablissement: unknown): unknown => (estObjet(etablissement) ? etablissement.siret : undefined);

function nomDe(resultat: Record<string, unknown>): string | null {
  for (const champ of [resultat.nom_complet, resultat.nom_raison_sociale]) {
    if (typeof champ === "string" && champ.trim() !== "") return champ.trim().slice(0, LONGUEUR_MAX_DU_NOM);
  }
  return null;
}

/** Reads the response body: "indisponible" when its shape is not the documented one. */
function interpreter(corps: unknown, siret: string): ResultatRecherche {
  if (!estObjet(corps) || !Array.isArray(corps.results)) return { statut: "indisponible" };
  for (const resultat of corps.results) {
    if (!estObjet(resultat)) return { statut: "indisponible" };
    const etablissements = Array.isArray(resultat.matching_etablissements) ? resultat.matching_etablissements : [];
    const correspond = siretDe(resultat.siege) === siret || etablissements.some((e) => siretDe(e) === siret);
    if (!correspond) continue;
    const nom = nomDe(resultat);
    return nom === null ? { statut: "indisponible" } : { statut: "trouve", nom, siret };
  }
  return { statut: "introuvable" };
}

export async function rechercherParSiret(p: {
  urlDeBase: string;
  siret: string;
  delaiMs?: number;
  fetch?: typeof fetch;
}): Promise<ResultatRecherche> {
  const recuperer = p.fetch ?? fetch;
  const controleur = new AbortController();
  const minuterie = setTimeout(() => controleur.abort(), p.delaiMs ?? 3000);
  try {
    const url = `${p.urlDeBase.replace(/\/+$/, "")}/search?q=${encodeURIComponent(p.siret)}&page=1&per_page=1`;
    const reponse = await recuperer(url, { signal: controleur.signal, headers: { accept: "application/json" } });
    if (!reponse.ok) return { statut: "indisponible" };
    return interpreter(await reponse.json(), p.siret);
  } catch {
    return { statut: "indisponible" };
  } finally {
    clearTimeout(minuterie);
  }
}
