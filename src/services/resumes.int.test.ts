import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { courriels, taches, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur } from "@/domain/identite/roles";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur } from "./identite";
import { choisirIntention, commencerFormulaire, enregistrerBrouillon, envoyerParticipation } from "./manifestations";
import { enregistrerStructure, envoyerFeuilleDeRoute, modifierPerimetre, terminerEtape, territoireDuPorteur } from "./porter";
import { assurerResumePlanifie, changerAbonnementResumes, ecrireResumes, lireAbonnementResumes, executantsDeLApplication, prochainResume, TYPE_RESUME_CANDIDATURES } from "./resumes";
import { executerTachesDues, planifier } from "./taches";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const heures = (h: number) => new Date(t0.getTime() + h * 3600_000);
const contact = { nom: "Martin", prenom: "Camille", fonction: "Maire", email: "maire@exemple.fr" };
const URL_DE_BASE = "https://efne.exemple.fr";

async function agent(connexion: Connexion, email: string, departements: string[]) {
  const r = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role: "prefecture-departement", perimetres: departements.map((code) => ({ type: "departement", code })), maintenant: t0 });
  if (!r.ok) throw new Error(r.erreur);
  return r.valeur;
}

async function participer(connexion: Connexion, email: string, persona: string, brouillon: unknown, le: Date) {
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role: "contact", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  const acteur: Acteur = { id: cree.valeur.id, role: "contact", perimetres: [] };
  const f = await commencerFormulaire({ db: connexion.db, acteur, persona, maintenant: le });
  if (!f.ok) throw new Error(f.erreur);
  if (f.valeur.intention === null) await choisirIntention({ db: connexion.db, acteur, id: f.valeur.id, intention: "participer", maintenant: le });
  const r = await envoyerParticipation({ connexion, acteur, email, id: f.valeur.id, brouillon, maintenant: le });
  if (!r.ok) throw new Error(r.erreur);
}

/** An EPCI porteur whose communes lie in two départements, naming one commune of each and a structure. */
async function porterUnEpciACheval(connexion: Connexion, le: Date) {
  const { db } = connexion;
  const r = await db.execute(
    `select ec.code_epci as code from epci_communes ec join communes c on c.code = ec.code_commune join epci e on e.code = ec.code_epci
     where e.nature <> 'EPT' group by ec.code_epci having count(distinct c.code_departement) = 2 order by ec.code_epci limit 1`,
  );
  const code = ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ code: string }>)[0]?.code as string;
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "porteur@epci.fr", role: "contact", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  const acteur: Acteur = { id: cree.valeur.id, role: "contact", perimetres: [] };
  const f = await commencerFormulaire({ db, acteur, persona: "epci", maintenant: le });
  if (!f.ok) throw new Error(f.erreur);
  const id = f.valeur.id;
  await choisirIntention({ db, acteur, id, intention: "porter", maintenant: le });
  await enregistrerBrouillon({ db, acteur, id, brouillon: { code, contactPolitique: contact }, maintenant: le });
  await terminerEtape({ db, acteur, id, etape: "informations", maintenant: le });
  const territoire = await territoireDuPorteur(db, "epci", code);
  const communes = (territoire?.groupes ?? []).map((g) => ({ departement: g.departement.code, commune: g.epci.find((e) => e.code === code)?.communes[0] }));
  await modifierPerimetre({ db, acteur, id, modification: { ajouter: communes.map((c) => `commune:${c.commune?.[0]}`), retirer: [] }, maintenant: le });
  await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: le });
  await terminerEtape({ db, acteur, id, etape: "contacts", contactsPlusTard: true, maintenant: le });
  await enregistrerStructure({ db, acteur, id, structure: { nom: "Espace public numérique (essai)", contact }, maintenant: le });
  await terminerEtape({ db, acteur, id, etape: "structures", maintenant: le });
  const envoi = await envoyerFeuilleDeRoute({ connexion, acteur, email: "porteur@epci.fr", id, maintenant: le });
  if (!envoi.ok) throw new Error(envoi.erreur);
  return { nom: envoi.valeur.contenu?.nom as string, communes: communes.map((c) => ({ departement: c.departement, nom: c.commune?.[1] as string })) };
}

describe("résumé quotidien des candidatures aux préfectures", () => {
  it("un EPCI porteur à cheval sur deux départements arrive une fois chez chaque préfecture, avec les partenaires suggérés de son département", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.delete(taches);
      await assurerResumePlanifie(connexion.db, t0);
      const porteur = await porterUnEpciACheval(connexion, heures(1));
      const [c1, c2] = porteur.communes;
      await agent(connexion, "agent.1@prefecture.gouv.fr", [c1?.departement as string]);
      await agent(connexion, "agent.2@prefecture.gouv.fr", [c2?.departement as string]);
      const executants = executantsDeLApplication(URL_DE_BASE);
      const echeance = prochainResume(t0);
      expect(await executerTachesDues({ connexion, executants, maintenant: echeance })).toEqual({ faites: 1, echouees: 0 });
      expect(await executerTachesDues({ connexion, executants, maintenant: heures(30) })).toEqual({ faites: 0, echouees: 0 });
      for (const [email, ici, ailleurs] of [
        ["agent.1@prefecture.gouv.fr", c1, c2],
        ["agent.2@prefecture.gouv.fr", c2, c1],
      ] as const) {
        const recus = await connexion.db.select().from(courriels).where(eq(courriels.destinataire, email));
        expect(recus).toHaveLength(1);
        const texte = recus[0]?.texte ?? "";
        expect(texte).toContain(`- ${porteur.nom} — Porter une feuille de route territoriale`);
        // Its own commune and the structure (counted where the porteur counts), not the other département's commune.
        expect(texte).toContain(`Partenaires suggérés (2) : ${ici?.nom}, Espace public numérique (essai)`);
        if (ailleurs?.nom !== ici?.nom) expect(texte).not.toContain(`${ailleurs?.nom},`);
      }
    });
  });

  it("chaque agent reçoit une fois les nouvelles candidatures de ses départements, et rien quand il n'y a rien ou s'il s'est désabonné", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await agent(connexion, "agent.58@nievre.gouv.fr", ["58"]);
      await agent(connexion, "agent.89@yonne.gouv.fr", ["89"]);
      await agent(connexion, "agent.21@cote-dor.gouv.fr", ["21"]);
      const desabonne = await agent(connexion, "desabonne.58@nievre.gouv.fr", ["58"]);
      await connexion.db.update(utilisateurs).set({ recevoirResumes: false }).where(eq(utilisateurs.id, desabonne.id));
      await participer(connexion, "a@exemple.fr", "commune", { code: "58194", contactPolitique: contact }, heures(1));
      await participer(connexion, "b@exemple.fr", "conseil-regional", { code: "27", contactPolitique: contact }, heures(2));
      // Before the period: not announced.
      await participer(connexion, "c@exemple.fr", "commune", { code: "89024", contactPolitique: contact }, heures(-30));

      expect(await ecrireResumes({ db: connexion.db, depuis: t0, jusqua: heures(24), urlDeBase: URL_DE_BASE })).toBe(3);
      const messages = await connexion.db.select().from(courriels).where(inArray(courriels.destinataire, ["agent.58@nievre.gouv.fr", "agent.89@yonne.gouv.fr", "agent.21@cote-dor.gouv.fr", "desabonne.58@nievre.gouv.fr"]));
      const de = (email: string) => messages.find((m) => m.destinataire === email)?.texte ?? "";
      expect(de("agent.58@nievre.gouv.fr")).toContain("2 nouvelles candidatures");
      expect(de("agent.58@nievre.gouv.fr")).toContain("- Nevers — Participer");
      expect(de("agent.58@nievre.gouv.fr")).toContain("https://efne.exemple.fr/gouvernances/departements/58");
      expect(de("agent.89@yonne.gouv.fr")).toContain("une nouvelle candidature est arrivée");
      expect(de("agent.89@yonne.gouv.fr")).not.toContain("Auxerre");
      expect(de("desabonne.58@nievre.gouv.fr")).toBe("");
      expect(await ecrireResumes({ db: connexion.db, depuis: heures(24), jusqua: heures(48), urlDeBase: URL_DE_BASE })).toBe(0);
    });
  });

  it("la tâche écrit son résumé puis planifie le suivant à partir de là où elle s'arrête ; une tâche n'est prise qu'une fois", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.delete(taches);
      await agent(connexion, "agent.58@nievre.gouv.fr", ["58"]);
      await assurerResumePlanifie(connexion.db, t0);
      await assurerResumePlanifie(connexion.db, t0);
      const [premiere] = await connexion.db.select().from(taches);
      expect(premiere).toMatchObject({ type: TYPE_RESUME_CANDIDATURES, etat: "a_faire", executerApres: prochainResume(t0) });
      expect(await connexion.db.select().from(taches)).toHaveLength(1);
      await participer(connexion, "a@exemple.fr", "commune", { code: "58194", contactPolitique: contact }, heures(1));
      const executants = executantsDeLApplication(URL_DE_BASE);
      // Not due yet.
      expect(await executerTachesDues({ connexion, executants, maintenant: heures(2) })).toEqual({ faites: 0, echouees: 0 });
      const echeance = prochainResume(t0);
      expect(await executerTachesDues({ connexion, executants, maintenant: echeance })).toEqual({ faites: 1, echouees: 0 });
      expect(await executerTachesDues({ connexion, executants, maintenant: echeance })).toEqual({ faites: 0, echouees: 0 });
      expect(await connexion.db.select().from(courriels).where(eq(courriels.destinataire, "agent.58@nievre.gouv.fr"))).toHaveLength(1);
      const suivantes = await connexion.db.select().from(taches).where(eq(taches.etat, "a_faire"));
      expect(suivantes).toMatchObject([{ executerApres: prochainResume(echeance), donnees: { depuis: echeance.toISOString() } }]);
    });
  });

  it("une tâche en échec est reprise, puis abandonnée après 5 tentatives ; un type inconnu ne bloque pas les autres", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await connexion.db.delete(taches);
      await planifier({ db: connexion.db, type: "inconnu", cle: "inconnu:1", executerApres: t0 });
      let tentatives = 0;
      await planifier({ db: connexion.db, type: "casse", cle: "casse:1", executerApres: t0 });
      const casse = async () => {
        tentatives += 1;
        throw new Error("boum");
      };
      for (let i = 0; i < 7; i += 1) await executerTachesDues({ connexion, executants: { casse }, maintenant: heures(i) });
      const lignes = await connexion.db.select().from(taches);
      expect(lignes.find((t) => t.cle === "casse:1")).toMatchObject({ etat: "echec", tentatives: 5, erreur: "boum" });
      expect(lignes.find((t) => t.cle === "inconnu:1")).toMatchObject({ etat: "echec", erreur: "type de tâche inconnu : inconnu" });
      expect(tentatives).toBe(5);
    });
  });
});

describe("abonnement au résumé", () => {
  it("seul un agent de préfecture de département s'abonne ou se désabonne, pour lui-même", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const a = await agent(connexion, "agent.58@nievre.gouv.fr", ["58"]);
      const acteur: Acteur = { id: a.id, role: "prefecture-departement", perimetres: a.perimetres };
      expect(await lireAbonnementResumes(connexion.db, acteur)).toBe(true);
      expect(await changerAbonnementResumes({ db: connexion.db, acteur, recevoir: false })).toEqual({ ok: true, valeur: undefined });
      expect(await lireAbonnementResumes(connexion.db, acteur)).toBe(false);
      const region: Acteur = { id: a.id, role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] };
      expect(await lireAbonnementResumes(connexion.db, region)).toBeNull();
      expect(await changerAbonnementResumes({ db: connexion.db, acteur: region, recevoir: true })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await changerAbonnementResumes({ db: connexion.db, acteur: null, recevoir: true })).toEqual({ ok: false, erreur: "nonConnecte" });
    });
  });
});
