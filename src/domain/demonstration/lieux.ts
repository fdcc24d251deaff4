import type { DeriveesLieu, LieuV1 } from "@/domain/donnees/lieux";
import { categorieDesTypologies, DISPOSITIFS_PROGRAMMES_NATIONAUX, FRAIS_A_CHARGE, MODALITES_ACCOMPAGNEMENT, SERVICES } from "@/domain/donnees/lieux-standard";
import { generateurAleatoire } from "./aleatoire";

/*
 * Fictitious lieux d'inclusion numérique for the demonstration mode, in the standard's v1 model.
 * Every name says it is fictitious; the communes are real (the reference territories) so that
 * counts work; there are no coordinates (no fake position on a map). Two fictitious sources
 * describe some places twice, so that the deduplication has something to do.
 */

export interface CommunePourDemonstration {
  code: string;
  nom: string;
  codeDepartement: string;
  population: number;
  codesPostaux: string[];
}

export interface LieuDeDemonstration {
  lieu: LieuV1;
  derivees: DeriveesLieu;
  codeCommune: string;
}

export const SOURCES_DEMONSTRATION = ["Réseau fictif de démonstration", "Second réseau fictif de démonstration"] as const;

/** Typology codes of the standard, weighted roughly as in the national cartography. */
const TYPOLOGIES_DEMONSTRATION: Array<[string[], number]> = [
  [["MUNI"], 4],
  [["BIB"], 4],
  [["CCAS"], 2],
  [["EPN"], 2],
  [["CC"], 2],
  [["CIAS"], 1],
  [["CD"], 1],
  [["MDS"], 1],
  [["RFS"], 3],
  [["FT"], 1],
  [["ASSO"], 4],
  [["CS"], 2],
  [["TIERS_LIEUX"], 2],
  [["OF"], 1],
  [[], 2],
];

const NOMS = ["Espace numérique", "Atelier connecté", "Point d'accueil numérique", "Maison du numérique", "Fabrique numérique", "Relais numérique", "Cyber-espace", "Café numérique", "Pôle d'inclusion", "Studio des usages"];
const QUALIFICATIFS = ["des Tilleuls", "du Centre", "des Rives", "Pasteur", "de la Gare", "Jean Moulin", "des Coteaux", "Victor Hugo", "du Marché", "des Écoles", "Louise Michel", "du Vieux Pont"];
const VOIES = ["rue des Acacias", "place de la Mairie", "avenue de la République", "rue du Moulin", "chemin des Vignes", "boulevard Gambetta", "rue de l'Église", "allée des Peupliers", "rue Voltaire", "quai des Mariniers"];

const HABITANTS_PAR_LIEU = 25_000;
const MINIMUM_PAR_DEPARTEMENT = 2;
/** Share of places the second fictitious source describes again. */
const PART_DECRITE_DEUX_FOIS = 0.05;

function choisirPondere<T>(elements: T[], poids: (e: T) => number, hasard: () => number): T {
  const total = elements.reduce((s, e) => s + poids(e), 0);
  let tirage = hasard() * total;
  for (const e of elements) {
    tirage -= poids(e);
    if (tirage < 0) return e;
  }
  return elements[elements.length - 1] as T;
}

const quelques = <T>(valeurs: readonly T[], part: number, hasard: () => number) => valeurs.filter(() => hasard() < part);

/** Deterministic for a given list of communes and seed. */
export function genererLieuxDeDemonstration(communes: CommunePourDemonstration[], graine = 2023): LieuDeDemonstration[] {
  const parDepartement = new Map<string, CommunePourDemonstration[]>();
  for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const liste = parDepartement.get(c.codeDepartement) ?? [];
    liste.push(c);
    parDepartement.set(c.codeDepartement, liste);
  }
  const hasard = generateurAleatoire(graine);
  const lieux: LieuDeDemonstration[] = [];
  for (const [codeDepartement, liste] of [...parDepartement].sort(([a], [b]) => a.localeCompare(b))) {
    const population = liste.reduce((s, c) => s + c.population, 0);
    const nombre = Math.max(MINIMUM_PAR_DEPARTEMENT, Math.round(population / HABITANTS_PAR_LIEU));
    for (let i = 1; i <= nombre; i++) {
      const commune = choisirPondere(liste, (c) => Math.max(1, c.population), hasard);
      const [typologie] = choisirPondere(TYPOLOGIES_DEMONSTRATION, ([, poids]) => poids, hasard);
      const autres = [...(hasard() < 0.1 ? ["QPV"] : []), ...(commune.population < 3500 && hasard() < 0.4 ? ["FRR"] : [])];
      const dispositifs = DISPOSITIFS_PROGRAMMES_NATIONAUX.filter((d) => ["Conseillers numériques", "France Services", "Aidants Connect"].includes(d) && hasard() < (typologie.includes("RFS") && d === "France Services" ? 1 : 0.3));
      const lieu: LieuV1 = {
        id: `demo-${codeDepartement}-${String(i).padStart(4, "0")}`,
        pivot: null,
        nom: `${NOMS[Math.floor(hasard() * NOMS.length)]} ${QUALIFICATIFS[Math.floor(hasard() * QUALIFICATIFS.length)]} (lieu fictif) – ${commune.nom}`,
        commune: commune.nom,
        code_postal: commune.codesPostaux[0] ?? null,
        code_insee: commune.code,
        adresse: `${1 + Math.floor(hasard() * 120)} ${VOIES[Math.floor(hasard() * VOIES.length)]}`,
        complement_adresse: null,
        latitude: null,
        longitude: null,
        typologie,
        telephone: null,
        courriels: [],
        site_web: [],
        horaires: null,
        presentation_resume: "Lieu fictif, créé pour la démonstration de l'outil.",
        presentation_detail: null,
        source: SOURCES_DEMONSTRATION[0],
        itinerance: [],
        structure_parente: null,
        date_maj: "2026-01-15",
        services: quelques(SERVICES, 0.4, hasard),
        publics_specifiquement_adresses: [],
        prise_en_charge_specifique: [],
        frais_a_charge: [FRAIS_A_CHARGE[Math.floor(hasard() * FRAIS_A_CHARGE.length)] as string],
        dispositif_programmes_nationaux: dispositifs,
        formations_labels: [],
        autres_formations_labels: autres,
        modalites_acces: [],
        modalites_accompagnement: quelques(MODALITES_ACCOMPAGNEMENT, 0.5, hasard),
        fiche_acces_libre: null,
        prise_rdv: null,
      };
      const derivees = { categorie: categorieDesTypologies(typologie), qpv: autres.includes("QPV"), frr: autres.includes("FRR") };
      lieux.push({ lieu, derivees, codeCommune: commune.code });
      if (hasard() < PART_DECRITE_DEUX_FOIS) {
        // The same place, as the second fictitious source writes it (older, its own id and spelling).
        lieux.push({
          lieu: { ...lieu, id: `demo-bis-${codeDepartement}-${String(i).padStart(4, "0")}`, nom: lieu.nom.toUpperCase(), source: SOURCES_DEMONSTRATION[1], date_maj: "2025-06-01", dispositif_programmes_nationaux: [] },
          derivees,
          codeCommune: commune.code,
        });
      }
    }
  }
  return lieux;
}
