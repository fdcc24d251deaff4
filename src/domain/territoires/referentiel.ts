/*
 * Turns the files of the Code officiel géographique (as shipped by @etalab/decoupage-administratif)
 * into the rows the product stores. Pure: the caller reads the files.
 */

export type ZoneCog = "metro" | "drom" | "com";

export interface RegionSource {
  code: string;
  nom: string;
  chefLieu?: string;
  zone: ZoneCog;
}

export interface DepartementSource {
  code: string;
  nom: string;
  region: string;
  chefLieu?: string;
  zone: ZoneCog;
}

export interface CommuneSource {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}

export interface MembreSource {
  code: string;
}

export interface EpciSource {
  code: string;
  nom: string;
  type: string;
  modeFinancement?: string;
  membres: MembreSource[];
}

export interface SourcesCog {
  regions: RegionSource[];
  departements: DepartementSource[];
  communes: CommuneSource[];
  epci: EpciSource[];
  /** Établissements publics territoriaux of the Métropole du Grand Paris. */
  ept: EpciSource[];
}

export interface LigneRegion {
  code: string;
  nom: string;
  codeChefLieu: string | null;
  zone: ZoneCog;
  collectiviteOutreMer: boolean;
}

export interface LigneDepartement extends LigneRegion {
  codeRegion: string;
}

export interface LigneEpci {
  code: string;
  nom: string;
  nature: string;
  modeFinancement: string | null;
  codeEpciParent: string | null;
}

export interface LigneCommune {
  code: string;
  nom: string;
  type: TypeCommune;
  codeDepartement: string;
  codeRegion: string;
  codeCommuneParente: string | null;
  siren: string | null;
  population: number | null;
  codesPostaux: string[];
}

export interface LigneAncienneCommune {
  code: string;
  nom: string;
  type: string;
  codeCommune: string;
}

export interface LigneMembreEpci {
  codeEpci: string;
  codeCommune: string;
}

export const TYPES_COMMUNE = ["commune-actuelle", "arrondissement-municipal"] as const;
export type TypeCommune = (typeof TYPES_COMMUNE)[number];

export interface ReferentielTerritoires {
  regions: LigneRegion[];
  departements: LigneDepartement[];
  epci: LigneEpci[];
  communes: LigneCommune[];
  membresEpci: LigneMembreEpci[];
  anciennesCommunes: LigneAncienneCommune[];
}

export class ReferentielIncoherent extends Error {
  constructor(readonly anomalies: string[]) {
    super(`Référentiel des territoires incohérent : ${anomalies.slice(0, 5).join(" ; ")}${anomalies.length > 5 ? ` (et ${anomalies.length - 5} autres)` : ""}`);
    this.name = "ReferentielIncoherent";
  }
}

const NATURE_EPT = "EPT";
const NATURE_METROPOLE_GRAND_PARIS = "METRO";

/**
 * Builds the rows and checks the references between them. A source that refers to a code it does
 * not define is refused as a whole: reference data is never half-loaded.
 */
export function construireReferentiel(sources: SourcesCog): ReferentielTerritoires {
  const anomalies: string[] = [];

  const regions: LigneRegion[] = sources.regions.map((r) => ({
    code: r.code,
    nom: r.nom,
    codeChefLieu: r.chefLieu ?? null,
    zone: r.zone,
    collectiviteOutreMer: r.zone === "com",
  }));
  const codesRegions = new Set(regions.map((r) => r.code));

  const departements: LigneDepartement[] = sources.departements.map((d) => {
    if (!codesRegions.has(d.region)) anomalies.push(`le département ${d.code} renvoie à la région inconnue ${d.region}`);
    return {
      code: d.code,
      nom: d.nom,
      codeRegion: d.region,
      codeChefLieu: d.chefLieu ?? null,
      zone: d.zone,
      collectiviteOutreMer: d.zone === "com",
    };
  });
  const codesDepartements = new Set(departements.map((d) => d.code));

  const communes: LigneCommune[] = [];
  const anciennesCommunes: LigneAncienneCommune[] = [];
  for (const c of sources.communes) {
    if (c.type === "commune-actuelle" || c.type === "arrondissement-municipal") {
      if (!c.departement || !codesDepartements.has(c.departement)) {
        anomalies.push(`la commune ${c.code} renvoie au département inconnu ${c.departement ?? "(vide)"}`);
        continue;
      }
      if (!c.region || !codesRegions.has(c.region)) {
        anomalies.push(`la commune ${c.code} renvoie à la région inconnue ${c.region ?? "(vide)"}`);
        continue;
      }
      communes.push({
        code: c.code,
        nom: c.nom,
        type: c.type,
        codeDepartement: c.departement,
        codeRegion: c.region,
        codeCommuneParente: c.type === "arrondissement-municipal" ? (c.commune ?? null) : null,
        siren: c.siren ?? null,
        population: typeof c.population === "number" ? c.population : null,
        codesPostaux: [...(c.codesPostaux ?? [])].sort(),
      });
    }
  }
  const communesActuelles = new Set(communes.filter((c) => c.type === "commune-actuelle").map((c) => c.code));
  for (const c of communes) {
    if (c.codeCommuneParente !== null && !communesActuelles.has(c.codeCommuneParente)) {
      anomalies.push(`l'arrondissement ${c.code} renvoie à la commune inconnue ${c.codeCommuneParente}`);
    }
  }

  // A commune déléguée may keep the code of its chef-lieu: only distinct codes are former communes.
  const codesAnciens = new Set<string>();
  for (const c of sources.communes) {
    if (c.type !== "commune-deleguee" && c.type !== "commune-associee") continue;
    if (!c.chefLieu || c.chefLieu === c.code || communesActuelles.has(c.code) || codesAnciens.has(c.code)) continue;
    if (!communesActuelles.has(c.chefLieu)) {
      anomalies.push(`la commune ${c.type === "commune-deleguee" ? "déléguée" : "associée"} ${c.code} renvoie à la commune inconnue ${c.chefLieu}`);
      continue;
    }
    codesAnciens.add(c.code);
    anciennesCommunes.push({ code: c.code, nom: c.nom, type: c.type, codeCommune: c.chefLieu });
  }

  const metropoleGrandParis = sources.epci.find((e) => e.type === NATURE_METROPOLE_GRAND_PARIS && e.membres.some((m) => m.code === "75056"));
  const epciLignes: LigneEpci[] = [];
  const membresEpci: LigneMembreEpci[] = [];
  const codesEpci = new Set<string>();
  const ajouter = (e: EpciSource, nature: string, parent: string | null) => {
    if (codesEpci.has(e.code)) {
      anomalies.push(`l'EPCI ${e.code} est défini deux fois`);
      return;
    }
    codesEpci.add(e.code);
    epciLignes.push({ code: e.code, nom: e.nom, nature, modeFinancement: e.modeFinancement || null, codeEpciParent: parent });
    for (const m of e.membres) {
      if (!communesActuelles.has(m.code)) {
        anomalies.push(`l'EPCI ${e.code} compte la commune inconnue ${m.code}`);
        continue;
      }
      membresEpci.push({ codeEpci: e.code, codeCommune: m.code });
    }
  };
  for (const e of sources.epci) ajouter(e, e.type, null);
  if (sources.ept.length > 0 && !metropoleGrandParis) anomalies.push("les EPT sont fournis sans la Métropole du Grand Paris");
  for (const e of sources.ept) ajouter(e, NATURE_EPT, metropoleGrandParis?.code ?? null);

  if (anomalies.length > 0) throw new ReferentielIncoherent(anomalies);
  return { regions, departements, epci: epciLignes, communes, membresEpci, anciennesCommunes };
}

/**
 * The package states in its README which COG vintage each of its versions ships
 * ("| 2026 | 6.0.0 | …"). Returns null when the version is not listed.
 */
export function millesimeDuPaquet(readme: string, version: string): string | null {
  for (const ligne of readme.split("\n")) {
    const cellules = ligne.split("|").map((c) => c.trim());
    if (cellules.length >= 3 && /^\d{4}$/.test(cellules[1] ?? "") && cellules[2] === version) return cellules[1] ?? null;
  }
  return null;
}
