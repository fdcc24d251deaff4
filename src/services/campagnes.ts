import { and, asc, eq } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { campagnes, departements, gouvernances, journalAudit, perimetresUtilisateurs, prolongationsCampagne, utilisateurs } from "@/db/schema";
import { campagneCourante, datesDesRappels, fenetreDeModification, finDeJourneeAParis, type Campagne, type EtatDeLaGouvernance, type Fenetre } from "@/domain/gouvernance/campagnes";
import { decider } from "@/domain/identite/permissions";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { ecrireCourriel } from "./courriels";
import { planifier, type Executant } from "./taches";
import { obtenirDepartement } from "./territoires";

/*
 * The national team's campaigns (PRODUCT §10) and what they mean for one département: whether its
 * gouvernance can be edited now and until when (domain/gouvernance/campagnes). Every write to a
 * gouvernance asks `fenetreDeLaGouvernance` first.
 */

export async function listerCampagnes(db: Executeur): Promise<Campagne[]> {
  const lignes = await db.select({ id: campagnes.id, nom: campagnes.nom, ouverture: campagnes.ouverture, cloture: campagnes.cloture }).from(campagnes).orderBy(asc(campagnes.ouverture));
  return lignes;
}

/** Whether the gouvernance of this département can be edited now, and until when. */
export async function fenetreDeLaGouvernance(db: Executeur, code: string, maintenant: Date): Promise<Fenetre> {
  const [g] = await db.select({ etat: gouvernances.etat, reouverture: gouvernances.reouvertureJusquau }).from(gouvernances).where(eq(gouvernances.codeDepartement, code));
  const campagne = campagneCourante(await listerCampagnes(db), maintenant);
  const [prolongation] = campagne
    ? await db
        .select({ jusquau: prolongationsCampagne.jusquau })
        .from(prolongationsCampagne)
        .where(and(eq(prolongationsCampagne.campagneId, campagne.id), eq(prolongationsCampagne.codeDepartement, code)))
    : [];
  return fenetreDeModification({
    campagne,
    prolongation: prolongation?.jusquau ?? null,
    etat: (g?.etat as EtatDeLaGouvernance | undefined) ?? "aucune",
    reouvertureJusquau: g?.reouverture ?? null,
    maintenant,
  });
}

export type ErreurCampagne = "nonConnecte" | "nonAutorise" | "formulaireInvalide" | "campagneInconnue" | "departementInconnu" | "codeDepartementInvalide";

function lireDates(ouverture: unknown, cloture: unknown): { ouverture: Date; cloture: Date } | { erreur: string } {
  const o = typeof ouverture === "string" ? finDeJourneeAParis(ouverture) : null;
  const c = typeof cloture === "string" ? finDeJourneeAParis(cloture) : null;
  if (!o) return { erreur: "Date d'ouverture invalide (format attendu : AAAA-MM-JJ)." };
  if (!c) return { erreur: "Date de clôture invalide (format attendu : AAAA-MM-JJ)." };
  // The opening day starts at its beginning (Paris): just after the end of the day before.
  const debut = new Date(o.getTime() - 24 * 3600 * 1000 + 1);
  if (c <= debut) return { erreur: "La clôture doit suivre l'ouverture." };
  return { ouverture: debut, cloture: c };
}

/** "Nouvelle campagne": its name, its opening and closing days (AAAA-MM-JJ, Paris). */
export async function creerCampagne(p: { connexion: Connexion; acteur: Acteur | null; nom: unknown; ouverture: unknown; cloture: unknown; maintenant: Date }): Promise<Resultat<Campagne, ErreurCampagne>> {
  const decision = decider(p.acteur, "administrer", { type: "national" });
  if (!decision.autorise) return echec(decision.raison);
  const nom = typeof p.nom === "string" ? p.nom.trim() : "";
  if (nom === "" || nom.length > 120) return echec("formulaireInvalide", { detail: "indiquez le nom de la campagne (120 caractères au plus)." });
  const dates = lireDates(p.ouverture, p.cloture);
  if ("erreur" in dates) return echec("formulaireInvalide", { detail: dates.erreur });
  const acteur = p.acteur as Acteur;
  return p.connexion.db.transaction(async (tx) => {
    const [c] = await tx.insert(campagnes).values({ nom, ouverture: dates.ouverture, cloture: dates.cloture, creeLe: p.maintenant, creePar: acteur.id }).returning({ id: campagnes.id });
    const campagne = { id: (c as { id: string }).id, nom, ...dates };
    const codes = await tx.select({ code: departements.code }).from(departements).where(eq(departements.collectiviteOutreMer, false));
    for (const { code } of codes) await planifierRappels(tx, campagne.id, code, dates.cloture);
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "campagne.creer", cible: `campagne:${campagne.id}`, avant: null, apres: campagne, le: p.maintenant });
    return succes(campagne);
  });
}

/** Gives a département more time in a campaign (or changes the extension given). */
export async function prolongerDepartement(p: { connexion: Connexion; acteur: Acteur | null; campagne: unknown; code: unknown; jusquau: unknown; maintenant: Date }): Promise<Resultat<{ jusquau: Date }, ErreurCampagne>> {
  const decision = decider(p.acteur, "administrer", { type: "national" });
  if (!decision.autorise) return echec(decision.raison);
  const acteur = p.acteur as Acteur;
  const departement = await obtenirDepartement(p.connexion.db, String(p.code ?? ""));
  if (!departement.ok) return departement;
  const jusquau = typeof p.jusquau === "string" ? finDeJourneeAParis(p.jusquau) : null;
  if (!jusquau) return echec("formulaireInvalide", { detail: "date de fin de prolongation invalide (format attendu : AAAA-MM-JJ)." });
  const [campagne] = typeof p.campagne === "string" && /^[0-9a-f-]{36}$/.test(p.campagne) ? await p.connexion.db.select().from(campagnes).where(eq(campagnes.id, p.campagne)) : [];
  if (!campagne) return echec("campagneInconnue");
  const code = departement.valeur.code;
  return p.connexion.db.transaction(async (tx) => {
    const [avant] = await tx
      .select({ jusquau: prolongationsCampagne.jusquau })
      .from(prolongationsCampagne)
      .where(and(eq(prolongationsCampagne.campagneId, campagne.id), eq(prolongationsCampagne.codeDepartement, code)));
    await tx
      .insert(prolongationsCampagne)
      .values({ campagneId: campagne.id, codeDepartement: code, jusquau, accordeeLe: p.maintenant, accordeePar: acteur.id })
      .onConflictDoUpdate({ target: [prolongationsCampagne.campagneId, prolongationsCampagne.codeDepartement], set: { jusquau, accordeeLe: p.maintenant, accordeePar: acteur.id } });
    await planifierRappels(tx, campagne.id, code, jusquau > campagne.cloture ? jusquau : campagne.cloture);
    await tx.insert(journalAudit).values({ acteur: acteur.id, action: "campagne.prolonger", cible: `campagne:${campagne.id}:${code}`, avant: avant ?? null, apres: { jusquau }, le: p.maintenant });
    return succes({ jusquau });
  });
}

export interface CampagneAdministree extends Campagne {
  prolongations: Array<{ code: string; jusquau: Date }>;
}

/** The campaigns with their extensions, for the national team. */
export async function campagnesPourAdministration(p: { db: Executeur; acteur: Acteur | null }): Promise<Resultat<CampagneAdministree[], "nonConnecte" | "nonAutorise">> {
  const decision = decider(p.acteur, "administrer", { type: "national" });
  if (!decision.autorise) return echec(decision.raison);
  const liste = await listerCampagnes(p.db);
  const prolongations = await p.db.select().from(prolongationsCampagne).orderBy(asc(prolongationsCampagne.codeDepartement));
  return succes(
    liste
      .reverse()
      .map((c) => ({ ...c, prolongations: prolongations.filter((pr) => pr.campagneId === c.id).map((pr) => ({ code: pr.codeDepartement, jusquau: pr.jusquau })) })),
  );
}

export const TYPE_RAPPEL_ECHEANCE = "rappel-echeance";

/**
 * The deadline notices of a département (7 days and 1 day before its deadline), as scheduled
 * tasks; the deadline is in their key, so that an extension schedules new ones and the old ones,
 * when they come, see the deadline moved and write nothing.
 */
async function planifierRappels(db: Executeur, campagne: string, code: string, jusquau: Date) {
  for (const rappel of datesDesRappels(jusquau)) {
    await planifier({
      db,
      type: TYPE_RAPPEL_ECHEANCE,
      cle: `${TYPE_RAPPEL_ECHEANCE}:${campagne}:${code}:${jusquau.toISOString()}:${rappel.jours}`,
      executerApres: rappel.le,
      donnees: { campagne, code, jusquau: jusquau.toISOString(), jours: rappel.jours },
    });
  }
}

/** A deadline notice: to the agents of the préfecture whose gouvernance is still not déposée, if the deadline still holds. */
export function executantRappelEcheance(urlDeBase: string): Executant {
  return async ({ db, tache, maintenant }) => {
    const d = tache.donnees as { campagne?: string; code?: string; jusquau?: string; jours?: number };
    if (!d.code || !d.jusquau || !d.campagne) return;
    const fenetre = await fenetreDeLaGouvernance(db, d.code, maintenant);
    // Moved (an extension), another campaign, or no longer editable: nothing to say.
    if (!fenetre.modifiable || fenetre.campagne?.id !== d.campagne || fenetre.jusquau?.toISOString() !== d.jusquau) return;
    const [g] = await db.select({ etat: gouvernances.etat }).from(gouvernances).where(eq(gouvernances.codeDepartement, d.code));
    if (g && g.etat !== "brouillon") return;
    const [departement] = await db.select({ nom: departements.nom }).from(departements).where(eq(departements.code, d.code));
    const agents = await db
      .selectDistinct({ email: utilisateurs.email })
      .from(utilisateurs)
      .innerJoin(perimetresUtilisateurs, eq(perimetresUtilisateurs.utilisateurId, utilisateurs.id))
      .where(and(eq(utilisateurs.role, "prefecture-departement"), eq(utilisateurs.actif, true), eq(perimetresUtilisateurs.type, "departement"), eq(perimetresUtilisateurs.code, d.code)));
    const date = new Date(d.jusquau).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
    for (const { email } of agents) {
      await ecrireCourriel({
        db,
        destinataire: email,
        maintenant,
        sujet: `Gouvernance ${departement?.nom ?? d.code} : ${d.jours === 1 ? "dernier jour demain" : `plus que ${d.jours} jours`} pour déposer la proposition`,
        texte: [
          "Bonjour,",
          "",
          `La proposition de gouvernance ${departement?.nom ?? d.code} (${d.code}) n'est pas encore déposée. Elle est modifiable jusqu'au ${date}.`,
          "",
          `La compléter et la déposer : ${new URL(`/gouvernances/departements/${d.code}/gouvernance`, urlDeBase).toString()}`,
          "",
          "L'équipe France Numérique Ensemble",
        ].join("\n"),
      });
    }
  };
}
