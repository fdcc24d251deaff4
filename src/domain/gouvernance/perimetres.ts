/*
 * The perimeter engine of the feuilles de route of a gouvernance (PRODUCT §6, section 5): each
 * feuille de route resolved to the communes of the département it covers, the scenario of the
 * seed recognised, and the rules the earlier system only wrote as text enforced:
 *
 * - Scenario 1: one départemental feuille de route (or régional: it covers the whole département
 *   too). Scenario 2: a départemental or régional one plus one or more infra-départemental ones.
 *   Scenario 3: infra-départemental ones only, which together cover the whole département.
 * - At most one régional and one départemental feuille de route.
 * - Two infra-départemental feuilles de route never cover the same commune.
 * - Every error names the feuilles de route and the communes at fault (the uncovered ones grouped
 *   by EPCI).
 *
 * Pure: the caller gives the département's communes and EPCI (an EPCI that spans départements
 * brings only its communes inside this one).
 */

export interface CommuneDuPerimetre {
  code: string;
  nom: string;
}

export interface EpciDuPerimetre {
  code: string;
  nom: string;
  /** Its communes inside the département (codes). */
  communes: readonly string[];
}

export interface ReferentielPerimetre {
  communes: readonly CommuneDuPerimetre[];
  epci: readonly EpciDuPerimetre[];
}

export type Perimetre =
  | { type: "regional" }
  | { type: "departemental" }
  | { type: "epci"; epci: readonly string[] }
  | { type: "communes"; communes: readonly string[] };

export interface FeuilleDeRouteAVerifier {
  id: string;
  nom: string;
  perimetre: Perimetre;
}

export type Scenario = 1 | 2 | 3;

export type CodeErreurPerimetre =
  | "aucuneFeuilleDeRoute"
  | "plusieursRegionales"
  | "plusieursDepartementales"
  | "perimetreVide"
  | "epciHorsDepartement"
  | "communeHorsDepartement"
  | "chevauchement"
  | "communesNonCouvertes";

export interface ErreurPerimetre {
  code: CodeErreurPerimetre;
  message: string;
  /** The feuilles de route at fault (ids). */
  feuilles: string[];
  /** The communes at fault (shared by two feuilles de route, or uncovered). */
  communes: CommuneDuPerimetre[];
  /** Uncovered communes, by EPCI (scenario 3). */
  parEpci?: Array<{ code: string | null; nom: string; communes: CommuneDuPerimetre[]; total: number }>;
  /** Codes given that are not of the département. */
  codesInconnus?: string[];
}

export interface CouverturePerimetre {
  scenario: Scenario;
  /** For each feuille de route, the communes of the département it covers. */
  communesParFeuille: Map<string, string[]>;
  /** For each commune of the département, the feuilles de route covering it (wide ones first). */
  feuillesParCommune: Map<string, string[]>;
}

export type VerificationPerimetres = { ok: true; couverture: CouverturePerimetre } | { ok: false; erreurs: ErreurPerimetre[]; couverture: CouverturePerimetre | null };

const estLarge = (p: Perimetre) => p.type === "regional" || p.type === "departemental";
const nomsEnFrancais = new Intl.Collator("fr");

/** "Nevers, Varennes-Vauzelles et Cosne-Cours-sur-Loire", shortened past `max` names. */
export function enumerer(noms: readonly string[], max = 10): string {
  const affiches = noms.slice(0, max);
  const reste = noms.length - affiches.length;
  if (reste > 0) return `${affiches.join(", ")} et ${reste} autre${reste > 1 ? "s" : ""}`;
  if (affiches.length <= 1) return affiches.join("");
  return `${affiches.slice(0, -1).join(", ")} et ${affiches.at(-1)}`;
}

const guillemets = (nom: string) => `« ${nom} »`;

/** Resolves every feuille de route and checks the rules. The order of the feuilles de route does not matter. */
export function verifierPerimetres(referentiel: ReferentielPerimetre, feuilles: readonly FeuilleDeRouteAVerifier[]): VerificationPerimetres {
  const erreurs: ErreurPerimetre[] = [];
  const communes = new Map(referentiel.communes.map((c) => [c.code, c]));
  const epci = new Map(referentiel.epci.map((e) => [e.code, e]));
  const tous = referentiel.communes.map((c) => c.code);
  const trierCommunes = (codes: Iterable<string>) =>
    [...codes].map((code) => communes.get(code) as CommuneDuPerimetre).sort((a, b) => nomsEnFrancais.compare(a.nom, b.nom) || a.code.localeCompare(b.code));

  if (feuilles.length === 0) {
    return { ok: false, couverture: null, erreurs: [{ code: "aucuneFeuilleDeRoute", message: "Veuillez renseigner au moins une feuille de route.", feuilles: [], communes: [] }] };
  }

  for (const [type, code, libelle] of [
    ["regional", "plusieursRegionales", "régionale"],
    ["departemental", "plusieursDepartementales", "départementale"],
  ] as const) {
    const larges = feuilles.filter((f) => f.perimetre.type === type);
    if (larges.length > 1) {
      erreurs.push({
        code,
        message: `Une gouvernance compte au plus une feuille de route ${libelle} : ${enumerer(larges.map((f) => guillemets(f.nom)), 20)} le sont toutes.`,
        feuilles: larges.map((f) => f.id),
        communes: [],
      });
    }
  }

  // Each feuille de route resolved to its communes in the département.
  const communesParFeuille = new Map<string, string[]>();
  for (const f of feuilles) {
    const p = f.perimetre;
    if (estLarge(p)) {
      communesParFeuille.set(f.id, tous);
      continue;
    }
    const codes = p.type === "epci" ? p.epci : p.communes;
    if (codes.length === 0) {
      erreurs.push({
        code: "perimetreVide",
        message: `La feuille de route ${guillemets(f.nom)} n'a pas de périmètre : choisissez au moins ${p.type === "epci" ? "un EPCI" : "une commune"}.`,
        feuilles: [f.id],
        communes: [],
      });
      communesParFeuille.set(f.id, []);
      continue;
    }
    const inconnus = codes.filter((c) => (p.type === "epci" ? !epci.has(c) : !communes.has(c)));
    if (inconnus.length > 0) {
      erreurs.push({
        code: p.type === "epci" ? "epciHorsDepartement" : "communeHorsDepartement",
        message: `La feuille de route ${guillemets(f.nom)} désigne ${p.type === "epci" ? "des EPCI sans commune dans le département" : "des communes hors du département"} : ${enumerer(inconnus)}.`,
        feuilles: [f.id],
        communes: [],
        codesInconnus: inconnus,
      });
    }
    const couvertes = new Set<string>();
    if (p.type === "epci") for (const code of codes) for (const c of epci.get(code)?.communes ?? []) couvertes.add(c);
    else for (const code of codes) if (communes.has(code)) couvertes.add(code);
    communesParFeuille.set(f.id, [...couvertes].sort());
  }

  // Who covers each commune; two infra-départemental feuilles de route never share one.
  const feuillesParCommune = new Map<string, string[]>(tous.map((c) => [c, []]));
  // A stable order whatever the order given: wide ones first (départemental, régional), then by id.
  const rang = (f: FeuilleDeRouteAVerifier) => (f.perimetre.type === "departemental" ? 0 : f.perimetre.type === "regional" ? 1 : 2);
  const ordonnees = [...feuilles].sort((a, b) => rang(a) - rang(b) || a.id.localeCompare(b.id));
  for (const f of ordonnees) for (const c of communesParFeuille.get(f.id) ?? []) feuillesParCommune.get(c)?.push(f.id);

  const infra = ordonnees.filter((f) => !estLarge(f.perimetre));
  const nomDe = new Map(feuilles.map((f) => [f.id, f.nom]));
  const partagees = new Map<string, Set<string>>();
  const proprietaire = new Map<string, string>();
  for (const f of infra) {
    for (const c of communesParFeuille.get(f.id) ?? []) {
      const premier = proprietaire.get(c);
      if (premier === undefined) {
        proprietaire.set(c, f.id);
        continue;
      }
      const cle = [premier, f.id].sort().join("\u0000");
      let ensemble = partagees.get(cle);
      if (!ensemble) partagees.set(cle, (ensemble = new Set()));
      ensemble.add(c);
    }
  }
  for (const [cle, ensemble] of [...partagees.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const paire = cle.split("\u0000");
    const enCommun = trierCommunes(ensemble);
    erreurs.push({
      code: "chevauchement",
      message: `Les feuilles de route ${guillemets(nomDe.get(paire[0] as string) ?? "")} et ${guillemets(nomDe.get(paire[1] as string) ?? "")} couvrent toutes deux ${enCommun.length > 1 ? `${enCommun.length} communes` : "la commune"} : ${enumerer(enCommun.map((c) => c.nom))}. Deux feuilles de route infra-départementales ne peuvent pas couvrir un même territoire.`,
      feuilles: paire,
      communes: enCommun,
    });
  }

  const avecLarge = feuilles.some((f) => estLarge(f.perimetre));
  const scenario: Scenario = avecLarge ? (infra.length > 0 ? 2 : 1) : 3;
  if (scenario === 3) {
    const nonCouvertes = tous.filter((c) => (feuillesParCommune.get(c) ?? []).length === 0);
    if (nonCouvertes.length > 0) {
      const epciDe = new Map<string, EpciDuPerimetre>();
      for (const e of referentiel.epci) for (const c of e.communes) if (!epciDe.has(c)) epciDe.set(c, e);
      const groupes = new Map<string | null, string[]>();
      for (const c of nonCouvertes) {
        const e = epciDe.get(c)?.code ?? null;
        groupes.set(e, [...(groupes.get(e) ?? []), c]);
      }
      const parEpci = [...groupes.entries()]
        .map(([code, codes]) => {
          const e = code === null ? null : (epci.get(code) as EpciDuPerimetre);
          return { code, nom: e?.nom ?? "Communes sans EPCI", communes: trierCommunes(codes), total: e?.communes.length ?? codes.length };
        })
        .sort((a, b) => nomsEnFrancais.compare(a.nom, b.nom));
      erreurs.push({
        code: "communesNonCouvertes",
        message: `Sans feuille de route départementale ni régionale, les feuilles de route doivent couvrir tout le département. ${nonCouvertes.length > 1 ? `${nonCouvertes.length} communes ne sont couvertes` : "Une commune n'est couverte"} par aucune : ${parEpci.map((g) => `${g.nom} (${g.communes.length === g.total ? "toutes ses communes" : `${g.communes.length} sur ${g.total}`} : ${enumerer(g.communes.map((c) => c.nom))})`).join(" ; ")}.`,
        feuilles: [],
        communes: trierCommunes(nonCouvertes),
        parEpci,
      });
    }
  }

  const couverture: CouverturePerimetre = { scenario, communesParFeuille, feuillesParCommune };
  return erreurs.length > 0 ? { ok: false, erreurs, couverture } : { ok: true, couverture };
}
