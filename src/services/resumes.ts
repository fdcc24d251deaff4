import { and, eq, gt, inArray, lte } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { candidats, departements, formulairesManifestation, perimetresUtilisateurs, taches, utilisateurs } from "@/db/schema";
import { LIBELLES_INTENTIONS, type Intention } from "@/domain/candidatures/personas";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { TYPE_RAPPEL_ECHEANCE, executantRappelEcheance } from "./campagnes";
import { ecrireCourriel } from "./courriels";
import { estContenuPorter, type ContenuFormulaire } from "./manifestations";
import { planifier, type Executant } from "./taches";

/** At start: schedules the next digest unless one is already waiting (each digest schedules the next). */
export async function assurerResumePlanifie(db: Executeur, maintenant: Date) {
  const [enAttente] = await db
    .select({ id: taches.id })
    .from(taches)
    .where(and(eq(taches.type, TYPE_RESUME_CANDIDATURES), inArray(taches.etat, ["a_faire", "en_cours"])))
    .limit(1);
  if (!enAttente) await planifierResumeCandidatures(db, maintenant);
}

/*
 * The préfectures' daily digest: each préfecture agent (département scope, opted in) receives one
 * message listing the candidates that arrived in their départements since the previous digest.
 * Nothing new, no message. Demonstration candidates are never announced.
 */

export const TYPE_RESUME_CANDIDATURES = "resume-candidatures";

/** Every day at 06:00 UTC (7 h in Paris in winter, 8 h in summer). */
export function prochainResume(apres: Date): Date {
  const prochain = new Date(Date.UTC(apres.getUTCFullYear(), apres.getUTCMonth(), apres.getUTCDate(), 6, 0, 0));
  if (prochain <= apres) prochain.setUTCDate(prochain.getUTCDate() + 1);
  return prochain;
}

/** Makes sure the next digest is scheduled, covering what arrives from `depuis` on. */
export async function planifierResumeCandidatures(db: Executeur, depuis: Date) {
  const le = prochainResume(depuis);
  await planifier({ db, type: TYPE_RESUME_CANDIDATURES, cle: `${TYPE_RESUME_CANDIDATURES}:${le.toISOString().slice(0, 10)}`, executerApres: le, donnees: { depuis: depuis.toISOString() } });
}

export interface NouvelleCandidature {
  nom: string;
  intention: Intention;
  departements: string[];
  /** A "porter" form's partners (collectivités and structures), with where each counts. */
  partenaires: Array<{ nom: string; departements: string[] }>;
}

/** Sent forms of real candidates in the period ]depuis, jusqua]. */
async function nouvellesCandidatures(db: Executeur, depuis: Date, jusqua: Date): Promise<NouvelleCandidature[]> {
  const lignes = await db
    .select({ nom: candidats.nom, intention: formulairesManifestation.intention, departements: candidats.departements, contenu: formulairesManifestation.contenu })
    .from(formulairesManifestation)
    .innerJoin(candidats, eq(candidats.id, formulairesManifestation.candidatId))
    .where(
      and(
        eq(formulairesManifestation.etat, "envoye"),
        eq(formulairesManifestation.demonstration, false),
        gt(formulairesManifestation.envoyeLe, depuis),
        lte(formulairesManifestation.envoyeLe, jusqua),
      ),
    );
  return lignes.map((l) => {
    const contenu = l.contenu as ContenuFormulaire | null;
    return {
      nom: l.nom,
      intention: l.intention === "porter" ? "porter" : "participer",
      departements: l.departements,
      partenaires: estContenuPorter(contenu) ? contenu.partenaires.map((p) => ({ nom: p.nom, departements: p.departements })) : [],
    };
  });
}

/** Writes the digests of the period; returns how many messages were written. */
export async function ecrireResumes(p: { db: Executeur; depuis: Date; jusqua: Date; urlDeBase: string }): Promise<number> {
  const nouvelles = await nouvellesCandidatures(p.db, p.depuis, p.jusqua);
  if (nouvelles.length === 0) return 0;
  const agents = await p.db
    .select({ email: utilisateurs.email, code: perimetresUtilisateurs.code })
    .from(utilisateurs)
    .innerJoin(perimetresUtilisateurs, eq(perimetresUtilisateurs.utilisateurId, utilisateurs.id))
    .where(
      and(
        eq(utilisateurs.role, "prefecture-departement"),
        eq(utilisateurs.actif, true),
        eq(utilisateurs.recevoirResumes, true),
        eq(perimetresUtilisateurs.type, "departement"),
      ),
    );
  const noms = new Map((await p.db.select({ code: departements.code, nom: departements.nom }).from(departements)).map((d) => [d.code, d.nom]));
  const parAgent = new Map<string, string[]>();
  for (const a of agents) parAgent.set(a.email, [...(parAgent.get(a.email) ?? []), a.code]);
  let ecrits = 0;
  for (const [email, codes] of [...parAgent].sort(([a], [b]) => a.localeCompare(b))) {
    const sections = codes
      .sort()
      .map((code) => ({ code, liste: nouvelles.filter((n) => n.departements.includes(code)) }))
      .filter((s) => s.liste.length > 0);
    if (sections.length === 0) continue;
    const total = sections.reduce((s, x) => s + x.liste.length, 0);
    const texte = [
      "Bonjour,",
      "",
      `Depuis le dernier résumé, ${total === 1 ? "une nouvelle candidature est arrivée" : `${total} nouvelles candidatures sont arrivées`} dans votre territoire :`,
      ...sections.flatMap((s) => [
        "",
        `${noms.get(s.code) ?? s.code} (${s.code}) :`,
        ...s.liste.flatMap((n) => [`- ${n.nom} — ${LIBELLES_INTENTIONS[n.intention]}`, ...lignePartenaires(n, s.code)]),
        `Voir : ${new URL(`/gouvernances/departements/${s.code}`, p.urlDeBase).toString()}`,
      ]),
      "",
      "Pour ne plus recevoir ce résumé : « Mon profil » sur l'Espace France Numérique Ensemble.",
    ].join("\n");
    await ecrireCourriel({ db: p.db, maintenant: p.jusqua, destinataire: email, sujet: "Nouvelles candidatures dans votre territoire — France Numérique Ensemble", texte });
    ecrits += 1;
  }
  return ecrits;
}

/** The partners a porteur suggests that count in this département, named (the first 10). */
function lignePartenaires(n: NouvelleCandidature, code: string): string[] {
  const ici = n.partenaires.filter((p) => p.departements.includes(code));
  if (ici.length === 0) return [];
  const noms = ici.slice(0, 10).map((p) => p.nom);
  const reste = ici.length - noms.length;
  return [`  Partenaires suggérés (${ici.length}) : ${noms.join(", ")}${reste > 0 ? ` et ${reste} autre${reste > 1 ? "s" : ""}` : ""}`];
}

/** The kinds of scheduled work this application runs. */
export function executantsDeLApplication(urlDeBase: string): Record<string, Executant> {
  return { [TYPE_RESUME_CANDIDATURES]: executantResumeCandidatures(urlDeBase), [TYPE_RAPPEL_ECHEANCE]: executantRappelEcheance(urlDeBase) };
}

/** The task: writes the digest of its period, then schedules the next one from where it ends. */
export function executantResumeCandidatures(urlDeBase: string): Executant {
  return async ({ db, tache, maintenant }) => {
    const donnees = tache.donnees as { depuis?: string };
    const depuis = donnees.depuis ? new Date(donnees.depuis) : new Date(maintenant.getTime() - 24 * 3600 * 1000);
    await ecrireResumes({ db, depuis, jusqua: maintenant, urlDeBase });
    await planifierResumeCandidatures(db, maintenant);
  };
}

/** Whether this person receives the digest; null when the digest is not for their role. */
export async function lireAbonnementResumes(db: Executeur, acteur: Acteur | null): Promise<boolean | null> {
  if (acteur?.role !== "prefecture-departement") return null;
  const [ligne] = await db.select({ recevoir: utilisateurs.recevoirResumes }).from(utilisateurs).where(eq(utilisateurs.id, acteur.id));
  return ligne?.recevoir ?? null;
}

/** Opt in or out of the daily digest (on /profil). */
export async function changerAbonnementResumes(p: { db: Executeur; acteur: Acteur | null; recevoir: boolean }): Promise<Resultat<void, "nonConnecte" | "nonAutorise">> {
  if (!p.acteur) return echec("nonConnecte");
  if (p.acteur.role !== "prefecture-departement") return echec("nonAutorise");
  await p.db.update(utilisateurs).set({ recevoirResumes: p.recevoir }).where(eq(utilisateurs.id, p.acteur.id));
  return succes(undefined);
}
