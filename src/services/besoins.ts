import { asc, eq, sql } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { besoins, besoinsDepartements, departements, historiqueBesoins, journalAudit } from "@/db/schema";
import {
  CARTE_RESSOURCE_HUMAINE,
  cartesAClasser,
  lireClassement,
  lireSelection,
  reclasser,
  type Besoin,
  type CarteAClasser,
  type ErreursBesoins,
} from "@/domain/besoins/besoins";
import type { Fenetre } from "@/domain/gouvernance/campagnes";
import { decider } from "@/domain/identite/permissions";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { fenetreDeLaGouvernance } from "./campagnes";
import { departementAutorise, type ErreurGouvernance } from "./gouvernance";

/*
 * The besoins en ingénierie financière of a département (PRODUCT §7): step 1 saves the selection,
 * step 2 the ranking. Both ask the permission policy, the same window as the gouvernance (campaign,
 * extension, state), and the version the person started from; each save is one transaction with
 * its history line and its audit line.
 */

export interface BesoinsOuverts {
  departement: { code: string; nom: string };
  besoins: Besoin[];
  /** The cards of step 2, in their current order. */
  cartes: CarteAClasser[];
  version: number;
  classementEnregistreLe: Date | null;
  /** Complete: the ranking saved for the cards of the current selection. */
  complete: boolean;
  fenetre: Fenetre;
  peutModifier: boolean;
}

export type ErreurBesoins = ErreurGouvernance | "horsDelai" | "formulaireInvalide" | "conflit" | "classementInvalide";

interface Lus {
  besoins: Array<Besoin & { rang: number | null }>;
  version: number;
  rangRessourceHumaine: number | null;
  classementEnregistreLe: Date | null;
}

async function lireBesoins(db: Executeur, code: string): Promise<Lus> {
  const [d] = await db.select().from(besoinsDepartements).where(eq(besoinsDepartements.codeDepartement, code));
  const lignes = d ? await db.select().from(besoins).where(eq(besoins.codeDepartement, code)) : [];
  // Row by row: a row the catalogue no longer reads is left out, never the others with it.
  const lus = lignes.flatMap((l) => {
    const lu = lireSelection({ besoins: [{ categorie: l.categorie, item: l.item, precision: l.precision ?? undefined, etp: l.etp ?? undefined, prestation: l.prestation, personnes: l.personnes ?? undefined }] });
    return lu.ok ? lu.besoins.map((b) => ({ ...b, rang: l.rang })) : [];
  });
  const ordre = lireSelection({ besoins: lus.map(({ rang: _rang, ...b }) => b) });
  const rangs = new Map(lus.map((b) => [`${b.categorie}.${b.item}`, b.rang]));
  return {
    besoins: ordre.ok ? ordre.besoins.map((b) => ({ ...b, rang: rangs.get(`${b.categorie}.${b.item}`) ?? null })) : [],
    version: d?.version ?? 0,
    rangRessourceHumaine: d?.rangRessourceHumaine ?? null,
    classementEnregistreLe: d?.classementEnregistreLe ?? null,
  };
}

/** The cards in their saved order (cards without a rank at the end, in the catalogue's order). */
function classementActuel(lus: Lus): { cartes: CarteAClasser[]; ordre: string[] } {
  const cartes = cartesAClasser(lus.besoins);
  const rangDe = (cle: string): number | null => {
    if (cle === CARTE_RESSOURCE_HUMAINE) return lus.rangRessourceHumaine;
    const [, cleBesoin] = cle.split(":");
    return lus.besoins.find((b) => `${b.categorie}.${b.item}` === cleBesoin)?.rang ?? null;
  };
  const classees = cartes.filter((c) => rangDe(c.cle) !== null).sort((a, b) => (rangDe(a.cle) as number) - (rangDe(b.cle) as number));
  const ordre = reclasser(
    classees.map((c) => c.cle),
    cartes.map((c) => c.cle),
  );
  return { cartes: ordre.map((cle) => cartes.find((c) => c.cle === cle) as CarteAClasser), ordre };
}

/** Complete: the ranking was saved, and every card of the selection has a rank. */
function estComplet(lus: Lus): boolean {
  if (!lus.classementEnregistreLe) return false;
  const cartes = cartesAClasser(lus.besoins);
  return cartes.every((c) => (c.cle === CARTE_RESSOURCE_HUMAINE ? lus.rangRessourceHumaine !== null : lus.besoins.find((b) => c.cle.endsWith(`:${b.categorie}.${b.item}`))?.rang != null));
}

export async function ouvrirBesoins(p: { db: Executeur; acteur: Acteur | null; code: string; maintenant: Date }): Promise<Resultat<BesoinsOuverts, ErreurGouvernance>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  const code = departement.valeur.code;
  const lus = await lireBesoins(p.db, code);
  const { cartes } = classementActuel(lus);
  const cible = { type: "departement" as const, code, codeRegion: departement.valeur.codeRegion };
  return succes({
    departement: { code, nom: departement.valeur.nom },
    besoins: lus.besoins.map(({ rang: _rang, ...b }) => b),
    cartes,
    version: lus.version,
    classementEnregistreLe: lus.classementEnregistreLe,
    complete: estComplet(lus),
    fenetre: await fenetreDeLaGouvernance(p.db, code, p.maintenant),
    peutModifier: decider(p.acteur, "modifierEspaceDepartement", cible).autorise,
  });
}

/** The permission, the window and the lock, then the version check: what both steps share. */
async function ecrire(
  p: { connexion: Connexion; acteur: Acteur | null; code: string; version: number; maintenant: Date },
  modifier: (tx: Executeur, lus: Lus, code: string) => Promise<Resultat<{ besoins: Array<Besoin & { rang: number | null }>; rangRessourceHumaine: number | null; classementEnregistre: boolean }, ErreurBesoins>>,
  action: string,
): Promise<Resultat<{ version: number }, ErreurBesoins>> {
  const departement = await departementAutorise(p.connexion.db, p.acteur, p.code, "modifierEspaceDepartement");
  if (!departement.ok) return departement;
  const code = departement.valeur.code;
  const acteur = p.acteur as Acteur;
  const fenetre = await fenetreDeLaGouvernance(p.connexion.db, code, p.maintenant);
  if (!fenetre.modifiable) return echec("horsDelai", { dateLimite: fenetre.jusquau, raison: fenetre.raison });
  return p.connexion.db.transaction(async (tx) => {
    await tx.insert(besoinsDepartements).values({ codeDepartement: code, modifieLe: p.maintenant, modifiePar: acteur.id }).onConflictDoNothing();
    await tx.execute(sql`select 1 from besoins_departements where code_departement = ${code} for update`);
    const lus = await lireBesoins(tx, code);
    if (lus.version !== p.version) return echec("conflit", { versionActuelle: lus.version });
    const apres = await modifier(tx, lus, code);
    if (!apres.ok) return apres;
    const version = lus.version + 1;
    await tx.delete(besoins).where(eq(besoins.codeDepartement, code));
    if (apres.valeur.besoins.length) {
      await tx.insert(besoins).values(
        apres.valeur.besoins.map((b) => ({ codeDepartement: code, categorie: b.categorie, item: b.item, precision: b.precision ?? null, etp: b.etp ?? null, prestation: b.prestation ?? false, personnes: b.personnes ?? null, rang: b.rang })),
      );
    }
    await tx
      .update(besoinsDepartements)
      .set({
        version,
        rangRessourceHumaine: apres.valeur.rangRessourceHumaine,
        modifieLe: p.maintenant,
        modifiePar: acteur.id,
        ...(action === "besoins.selectionner" ? { selectionModifieeLe: p.maintenant } : {}),
        ...(apres.valeur.classementEnregistre ? { classementEnregistreLe: p.maintenant } : {}),
      })
      .where(eq(besoinsDepartements.codeDepartement, code));
    const avant = { besoins: lus.besoins, rangRessourceHumaine: lus.rangRessourceHumaine };
    const nouveau = { besoins: apres.valeur.besoins, rangRessourceHumaine: apres.valeur.rangRessourceHumaine };
    await tx.insert(historiqueBesoins).values({ codeDepartement: code, version, avant, apres: nouveau, modifieLe: p.maintenant, modifiePar: acteur.id });
    await tx.insert(journalAudit).values({ acteur: acteur.id, action, cible: `besoins:${code}`, avant, apres: nouveau, le: p.maintenant });
    return succes({ version });
  });
}

/** Ranks from an order of cards: each need's card rank, and the ressource humaine's. */
function rangsSelon(besoinsLus: readonly Besoin[], ordre: readonly string[]) {
  const rang = (cle: string) => {
    const i = ordre.indexOf(cle);
    return i < 0 ? null : i + 1;
  };
  return {
    besoins: besoinsLus.map((b) => ({ ...b, rang: rang(b.prestation ? `prestation:${b.categorie}.${b.item}` : `formation:${b.categorie}.${b.item}`) })),
    rangRessourceHumaine: rang(CARTE_RESSOURCE_HUMAINE),
  };
}

/**
 * Step 1, "Sélectionnez vos besoins en ingénierie financière". The cards still there keep their
 * rank, new ones come after; a new card asks for the ranking to be confirmed again.
 */
export async function enregistrerSelection(p: { connexion: Connexion; acteur: Acteur | null; code: string; selection: unknown; version: number; maintenant: Date }) {
  const lu = lireSelection(p.selection);
  if (!lu.ok) return echec("formulaireInvalide" as const, { champs: lu.erreurs satisfies ErreursBesoins });
  return ecrire(
    p,
    async (tx, lus, code) => {
      const precedent = classementActuel(lus);
      const cartes = cartesAClasser(lu.besoins).map((c) => c.cle);
      const ordre = reclasser(
        precedent.ordre.filter((c) => cartes.includes(c)),
        cartes,
      );
      const nouvelles = cartes.some((c) => !precedent.ordre.includes(c));
      const rangs = rangsSelon(lu.besoins, ordre);
      // The ranking stays saved only if no card came in.
      const toujoursComplet = lus.classementEnregistreLe !== null && !nouvelles;
      if (!toujoursComplet && lus.classementEnregistreLe !== null) await tx.update(besoinsDepartements).set({ classementEnregistreLe: null }).where(eq(besoinsDepartements.codeDepartement, code));
      return succes({ ...rangs, classementEnregistre: false });
    },
    "besoins.selectionner",
  );
}

/** Step 2, "Priorisez vos besoins en ingénierie financière": exactly the current cards, in the order chosen. */
export async function enregistrerClassement(p: { connexion: Connexion; acteur: Acteur | null; code: string; classement: unknown; version: number; maintenant: Date }) {
  return ecrire(
    p,
    async (_tx, lus) => {
      const cartes = cartesAClasser(lus.besoins).map((c) => c.cle);
      const lu = lireClassement(p.classement, cartes);
      if (!lu.ok) return echec("classementInvalide", { detail: lu.message });
      return succes({ ...rangsSelon(lus.besoins, lu.classement), classementEnregistre: true });
    },
    "besoins.classer",
  );
}

export interface LigneBesoinNational {
  code: string;
  nom: string;
  besoins: Array<Besoin & { rang: number | null }>;
  rangRessourceHumaine: number | null;
  classementEnregistreLe: Date | null;
  demonstration: boolean;
}

/** Every département's needs, for the national team's view and exports. */
export async function besoinsNationaux(p: { db: Executeur; acteur: Acteur | null }): Promise<Resultat<LigneBesoinNational[], "nonConnecte" | "nonAutorise">> {
  const decision = decider(p.acteur, "lireEspaceNational", { type: "national" });
  if (!decision.autorise) return echec(decision.raison);
  const entetes = await p.db
    .select({ code: besoinsDepartements.codeDepartement, nom: departements.nom, rh: besoinsDepartements.rangRessourceHumaine, le: besoinsDepartements.classementEnregistreLe, demo: besoinsDepartements.demonstration })
    .from(besoinsDepartements)
    .innerJoin(departements, eq(departements.code, besoinsDepartements.codeDepartement))
    .orderBy(asc(besoinsDepartements.codeDepartement));
  const lignes = await p.db.select().from(besoins);
  return succes(
    entetes.map((e) => ({
      code: e.code,
      nom: e.nom,
      besoins: lignes
        .filter((l) => l.codeDepartement === e.code)
        .map((l) => ({ categorie: l.categorie, item: l.item, ...(l.precision ? { precision: l.precision } : {}), ...(l.etp ? { etp: l.etp } : {}), ...(l.prestation ? { prestation: true } : {}), ...(l.personnes ? { personnes: l.personnes } : {}), rang: l.rang })),
      rangRessourceHumaine: e.rh,
      classementEnregistreLe: e.le,
      demonstration: e.demo,
    })),
  );
}
