import {
  CARTE_RESSOURCE_HUMAINE,
  CATEGORIES_BESOINS,
  ITEM_AUTRE,
  LIBELLE_AUTRE,
  cartesAClasser,
  categorieDe,
  totalEtp,
  type Besoin,
  type CarteAClasser,
} from "./besoins";

/*
 * The national synthesis of the besoins en ingénierie financière (PRODUCT §7): what every
 * département selected and ranked, summed per département and per item of the catalogue. A
 * ranking counts once it is saved (step 2): before that, the ranks stored are only the catalogue's
 * order, not a priority the préfecture chose.
 */

/** One département's needs as the national view reads them (the shape of besoinsNationaux). */
export interface BesoinsDUnDepartement {
  code: string;
  nom: string;
  besoins: ReadonlyArray<Besoin & { rang: number | null }>;
  rangRessourceHumaine: number | null;
  classementEnregistreLe: Date | null;
  demonstration: boolean;
}

export interface CarteClassee {
  rang: number;
  cle: string;
  /** "Ressource humaine (1,5 ETP)", "Prestation de service — Rédiger la feuille de route"… */
  libelle: string;
}

export interface SyntheseDepartement {
  code: string;
  nom: string;
  demonstration: boolean;
  nombreBesoins: number;
  totalEtp: number;
  prestations: number;
  /** Needs of the category "Former les professionnels à l'inclusion numérique". */
  besoinsDeFormation: number;
  personnesAFormer: number;
  classementEnregistre: boolean;
  classementEnregistreLe: Date | null;
  /** The saved ranking, best first; empty while it is not saved. */
  classement: CarteClassee[];
  /** "1. Ressource humaine (1,5 ETP) ; 2. Prestation de service — Rédiger la feuille de route ; …", or "". */
  classementEnTexte: string;
}

export interface SyntheseItem {
  categorie: string;
  libelleCategorie: string;
  /** An item of the catalogue, or "autre". */
  item: string;
  libelle: string;
  /** Départements selecting it. */
  departements: number;
  totalEtp: number;
  departementsAvecPrestation: number;
  personnesAFormer: number;
  /** Départements whose saved ranking holds its card (a prestation or a training need). */
  departementsAyantClasse: number;
  /** The mean rank of its card among them, to the hundredth; null when none ranked it. */
  rangMoyen: number | null;
}

export interface ChiffresClesBesoins {
  departementsAvecBesoins: number;
  classementsEnregistres: number;
  totalEtp: number;
  prestations: number;
  personnesAFormer: number;
  /** The mean rank of the "Ressource humaine" card where a saved ranking holds it. */
  rangMoyenRessourceHumaine: number | null;
  /** Some of the figures come from demonstration rows. */
  demonstration: boolean;
}

export interface SyntheseBesoins {
  chiffres: ChiffresClesBesoins;
  /** The départements with at least one need, in the order given. */
  departements: SyntheseDepartement[];
  /** Every item of the catalogue and the "Autre" of each category, in the catalogue's order. */
  items: SyntheseItem[];
}

const arrondi = (n: number) => Math.round(n * 100) / 100;
const moyenne = (valeurs: readonly number[]) => (valeurs.length ? arrondi(valeurs.reduce((s, v) => s + v, 0) / valeurs.length) : null);
const cleBesoin = (b: Pick<Besoin, "categorie" | "item">) => `${b.categorie}.${b.item}`;

/** Where a need stands in the catalogue: category, then item, "Autre" last (unknown ones after all). */
export function ordreDansLeCatalogue(b: Pick<Besoin, "categorie" | "item">): number {
  const c = CATEGORIES_BESOINS.findIndex((x) => x.id === b.categorie);
  if (c < 0) return Number.MAX_SAFE_INTEGER;
  const i = b.item === ITEM_AUTRE ? 99 : CATEGORIES_BESOINS[c]?.items.findIndex((x) => x.id === b.item);
  return c * 100 + (i === undefined || i < 0 ? 98 : i);
}

/** The needs in the catalogue's order (the database gives them in any order). */
export function besoinsDansLOrdre<B extends Pick<Besoin, "categorie" | "item">>(besoins: readonly B[]): B[] {
  return [...besoins].sort((a, b) => ordreDansLeCatalogue(a) - ordreDansLeCatalogue(b));
}

function libelleDeCarte(carte: CarteAClasser): string {
  if (carte.cle === CARTE_RESSOURCE_HUMAINE) return carte.titre;
  return carte.texte ? `${carte.titre} — ${carte.texte}` : carte.titre;
}

/** The rank a département gave a card, or null. */
function rangDeCarte(d: BesoinsDUnDepartement, cle: string): number | null {
  if (cle === CARTE_RESSOURCE_HUMAINE) return d.rangRessourceHumaine;
  const cleDuBesoin = cle.slice(cle.indexOf(":") + 1);
  return d.besoins.find((b) => cleBesoin(b) === cleDuBesoin)?.rang ?? null;
}

/**
 * The saved ranking of a département, best first, numbered from 1 in that order (a card left
 * without a rank comes last). Empty while the ranking is not saved.
 */
export function classementDuDepartement(d: BesoinsDUnDepartement): CarteClassee[] {
  if (!d.classementEnregistreLe) return [];
  const cartes = cartesAClasser(besoinsDansLOrdre(d.besoins));
  const avecRang = cartes.map((carte, i) => ({ carte, rang: rangDeCarte(d, carte.cle), i }));
  avecRang.sort((a, b) => (a.rang ?? Number.MAX_SAFE_INTEGER) - (b.rang ?? Number.MAX_SAFE_INTEGER) || a.i - b.i);
  return avecRang.map(({ carte }, i) => ({ rang: i + 1, cle: carte.cle, libelle: libelleDeCarte(carte) }));
}

export function classementEnTexte(classement: readonly CarteClassee[]): string {
  return classement.map((c) => `${c.rang}. ${c.libelle}`).join(" ; ");
}

export function syntheseDuDepartement(d: BesoinsDUnDepartement): SyntheseDepartement {
  const classement = classementDuDepartement(d);
  return {
    code: d.code,
    nom: d.nom,
    demonstration: d.demonstration,
    nombreBesoins: d.besoins.length,
    totalEtp: totalEtp(d.besoins),
    prestations: d.besoins.filter((b) => b.prestation && categorieDe(b.categorie)?.type === "standard").length,
    besoinsDeFormation: d.besoins.filter((b) => categorieDe(b.categorie)?.type === "formation").length,
    personnesAFormer: d.besoins.reduce((s, b) => s + (b.personnes ?? 0), 0),
    classementEnregistre: d.classementEnregistreLe !== null,
    classementEnregistreLe: d.classementEnregistreLe,
    classement,
    classementEnTexte: classementEnTexte(classement),
  };
}

/** The synthesis of every item of the catalogue (and each category's "Autre") across the départements. */
export function syntheseParItem(lignes: readonly BesoinsDUnDepartement[]): SyntheseItem[] {
  const classements = new Map(lignes.map((d) => [d.code, new Map(classementDuDepartement(d).map((c) => [c.cle, c.rang]))]));
  return CATEGORIES_BESOINS.flatMap((categorie) =>
    [...categorie.items.map((i) => ({ id: i.id, libelle: i.libelle })), { id: ITEM_AUTRE, libelle: LIBELLE_AUTRE }].map((item) => {
      const selections = lignes.flatMap((d) => d.besoins.filter((b) => b.categorie === categorie.id && b.item === item.id).map((b) => ({ d, b })));
      const carte = `${categorie.type === "formation" ? "formation" : "prestation"}:${categorie.id}.${item.id}`;
      const rangs = selections.flatMap(({ d }) => {
        const rang = classements.get(d.code)?.get(carte);
        return rang === undefined ? [] : [rang];
      });
      return {
        categorie: categorie.id,
        libelleCategorie: categorie.libelle,
        item: item.id,
        libelle: item.libelle,
        departements: new Set(selections.map(({ d }) => d.code)).size,
        totalEtp: arrondi(selections.reduce((s, { b }) => s + (b.etp ?? 0), 0)),
        departementsAvecPrestation: new Set(selections.filter(({ b }) => b.prestation).map(({ d }) => d.code)).size,
        personnesAFormer: selections.reduce((s, { b }) => s + (b.personnes ?? 0), 0),
        departementsAyantClasse: rangs.length,
        rangMoyen: moyenne(rangs),
      };
    }),
  );
}

export function syntheseNationale(lignes: readonly BesoinsDUnDepartement[]): SyntheseBesoins {
  const avecBesoins = lignes.filter((d) => d.besoins.length > 0);
  const departements = avecBesoins.map(syntheseDuDepartement);
  const rangsRh = departements.flatMap((d) => d.classement.filter((c) => c.cle === CARTE_RESSOURCE_HUMAINE).map((c) => c.rang));
  return {
    chiffres: {
      departementsAvecBesoins: departements.length,
      classementsEnregistres: departements.filter((d) => d.classementEnregistre).length,
      totalEtp: arrondi(departements.reduce((s, d) => s + d.totalEtp, 0)),
      prestations: departements.reduce((s, d) => s + d.prestations, 0),
      personnesAFormer: departements.reduce((s, d) => s + d.personnesAFormer, 0),
      rangMoyenRessourceHumaine: moyenne(rangsRh),
      demonstration: departements.some((d) => d.demonstration),
    },
    departements,
    items: syntheseParItem(avecBesoins),
  };
}
