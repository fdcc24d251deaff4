import { randomUUID } from "node:crypto";
import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { candidats, contactsManifestation, courriels, formulairesManifestation, gouvernances, perimetresUtilisateurs, taches, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur } from "@/domain/identite/roles";
import { TYPE_RAPPEL_ECHEANCE, creerCampagne, executantRappelEcheance, fenetreDeLaGouvernance, prolongerDepartement } from "./campagnes";
import { deposerGouvernance, enregistrerSection, instruireGouvernance, ouvrirGouvernance } from "./gouvernance";
import { reclamerTaches } from "./taches";

/*
 * Campaigns, deadlines and the states of a gouvernance (PRODUCT §6 and §10), on both databases:
 * the server refuses every edit outside the window; submitting tells the members and the national
 * team once; "à compléter" reopens until its date; validée locks.
 */

const base = utiliserBaseDeTest();
const le = (iso: string) => new Date(iso);
const SITE = "https://efne.example";

async function personne(connexion: Connexion, role: Acteur["role"], departement?: string): Promise<Acteur & { email: string }> {
  const email = `${role}.${randomUUID()}@exemple.gouv.fr`;
  const [u] = await connexion.db.insert(utilisateurs).values({ email, role, creeLe: le("2026-01-01T00:00:00Z") }).returning({ id: utilisateurs.id });
  const id = (u as { id: string }).id;
  if (departement) await connexion.db.insert(perimetresUtilisateurs).values({ utilisateurId: id, type: "departement", code: departement });
  return { id, role, perimetres: departement ? [{ type: "departement", code: departement }] : [], email };
}

/** A candidate of the Nièvre with a sent form and one contact. */
async function candidatAvecContact(connexion: Connexion, nom: string, email: string): Promise<string> {
  const [c] = await connexion.db.insert(candidats).values({ cle: `test:${randomUUID()}`, type: "commune", nom, departements: ["58"], creeLe: le("2026-01-01T00:00:00Z"), modifieLe: le("2026-01-01T00:00:00Z") }).returning({ id: candidats.id });
  const id = (c as { id: string }).id;
  const auteur = await personne(connexion, "contact");
  const [f] = await connexion.db
    .insert(formulairesManifestation)
    .values({ utilisateurId: auteur.id, persona: "commune", intention: "porter", etat: "envoye", candidatId: id, creeLe: le("2026-01-01T00:00:00Z"), modifieLe: le("2026-01-01T00:00:00Z") })
    .returning({ id: formulairesManifestation.id });
  await connexion.db.insert(contactsManifestation).values({ formulaireId: (f as { id: string }).id, candidatId: id, role: "politique", nom: "Martin", prenom: "Camille", fonction: "Maire", email });
  return `candidat:${id}`;
}

async function gouvernanceComplete(connexion: Connexion, acteur: Acteur, porteur: string, maintenant: Date) {
  const contenus: Array<[string, unknown]> = [
    ["sousPrefet", { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" }],
    ["coPorteurs", { sansCoPorteur: false, coPorteurs: [porteur] }],
    ["feuillesDeRoute", { feuilles: [{ id: "f1", nom: "Nièvre numérique", porteur, perimetre: { type: "departemental" }, contrat: { existe: false } }] }],
    ["coordination", { recruteurs: [{ cle: porteur, nom: "x" }] }],
    ["noteDeContexte", { note: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Contexte." }] }] } }],
  ];
  for (const [section, contenu] of contenus) {
    const r = await enregistrerSection({ connexion, acteur, code: "58", section, contenu, version: 0, maintenant });
    if (!r.ok) throw new Error(`${section} : ${r.erreur}`);
  }
}

const destinatairesDe = async (connexion: Connexion, emails: string[]) =>
  (await connexion.db.select({ destinataire: courriels.destinataire }).from(courriels).where(inArray(courriels.destinataire, emails))).map((c) => c.destinataire).sort();

describe("campagnes, dates limites et états de la gouvernance", () => {
  it("seule l'équipe nationale crée une campagne ; dates vérifiées ; la clôture s'applique à chaque écriture, une prolongation la repousse pour un seul département", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await personne(connexion, "administrateur");
      const prefecture58 = await personne(connexion, "prefecture-departement", "58");
      const prefecture89 = await personne(connexion, "prefecture-departement", "89");
      const maintenant = le("2026-11-29T10:00:00Z");
      expect(await creerCampagne({ connexion, acteur: prefecture58, nom: "X", ouverture: "2026-11-01", cloture: "2026-12-31", maintenant })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await creerCampagne({ connexion, acteur: admin, nom: "X", ouverture: "2026-12-31", cloture: "2026-11-01", maintenant })).toMatchObject({
        ok: false,
        erreur: "formulaireInvalide",
        details: { detail: "La clôture doit suivre l'ouverture." },
      });
      expect(await creerCampagne({ connexion, acteur: admin, nom: "", ouverture: "2026-11-01", cloture: "2026-12-31", maintenant })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      const campagne = await creerCampagne({ connexion, acteur: admin, nom: "Feuilles de route 2027", ouverture: "2026-11-01", cloture: "2026-12-31", maintenant });
      if (!campagne.ok) throw new Error(campagne.erreur);
      expect(campagne.valeur.cloture.toISOString()).toBe("2026-12-31T22:59:59.999Z");
      // Two notices scheduled for every département.
      const rappels58 = await connexion.db.select().from(taches).where(and(eq(taches.type, TYPE_RAPPEL_ECHEANCE), like(taches.cle, `%:${campagne.valeur.id}:58:%`)));
      expect(rappels58.map((t) => t.executerApres.toISOString()).sort()).toEqual(["2026-12-24T22:59:59.999Z", "2026-12-30T22:59:59.999Z"]);

      const sousPrefet = { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" };
      const apres = le("2027-01-05T10:00:00Z");
      expect(await enregistrerSection({ connexion, acteur: prefecture58, code: "58", section: "sousPrefet", contenu: sousPrefet, version: 0, maintenant: apres })).toMatchObject({
        ok: false,
        erreur: "horsDelai",
        details: { raison: "close", dateLimite: campagne.valeur.cloture },
      });
      expect(await prolongerDepartement({ connexion, acteur: prefecture58, campagne: campagne.valeur.id, code: "58", jusquau: "2027-01-15", maintenant })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await prolongerDepartement({ connexion, acteur: admin, campagne: campagne.valeur.id, code: "58", jusquau: "2027-01-15", maintenant })).toMatchObject({ ok: true });
      expect(await enregistrerSection({ connexion, acteur: prefecture58, code: "58", section: "sousPrefet", contenu: sousPrefet, version: 0, maintenant: apres })).toMatchObject({ ok: true });
      expect(await enregistrerSection({ connexion, acteur: prefecture89, code: "89", section: "sousPrefet", contenu: sousPrefet, version: 0, maintenant: apres })).toMatchObject({ ok: false, erreur: "horsDelai" });
      expect((await fenetreDeLaGouvernance(connexion.db, "58", apres)).jusquau?.toISOString()).toBe("2027-01-15T22:59:59.999Z");
    });
  });

  it("déposer : complète seulement ; membres et équipe nationale prévenus une fois ; « à compléter » rouvre jusqu'à sa date ; validée verrouille", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await personne(connexion, "administrateur");
      const prefecture = await personne(connexion, "prefecture-departement", "58");
      const maintenant = le("2026-11-29T10:00:00Z");
      const campagne = await creerCampagne({ connexion, acteur: admin, nom: "Feuilles de route 2027", ouverture: "2026-11-01", cloture: "2026-12-31", maintenant });
      if (!campagne.ok) throw new Error(campagne.erreur);
      const contact = `contact.${randomUUID()}@mairie.fr`;
      const porteur = await candidatAvecContact(connexion, "Commune porteuse", contact);
      const deposer = (quand: Date, acteur: Acteur = prefecture) => deposerGouvernance({ connexion, acteur, code: "58", maintenant: quand, adresseDuSite: SITE });

      expect(await deposer(maintenant)).toMatchObject({ ok: false, erreur: "etatIncompatible" });
      await enregistrerSection({ connexion, acteur: prefecture, code: "58", section: "sousPrefet", contenu: { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" }, version: 0, maintenant });
      expect(await deposer(maintenant)).toMatchObject({ ok: false, erreur: "gouvernanceIncomplete" });
      await connexion.db.delete(gouvernances).where(eq(gouvernances.codeDepartement, "58"));
      await gouvernanceComplete(connexion, prefecture, porteur, maintenant);
      expect(await deposer(maintenant, admin)).toMatchObject({ ok: true });
      // Told once: the member's contact and the national team.
      expect(await destinatairesDe(connexion, [contact, admin.email, prefecture.email])).toEqual([admin.email, contact].sort());
      expect(await deposer(maintenant)).toMatchObject({ ok: false, erreur: "etatIncompatible", details: { etat: "deposee" } });

      // Déposée and edited before the deadline: it stays déposée.
      const edition = await enregistrerSection({ connexion, acteur: prefecture, code: "58", section: "comitologie", contenu: { comites: [{ id: "c1", type: "technique", frequence: "mensuelle" }] }, version: 0, maintenant });
      expect(edition.ok).toBe(true);
      const lue = await ouvrirGouvernance({ db: connexion.db, acteur: prefecture, code: "58", maintenant });
      expect(lue.ok && [lue.valeur.etat, lue.valeur.peutInstruire]).toEqual(["deposee", false]);

      // The national team sends it back until 15 January, after the closing.
      expect(await instruireGouvernance({ connexion, acteur: prefecture, code: "58", decision: "validee", maintenant, adresseDuSite: SITE })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await instruireGouvernance({ connexion, acteur: admin, code: "58", decision: "aCompleter", message: "", jusquau: "2027-01-15", maintenant, adresseDuSite: SITE })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await instruireGouvernance({ connexion, acteur: admin, code: "58", decision: "aCompleter", message: "Précisez la comitologie.", jusquau: "2026-11-01", maintenant, adresseDuSite: SITE })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await instruireGouvernance({ connexion, acteur: admin, code: "58", decision: "aCompleter", message: "Précisez la comitologie.", jusquau: "2027-01-15", maintenant, adresseDuSite: SITE })).toMatchObject({ ok: true, valeur: { etat: "aCompleter" } });
      expect(await destinatairesDe(connexion, [prefecture.email])).toEqual([prefecture.email]);
      const janvier = le("2027-01-10T10:00:00Z");
      expect(await enregistrerSection({ connexion, acteur: prefecture, code: "58", section: "comitologie", contenu: { comites: [] }, version: 1, maintenant: janvier })).toMatchObject({ ok: true });
      // Submitted again: déposée, nobody told again.
      expect(await deposer(janvier)).toMatchObject({ ok: true, valeur: { notifies: 0 } });
      expect(await destinatairesDe(connexion, [contact, admin.email])).toEqual([admin.email, contact].sort());

      // Validated: locked, even before any deadline.
      expect(await instruireGouvernance({ connexion, acteur: admin, code: "58", decision: "validee", maintenant: janvier, adresseDuSite: SITE })).toMatchObject({ ok: true, valeur: { etat: "validee" } });
      expect(await enregistrerSection({ connexion, acteur: prefecture, code: "58", section: "comitologie", contenu: { comites: [] }, version: 2, maintenant: janvier })).toMatchObject({
        ok: false,
        erreur: "horsDelai",
        details: { raison: "validee" },
      });
      expect(await instruireGouvernance({ connexion, acteur: admin, code: "58", decision: "aCompleter", message: "x", jusquau: "2027-02-01", maintenant: janvier, adresseDuSite: SITE })).toMatchObject({
        ok: false,
        erreur: "etatIncompatible",
      });
    });
  });

  it("les rappels d'échéance partent aux agents d'une préfecture qui n'a pas déposé, et plus après une prolongation", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await personne(connexion, "administrateur");
      const prefecture58 = await personne(connexion, "prefecture-departement", "58");
      const prefecture21 = await personne(connexion, "prefecture-departement", "21");
      const campagne = await creerCampagne({ connexion, acteur: admin, nom: "Feuilles de route 2027", ouverture: "2026-11-01", cloture: "2026-12-31", maintenant: le("2026-11-29T10:00:00Z") });
      if (!campagne.ok) throw new Error(campagne.erreur);
      // The Côte-d'Or is given until 15 January: its 24 December notice, when it comes, says nothing.
      await prolongerDepartement({ connexion, acteur: admin, campagne: campagne.valeur.id, code: "21", jusquau: "2027-01-15", maintenant: le("2026-11-29T10:00:00Z") });
      const moment = le("2026-12-25T08:00:00Z");
      const dues = (await reclamerTaches({ db: connexion.db, maintenant: moment, limite: 1000 })).filter((t) => t.type === TYPE_RAPPEL_ECHEANCE && [":58:", ":21:"].some((c) => t.cle.includes(c)));
      expect(dues.map((t) => (t.donnees as { jours: number }).jours)).toEqual([7, 7]);
      const executer = executantRappelEcheance(SITE);
      for (const tache of dues) await executer({ db: connexion.db, tache, maintenant: moment });
      const ecrits = await connexion.db.select().from(courriels).where(inArray(courriels.destinataire, [prefecture58.email, prefecture21.email]));
      expect(ecrits.map((c) => [c.destinataire, c.sujet])).toEqual([[prefecture58.email, "Gouvernance Nièvre : plus que 7 jours pour déposer la proposition"]]);
      expect(ecrits[0]?.texte).toContain(`${SITE}/gouvernances/departements/58/gouvernance`);
    });
  });
});
