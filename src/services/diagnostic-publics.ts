import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Connexion, Executeur } from "@/db/client";
import { jeuxDeDonnees, journalAudit, populationsParAge, tauxPublics } from "@/db/schema";
import {
  arrondirEstimation,
  libelleTranche,
  populationDeLaTranche,
  RAISON_SANS_STRUCTURE_PAR_AGE,
  texteMethode,
  type DiagnosticDesPublics,
  type EstimationPublic,
  type TauxPublic,
} from "@/domain/donnees/diagnostic-publics";
import type { ClasseAge } from "@/domain/donnees/population-par-age";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { estCodeDepartement } from "@/domain/territoires/codes";
import { peutAdministrer } from "./espaces";
import { NATURE_POPULATION_AGE } from "./import-population-age";
import { chiffresDuReferentiel, listerDepartements, type ErreurDepartement } from "./territoires";

/*
 * Diagnostic des publics: the national rates entered by the national team (administrators only,
 * every change in the audit trail), and their extrapolation to a département or to France.
 */

type Refus = "nonConnecte" | "nonAutorise";

export const AGE_MAXIMAL_TAUX = 120;
const MESSAGE_ORDRE_DES_AGES = "L'âge maximal doit être supérieur ou égal à l'âge minimal.";

const entierFacultatif = (nom: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      if (!/^\d{1,3}$/.test(v) || Number(v) > AGE_MAXIMAL_TAUX) {
        ctx.addIssue({ code: "custom", message: `${nom} : un nombre entier d'années de 0 à ${AGE_MAXIMAL_TAUX}, ou vide.` });
        return z.NEVER;
      }
      return Number(v);
    });

/** The rate form as it comes from the browser (strings); the same rules on the client and, always, on the server. */
export const schemaTauxPublic = z
  .object({
    libelle: z.string().trim().min(3, { error: "Le libellé compte au moins 3 caractères." }).max(200, { error: "Le libellé compte au plus 200 caractères." }),
    taux: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const n = Number(v.replace(",", ".").replace(/\s*%$/, ""));
        if (v === "" || !/^\d+([.,]\d+)?\s*%?$/.test(v) || !Number.isFinite(n) || n < 0 || n > 100) {
          ctx.addIssue({ code: "custom", message: "Le taux est un pourcentage de 0 à 100 (exemple : 15 ou 12,5)." });
          return z.NEVER;
        }
        return n;
      }),
    ageMin: entierFacultatif("Âge minimal"),
    ageMax: entierFacultatif("Âge maximal"),
    source: z.string().trim().min(1, { error: "Indiquez la source du taux (exemple : CREDOC, Baromètre du numérique 2025)." }).max(300, { error: "La source compte au plus 300 caractères." }),
    annee: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (!/^\d{4}$/.test(v) || Number(v) < 1990 || Number(v) > 2100) {
          ctx.addIssue({ code: "custom", message: "Indiquez l'année des données de la source, sur quatre chiffres (exemple : 2025)." });
          return z.NEVER;
        }
        return Number(v);
      }),
    lien: z
      .string()
      .trim()
      .max(500, { error: "Le lien compte au plus 500 caractères." })
      .refine((v) => v === "" || (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v) && URL.canParse(v)), { error: "Le lien doit être une adresse web complète commençant par http:// ou https://." })
      .transform((v) => v || null),
    ordre: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === "") return 0;
        if (!/^\d{1,3}$/.test(v)) {
          ctx.addIssue({ code: "custom", message: "L'ordre d'affichage est un nombre entier de 0 à 999." });
          return z.NEVER;
        }
        return Number(v);
      }),
  })
  .superRefine((v, ctx) => {
    if (v.ageMin !== null && v.ageMax !== null && v.ageMin > v.ageMax) {
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: MESSAGE_ORDRE_DES_AGES });
    }
  });

export type ChampTaux = "libelle" | "taux" | "ageMin" | "ageMax" | "source" | "annee" | "lien" | "ordre";
export type ErreursChamps = Partial<Record<ChampTaux, string>>;

/** What the form sends (every field a string; absent fields are empty). */
export type DonneesTaux = Partial<Record<ChampTaux, string>>;

function lire(donnees: DonneesTaux): { ok: true; valeur: z.output<typeof schemaTauxPublic> } | { ok: false; champs: ErreursChamps; detail: string } {
  const brut = Object.fromEntries((["libelle", "taux", "ageMin", "ageMax", "source", "annee", "lien", "ordre"] as const).map((c) => [c, typeof donnees[c] === "string" ? donnees[c] : ""]));
  const lu = schemaTauxPublic.safeParse(brut);
  if (lu.success) return { ok: true, valeur: lu.data };
  const champs: ErreursChamps = {};
  for (const i of lu.error.issues) {
    const champ = i.path[0] as ChampTaux | undefined;
    if (champ && !champs[champ]) champs[champ] = i.message;
  }
  // The object's refinement does not run when a field fails: every error is shown at once.
  const ages = [brut.ageMin, brut.ageMax].map((v) => (/^\d{1,3}$/.test((v ?? "").trim()) ? Number((v ?? "").trim()) : null));
  if (!champs.ageMin && !champs.ageMax && ages[0] != null && ages[1] != null && ages[0] > ages[1]) champs.ageMax = MESSAGE_ORDRE_DES_AGES;
  return { ok: false, champs, detail: lu.error.issues[0]?.message ?? "" };
}

function enTaux(l: typeof tauxPublics.$inferSelect): TauxPublic {
  return {
    id: l.id,
    libelle: l.libelle,
    taux: l.taux,
    ageMin: l.ageMin,
    ageMax: l.ageMax,
    source: l.source,
    annee: l.annee,
    lien: l.lien,
    ordre: l.ordre,
    provenance: l.provenance === "demonstration" ? "demonstration" : "saisie",
    modifieLe: l.modifieLe,
  };
}

const contenu = (t: TauxPublic) => ({ libelle: t.libelle, taux: t.taux, ageMin: t.ageMin, ageMax: t.ageMax, source: t.source, annee: t.annee, lien: t.lien, ordre: t.ordre });

/** The national rates, in display order (public: the dashboard shows them). */
export async function listerTaux(db: Executeur): Promise<TauxPublic[]> {
  const lignes = await db.select().from(tauxPublics).orderBy(asc(tauxPublics.ordre), asc(tauxPublics.libelle), asc(tauxPublics.id));
  return lignes.map(enTaux);
}

export async function obtenirTaux(p: { db: Executeur; acteur: Acteur | null; id: string }): Promise<Resultat<TauxPublic, Refus | "tauxInconnu">> {
  const decision = peutAdministrer(p.acteur);
  if (!decision.autorise) return echec(decision.raison);
  if (!z.uuid().safeParse(p.id).success) return echec("tauxInconnu");
  const [ligne] = await p.db.select().from(tauxPublics).where(eq(tauxPublics.id, p.id));
  return ligne ? succes(enTaux(ligne)) : echec("tauxInconnu");
}

/**
 * Adds a rate. The first rate entered removes the demonstration rates (real and demonstration
 * rates never mix).
 */
export async function ajouterTaux(p: { connexion: Connexion; acteur: Acteur | null; donnees: DonneesTaux; maintenant: Date }): Promise<Resultat<TauxPublic, Refus | "formulaireInvalide">> {
  const decision = peutAdministrer(p.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const acteur = p.acteur as Acteur;
  const lu = lire(p.donnees);
  if (!lu.ok) return echec("formulaireInvalide", { detail: lu.detail, champs: lu.champs });
  const cree = await p.connexion.db.transaction(async (tx) => {
    const demonstration = await tx.delete(tauxPublics).where(eq(tauxPublics.provenance, "demonstration")).returning({ id: tauxPublics.id, libelle: tauxPublics.libelle });
    for (const d of demonstration) {
      await tx.insert(journalAudit).values({ acteur: acteur.id, action: "tauxPublic.retirerDemonstration", cible: `taux-public:${d.id}`, avant: { libelle: d.libelle, provenance: "demonstration" }, apres: null, le: p.maintenant });
    }
    const [ligne] = await tx
      .insert(tauxPublics)
      .values({ ...lu.valeur, provenance: "saisie", modifieLe: p.maintenant, modifiePar: acteur.id })
      .returning();
    const taux = enTaux(ligne as typeof tauxPublics.$inferSelect);
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "tauxPublic.ajouter", cible: `taux-public:${taux.id}`, avant: null, apres: contenu(taux), le: p.maintenant });
    return taux;
  });
  return succes(cree);
}

/**
 * Changes a rate entered by the national team. `version` is the rate's `modifieLe` as the form
 * read it: a change made meanwhile by someone else is not overwritten. Demonstration rates are not
 * edited (delete them, or enter a real rate).
 */
export async function modifierTaux(p: {
  connexion: Connexion;
  acteur: Acteur | null;
  id: string;
  donnees: DonneesTaux;
  version?: string;
  maintenant: Date;
}): Promise<Resultat<TauxPublic, Refus | "tauxInconnu" | "formulaireInvalide" | "tauxDeDemonstration" | "tauxModifieEntreTemps">> {
  const actuel = await obtenirTaux({ db: p.connexion.db, acteur: p.acteur, id: p.id });
  if (!actuel.ok) return actuel;
  const acteur = p.acteur as Acteur;
  if (actuel.valeur.provenance === "demonstration") return echec("tauxDeDemonstration");
  const lu = lire(p.donnees);
  if (!lu.ok) return echec("formulaireInvalide", { detail: lu.detail, champs: lu.champs });
  if (p.version !== undefined && p.version !== actuel.valeur.modifieLe.toISOString()) return echec("tauxModifieEntreTemps");
  const avant = contenu(actuel.valeur);
  if (JSON.stringify(avant) === JSON.stringify(lu.valeur)) return actuel;
  const modifie = await p.connexion.db.transaction(async (tx) => {
    const [ligne] = await tx
      .update(tauxPublics)
      .set({ ...lu.valeur, modifieLe: p.maintenant, modifiePar: acteur.id })
      .where(and(eq(tauxPublics.id, p.id), eq(tauxPublics.modifieLe, actuel.valeur.modifieLe)))
      .returning();
    if (!ligne) return null;
    const taux = enTaux(ligne);
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "tauxPublic.modifier", cible: `taux-public:${p.id}`, avant, apres: contenu(taux), le: p.maintenant });
    return taux;
  });
  return modifie ? succes(modifie) : echec("tauxModifieEntreTemps");
}

export async function supprimerTaux(p: { connexion: Connexion; acteur: Acteur | null; id: string; maintenant: Date }): Promise<Resultat<TauxPublic, Refus | "tauxInconnu">> {
  const actuel = await obtenirTaux({ db: p.connexion.db, acteur: p.acteur, id: p.id });
  if (!actuel.ok) return actuel;
  const acteur = p.acteur as Acteur;
  await p.connexion.db.transaction(async (tx) => {
    await tx.delete(tauxPublics).where(eq(tauxPublics.id, p.id));
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "tauxPublic.supprimer", cible: `taux-public:${p.id}`, avant: { ...contenu(actuel.valeur), provenance: actuel.valeur.provenance }, apres: null, le: p.maintenant });
  });
  return succes(actuel.valeur);
}

const jour = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The estimate of each public on a territory (codeDepartement null: France, the 101
 * départements): rate × population (COG) for a rate about the whole population; rate ×
 * population of the age range (imported population by age) otherwise, or no figure and why.
 */
export async function estimerPublics(db: Executeur, p: { codeDepartement: string | null }): Promise<Resultat<DiagnosticDesPublics, ErreurDepartement>> {
  const departements = await listerDepartements(db);
  let territoire: DiagnosticDesPublics["territoire"];
  let population: number;
  let codes: string[];
  if (p.codeDepartement === null) {
    territoire = { type: "national", nom: "France" };
    population = departements.reduce((s, d) => s + d.population, 0);
    codes = departements.map((d) => d.code);
  } else {
    if (!estCodeDepartement(p.codeDepartement)) return echec("codeDepartementInvalide", { code: p.codeDepartement });
    const d = departements.find((x) => x.code === p.codeDepartement);
    if (!d) return echec("departementInconnu", { code: p.codeDepartement });
    territoire = { type: "departement", code: d.code, nom: d.nom };
    population = d.population;
    codes = [d.code];
  }
  const cog = await chiffresDuReferentiel(db);
  const sourcePopulation = { source: cog ? `Code officiel géographique ${cog.millesime} (INSEE)` : "Référentiel des territoires non chargé", dateMiseAJour: cog ? jour(cog.importeLe) : null };

  const [jeu] = await db
    .select()
    .from(jeuxDeDonnees)
    .where(and(eq(jeuxDeDonnees.nature, NATURE_POPULATION_AGE), eq(jeuxDeDonnees.etat, "actif")))
    .orderBy(desc(jeuxDeDonnees.chargeLe))
    .limit(1);
  const classes = new Map<string, Array<ClasseAge & { population: number }>>();
  let departementsCouverts = 0;
  if (jeu) {
    const lignes = await db
      .select({ code: populationsParAge.codeDepartement, ageMin: populationsParAge.ageMin, ageMax: populationsParAge.ageMax, population: populationsParAge.population })
      .from(populationsParAge)
      .where(and(eq(populationsParAge.jeuDeDonneesId, jeu.id), ...(codes.length === 1 ? [eq(populationsParAge.codeDepartement, codes[0] as string)] : [inArray(populationsParAge.codeDepartement, codes)])));
    for (const l of lignes) classes.set(l.code, [...(classes.get(l.code) ?? []), l]);
    departementsCouverts = classes.size;
  }
  const demonstrationAge = jeu?.provenance === "demonstration";
  const structureParAge = jeu ? { source: jeu.source, dateMiseAJour: jour(jeu.dateMiseAJour), demonstration: demonstrationAge, departementsCouverts } : null;

  const estimations: EstimationPublic[] = (await listerTaux(db)).map((taux) => {
    const tranche = libelleTranche(taux.ageMin, taux.ageMax);
    const demonstration = taux.provenance === "demonstration";
    const sans = (raison: string): EstimationPublic => ({ taux, tranche, demonstration, populationConcernee: null, estimation: null, estimationNonArrondie: null, methode: null, raison, prorata: false });
    const avec = (base: number, source: string, prorata: ClasseAge[], parAge: boolean): EstimationPublic => {
      const exacte = (taux.taux / 100) * base;
      const estimation = arrondirEstimation(exacte);
      return {
        taux,
        tranche,
        demonstration: demonstration || (parAge && demonstrationAge),
        populationConcernee: base,
        estimation,
        estimationNonArrondie: exacte,
        methode: texteMethode({ taux: taux.taux, population: base, tranche: parAge ? tranche : null, sourcePopulation: source, estimation, prorata }),
        raison: null,
        prorata: prorata.length > 0,
      };
    };
    if (taux.ageMin === null && taux.ageMax === null) {
      if (!cog || population === 0) return sans("Les territoires ne sont pas chargés : la population n'est pas connue.");
      return avec(population, `population : ${sourcePopulation.source}`, [], false);
    }
    if (!jeu) return sans(RAISON_SANS_STRUCTURE_PAR_AGE);
    const manquants = codes.filter((c) => !classes.has(c));
    if (manquants.length) {
      return sans(
        codes.length === 1
          ? "La population par âge importée ne couvre pas ce département."
          : `La population par âge importée ne couvre que ${departementsCouverts} département${departementsCouverts > 1 ? "s" : ""} sur ${codes.length} : pas d'estimation nationale.`,
      );
    }
    let base = 0;
    const prorata = new Map<string, ClasseAge>();
    for (const code of codes) {
      const r = populationDeLaTranche(classes.get(code) ?? [], taux.ageMin ?? 0, taux.ageMax);
      if (!r.ok) return sans(codes.length === 1 ? r.raison : `${r.raison.replace(/\.$/, "")} (département ${code}).`);
      base += r.population;
      for (const c of r.prorata) prorata.set(`${c.ageMin}-${c.ageMax}`, c);
    }
    return avec(base, `population par âge : ${jeu.source}`, [...prorata.values()].sort((a, b) => a.ageMin - b.ageMin), true);
  });

  return succes({
    territoire,
    population: { total: population, ...sourcePopulation },
    structureParAge,
    estimations,
    demonstration: estimations.some((e) => e.demonstration),
  });
}
