/*
 * Besoins en ingénierie financière (PRODUCT §7). The catalogue is data: four categories with the
 * seed's labels, each with "Autre". A préfecture selects needs (step 1) — for the first three
 * categories whether a ressource humaine (with its ETP) and/or a prestation de service would serve
 * each one; for the training items how many people to train — then ranks them (step 2): every
 * prestation, every training need, and one card "Ressource humaine (N ETP)" for all the ETP.
 * Everything here is pure: what a browser sends is read into values or French messages, and the
 * ranking keeps its invariants (a permutation of the cards to rank, contiguous from 1).
 */

export type TypeCategorie = "standard" | "formation";

export interface ItemBesoin {
  id: string;
  libelle: string;
  /** Training items: how many people to train is asked. */
  compterPersonnes?: boolean;
}

export interface CategorieBesoin {
  id: string;
  libelle: string;
  type: TypeCategorie;
  items: readonly ItemBesoin[];
}

export const ITEM_AUTRE = "autre";
export const LIBELLE_AUTRE = "Autre";

export const CATEGORIES_BESOINS: readonly CategorieBesoin[] = [
  {
    id: "formalisation",
    libelle: "Formaliser les feuilles de route",
    type: "standard",
    items: [
      { id: "diagnostic", libelle: "Faire un diagnostic territorial" },
      { id: "coConstruction", libelle: "Co-construire la feuille de route avec les acteurs locaux" },
      { id: "redaction", libelle: "Rédiger la feuille de route" },
      { id: "vehiculeJuridique", libelle: "Créer un véhicule juridique dédié à la gouvernance" },
    ],
  },
  {
    id: "financement",
    libelle: "Financer le déploiement de la feuille de route",
    type: "standard",
    items: [
      { id: "fondsLocal", libelle: "Structurer un fonds local pour l'inclusion numérique" },
      { id: "dossiersSubvention", libelle: "Monter des dossiers de subvention complexes" },
      { id: "animation", libelle: "Animer et mettre en œuvre la gouvernance et la feuille de route" },
    ],
  },
  {
    id: "outillage",
    libelle: "Outils des acteurs du territoire",
    type: "standard",
    items: [
      { id: "reconditionnement", libelle: "Structurer une filière de reconditionnement locale" },
      { id: "donnees", libelle: "Collecter des données territoriales pour alimenter la plateforme de données nationale" },
      { id: "sensibilisation", libelle: "Sensibiliser les acteurs de l'inclusion numérique aux outils existants (PIX, La Base...)" },
    ],
  },
  {
    id: "formation",
    libelle: "Former les professionnels à l'inclusion numérique",
    type: "formation",
    items: [
      { id: "agentsPublics", libelle: "Former les agents publics à l'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..)", compterPersonnes: true },
      { id: "salariesAssociatifs", libelle: "Former les salariés associatifs à l'inclusion numérique", compterPersonnes: true },
      { id: "qualiopi", libelle: "Appuyer la certification Qualiopi de structures privées portant des formations inclusion numérique" },
    ],
  },
];

/** One need selected in step 1. */
export interface Besoin {
  categorie: string;
  /** An item of the category, or "autre". */
  item: string;
  /** "Autre": the need in the préfecture's words. */
  precision?: string;
  /** Categories 1-3: the ETP of a ressource humaine, when one would serve it. */
  etp?: number;
  /** Categories 1-3: a prestation de service would serve it. */
  prestation?: boolean;
  /** The two "Former…" items: how many people to train. */
  personnes?: number;
}

export type ErreursBesoins = Record<string, string>;
export type LectureSelection = { ok: true; besoins: Besoin[] } | { ok: false; erreurs: ErreursBesoins };

const ETP_MAX = 1000;
const PERSONNES_MAX = 1_000_000;
const PRECISION_MAX = 300;
const estObjet = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function categorieDe(id: string): CategorieBesoin | undefined {
  return CATEGORIES_BESOINS.find((c) => c.id === id);
}

/** The label of a need: the item's, or for "Autre" the category's with the précision. */
export function libelleBesoin(b: Pick<Besoin, "categorie" | "item" | "precision">): string {
  const categorie = categorieDe(b.categorie);
  if (b.item === ITEM_AUTRE) return `${categorie?.libelle ?? b.categorie} — Autre : ${b.precision ?? ""}`;
  return categorie?.items.find((i) => i.id === b.item)?.libelle ?? b.item;
}

const cleBesoin = (b: Pick<Besoin, "categorie" | "item">) => `${b.categorie}.${b.item}`;

/** Reads step 1 as a browser sent it: `{ besoins: [...] }`. Each message is keyed by "categorie.item.champ". */
export function lireSelection(brut: unknown): LectureSelection {
  const erreurs: ErreursBesoins = {};
  const liste = estObjet(brut) && Array.isArray(brut.besoins) ? brut.besoins : null;
  if (!liste) return { ok: false, erreurs: { besoins: "Liste des besoins attendue." } };
  if (liste.length > 100) return { ok: false, erreurs: { besoins: "100 besoins au plus." } };
  const vus = new Set<string>();
  const besoins: Besoin[] = [];
  for (const brutBesoin of liste) {
    const b = estObjet(brutBesoin) ? brutBesoin : {};
    const categorie = typeof b.categorie === "string" ? categorieDe(b.categorie) : undefined;
    const item = typeof b.item === "string" ? b.item : "";
    if (!categorie || (item !== ITEM_AUTRE && !categorie.items.some((i) => i.id === item))) {
      erreurs.besoins = "Besoin inconnu : rechargez la page.";
      continue;
    }
    const cle = `${categorie.id}.${item}`;
    if (vus.has(cle)) {
      erreurs[cle] = "Ce besoin est déjà dans la liste.";
      continue;
    }
    vus.add(cle);
    const besoin: Besoin = { categorie: categorie.id, item };
    if (item === ITEM_AUTRE) {
      const precision = typeof b.precision === "string" ? b.precision.trim() : "";
      if (precision === "") erreurs[`${cle}.precision`] = "Veuillez préciser votre besoin.";
      else if (precision.length > PRECISION_MAX) erreurs[`${cle}.precision`] = `${PRECISION_MAX} caractères au plus.`;
      besoin.precision = precision;
    }
    if (categorie.type === "standard") {
      const avecRh = b.etp !== undefined && b.etp !== null && b.etp !== "";
      if (avecRh) {
        const etp = typeof b.etp === "number" ? b.etp : typeof b.etp === "string" ? Number(b.etp.replace(",", ".")) : NaN;
        if (!Number.isFinite(etp) || etp <= 0 || etp > ETP_MAX) erreurs[`${cle}.etp`] = "Veuillez indiquer le nombre d'ETP : un nombre supérieur à 0.";
        else besoin.etp = Math.round(etp * 100) / 100;
      }
      if (b.prestation === true) besoin.prestation = true;
      if (!avecRh && b.prestation !== true) erreurs[`${cle}.type`] = "Veuillez préciser le type de besoin : ressource humaine et/ou prestation de service.";
    } else {
      const compter = item !== ITEM_AUTRE && categorie.items.find((i) => i.id === item)?.compterPersonnes;
      if (compter) {
        const personnes = typeof b.personnes === "number" ? b.personnes : typeof b.personnes === "string" && b.personnes.trim() !== "" ? Number(b.personnes) : NaN;
        if (!Number.isInteger(personnes) || personnes <= 0 || personnes > PERSONNES_MAX) erreurs[`${cle}.personnes`] = "Combien de personnes estimez-vous devoir former ? Un nombre entier supérieur à 0.";
        else besoin.personnes = personnes;
      }
    }
    besoins.push(besoin);
  }
  if (Object.keys(erreurs).length) return { ok: false, erreurs };
  // The catalogue's order, whatever the order sent.
  const rang = (b: Besoin) => {
    const c = CATEGORIES_BESOINS.findIndex((x) => x.id === b.categorie);
    const i = b.item === ITEM_AUTRE ? 99 : (CATEGORIES_BESOINS[c]?.items.findIndex((x) => x.id === b.item) ?? 0);
    return c * 100 + i;
  };
  return { ok: true, besoins: besoins.sort((a, b) => rang(a) - rang(b)) };
}

/** The card of the aggregated ressource humaine. */
export const CARTE_RESSOURCE_HUMAINE = "ressourceHumaine";

export interface CarteAClasser {
  /** "prestation:{categorie}.{item}", "formation:{categorie}.{item}" or "ressourceHumaine". */
  cle: string;
  titre: string;
  texte: string;
}

export function totalEtp(besoins: readonly Besoin[]): number {
  return Math.round(besoins.reduce((s, b) => s + (b.etp ?? 0), 0) * 100) / 100;
}

const nombre = (n: number) => n.toLocaleString("fr-FR");

/** The cards step 2 ranks, in the catalogue's order: prestations, training needs, then the ressource humaine. */
export function cartesAClasser(besoins: readonly Besoin[]): CarteAClasser[] {
  const cartes: CarteAClasser[] = [];
  for (const b of besoins) {
    const categorie = categorieDe(b.categorie);
    if (categorie?.type === "standard" && b.prestation) cartes.push({ cle: `prestation:${cleBesoin(b)}`, titre: "Prestation de service", texte: libelleBesoin(b) });
  }
  for (const b of besoins) {
    if (categorieDe(b.categorie)?.type !== "formation") continue;
    cartes.push({ cle: `formation:${cleBesoin(b)}`, titre: libelleBesoin(b), texte: b.personnes ? `Estimation du nombre de personnes à former : ${nombre(b.personnes)}` : "" });
  }
  const etp = totalEtp(besoins);
  if (etp > 0) {
    const detail = besoins.filter((b) => b.etp).map((b) => `${libelleBesoin(b)} : ${nombre(b.etp as number)} ETP`);
    cartes.push({ cle: CARTE_RESSOURCE_HUMAINE, titre: `Ressource humaine (${nombre(etp)} ETP)`, texte: detail.join(" ; ") });
  }
  return cartes;
}

/**
 * The ranking after step 1 changed: the cards still there keep their order, new ones come after,
 * in the catalogue's order. The result is a permutation of `cartes`.
 */
export function reclasser(classementPrecedent: readonly string[], cartes: readonly string[]): string[] {
  const presentes = new Set(cartes);
  const gardees = classementPrecedent.filter((c, i) => presentes.has(c) && classementPrecedent.indexOf(c) === i);
  const dejaLa = new Set(gardees);
  return [...gardees, ...cartes.filter((c) => !dejaLa.has(c))];
}

/** Reads the ranking a browser sent: exactly the cards to rank, each once. */
export function lireClassement(brut: unknown, cartes: readonly string[]): { ok: true; classement: string[] } | { ok: false; message: string } {
  if (!Array.isArray(brut) || !brut.every((c) => typeof c === "string")) return { ok: false, message: "Classement invalide : rechargez la page." };
  const attendues = new Set(cartes);
  if (brut.length !== cartes.length || new Set(brut).size !== brut.length || !brut.every((c) => attendues.has(c))) {
    return { ok: false, message: "Les besoins ont changé depuis l'ouverture de la page : rechargez-la pour classer la liste à jour." };
  }
  return { ok: true, classement: [...brut] };
}

/** "Augmenter la priorité" (-1) / "Diminuer la priorité" (+1): swaps a card with its neighbour. */
export function deplacer(classement: readonly string[], cle: string, sens: -1 | 1): string[] {
  const i = classement.indexOf(cle);
  const j = i + sens;
  if (i < 0 || j < 0 || j >= classement.length) return [...classement];
  const copie = [...classement];
  [copie[i], copie[j]] = [copie[j] as string, copie[i] as string];
  return copie;
}
