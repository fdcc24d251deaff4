import fc from "fast-check";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { candidats, contactsManifestation, courriels, formulairesManifestation } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { estPersona } from "@/domain/candidatures/personas";
import type { Acteur } from "@/domain/identite/roles";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur } from "./identite";
import { choisirIntention, commencerFormulaire, effacerFormulaire, enregistrerBrouillon, envoyerParticipation, formulaireCourant, statistiquesCandidatures } from "./manifestations";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const contact = { nom: "Martin", prenom: "Camille", fonction: "Maire", email: "camille.martin@nevers.fr" };

async function declarant(connexion: Connexion, email = "declarant@exemple.fr"): Promise<Acteur & { email: string }> {
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role: "contact", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  return { id: cree.valeur.id, role: "contact", perimetres: [], email };
}

async function participer(connexion: Connexion, acteur: Acteur & { email: string }, persona: string, brouillon: unknown) {
  const f = await commencerFormulaire({ db: connexion.db, acteur, persona, maintenant: t0 });
  if (!f.ok) throw new Error(f.erreur);
  if (f.valeur.intention !== "participer") await choisirIntention({ db: connexion.db, acteur, id: f.valeur.id, intention: "participer", maintenant: t0 });
  return envoyerParticipation({ connexion, acteur, email: acteur.email, id: f.valeur.id, brouillon, maintenant: t0 });
}

describe("formulaire « participer »", () => {
  it("une commune envoie : candidat créé, contacts gardés, accusé de réception, formulaire en lecture seule", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const acteur = await declarant(connexion);
      const f = await commencerFormulaire({ db: connexion.db, acteur, persona: "commune", maintenant: t0 });
      expect(f.ok && f.valeur.intention).toBe("participer");
      if (!f.ok) return;
      expect((await enregistrerBrouillon({ db: connexion.db, acteur, id: f.valeur.id, brouillon: { departement: "58", code: "58194" }, maintenant: t0 })).ok).toBe(true);
      const envoi = await envoyerParticipation({ connexion, acteur, email: acteur.email, id: f.valeur.id, brouillon: { departement: "58", code: "58194", contactPolitique: contact }, maintenant: t0 });
      expect(envoi.ok).toBe(true);
      const [candidat] = await connexion.db.select().from(candidats);
      expect(candidat).toMatchObject({ cle: "commune:58194", nom: "Nevers", type: "commune", departements: ["58"] });
      expect(await connexion.db.select().from(contactsManifestation)).toMatchObject([{ role: "politique", email: "camille.martin@nevers.fr" }]);
      const [accuse] = await connexion.db.select().from(courriels);
      expect(accuse?.destinataire).toBe("declarant@exemple.fr");
      expect(accuse?.texte).toContain("Collectivité : Nevers (58194)");
      expect(await enregistrerBrouillon({ db: connexion.db, acteur, id: f.valeur.id, brouillon: {}, maintenant: t0 })).toEqual({ ok: false, erreur: "formulaireEnvoye" });
      const courant = await formulaireCourant({ db: connexion.db, acteur });
      expect(courant.ok && courant.valeur?.etat).toBe("envoye");
    });
  });

  it("dit en français ce qui manque, champ par champ, et ne crée rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const acteur = await declarant(connexion);
      const envoi = await participer(connexion, acteur, "epci", { avecContactTechnique: true, contactPolitique: { ...contact, email: "pas-une-adresse" }, contactTechnique: {} });
      expect(envoi).toMatchObject({ ok: false, erreur: "formulaireIncomplet" });
      const erreurs = (envoi as { details?: { erreurs: Record<string, string> } }).details?.erreurs ?? {};
      expect(erreurs.code).toBe("Choisissez votre EPCI.");
      expect(erreurs["contactPolitique.email"]).toMatch(/adresse e-mail n'est pas valide/);
      expect(erreurs["contactTechnique.nom"]).toBe("Indiquez le nom.");
      const structure = await participer(connexion, await declarant(connexion, "s@exemple.fr"), "structure", { structure: { nom: "Association", siret: "13002526500014", departement: "58" }, contactStructure: contact });
      expect((structure as { details?: { erreurs: Record<string, string> } }).details?.erreurs).toEqual({ "structure.siret": "Ce SIRET n'est pas valide : vérifiez les 14 chiffres." });
      const inconnu = await participer(connexion, await declarant(connexion, "c@exemple.fr"), "commune", { code: "99999", contactPolitique: contact });
      expect((inconnu as { details?: { erreurs: Record<string, string> } }).details?.erreurs).toEqual({ code: "Choisissez votre commune dans la liste." });
      expect(await connexion.db.select().from(candidats)).toEqual([]);
    });
  });

  it("un candidat est une organisation : deux personnes pour le même EPCI font un seul candidat, compté dans chacun de ses départements", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      // An EPCI whose communes lie in two départements.
      const [epciACheval] = (await connexion.db.execute(
        `select ec.code_epci as code, array_agg(distinct c.code_departement order by c.code_departement) as deps
         from epci_communes ec join communes c on c.code = ec.code_commune join epci e on e.code = ec.code_epci
         where e.nature <> 'EPT' group by ec.code_epci having count(distinct c.code_departement) = 2 order by ec.code_epci limit 1`,
      ).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as Array<{ code: string; deps: string[] | string }>;
      const code = epciACheval?.code as string;
      const deps = typeof epciACheval?.deps === "string" ? epciACheval.deps.replace(/[{}]/g, "").split(",") : (epciACheval?.deps as string[]);
      for (const email of ["a@exemple.fr", "b@exemple.fr"]) {
        const envoi = await participer(connexion, await declarant(connexion, email), "epci", { code, contactPolitique: { ...contact, email } });
        expect(envoi.ok).toBe(true);
      }
      const lignes = await connexion.db.select().from(candidats);
      expect(lignes).toHaveLength(1);
      expect(lignes[0]?.departements).toEqual(deps);
      for (const d of deps) expect((await statistiquesCandidatures(connexion.db, d)).souhaitentParticiper).toEqual({ collectivites: 1, structures: 0 });
      expect((await statistiquesCandidatures(connexion.db, "2A")).souhaitentParticiper).toEqual({ collectivites: 0, structures: 0 });
      expect(await connexion.db.select().from(formulairesManifestation).where(eq(formulairesManifestation.candidatId, lignes[0]?.id as string))).toHaveLength(2);
    });
  });

  it("une structure sans SIRET est reconnue à son nom normalisé dans son département ; le répertoire remplit le nom sans jamais bloquer", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const a = await participer(connexion, await declarant(connexion, "a@exemple.fr"), "structure", { structure: { nom: "L'Association Émaüs-Connect", sansSiret: true, departement: "58" }, contactStructure: contact });
      const b = await participer(connexion, await declarant(connexion, "b@exemple.fr"), "structure", { structure: { nom: "l association emaus connect", sansSiret: true, departement: "58" }, contactStructure: contact });
      expect(a.ok && b.ok).toBe(true);
      expect(await connexion.db.select().from(candidats)).toHaveLength(1);
      const acteur = await declarant(connexion, "d@exemple.fr");
      const f = await commencerFormulaire({ db: connexion.db, acteur, persona: "structure", maintenant: t0 });
      if (!f.ok) throw new Error(f.erreur);
      const envoi = await envoyerParticipation({
        connexion,
        acteur,
        email: acteur.email,
        id: f.valeur.id,
        brouillon: { structure: { nom: "DINUM ?", siret: "130 025 265 00013", departement: "75" }, contactStructure: contact },
        maintenant: t0,
        rechercherEntreprise: async () => ({ statut: "indisponible" }),
      });
      expect(envoi.ok && envoi.valeur.contenu).toMatchObject({ nom: "DINUM ?", siret: "13002526500013", siretVerifie: false });
      // Found in the register: its name replaces the typed one; not found: kept, "non vérifié", never blocked.
      for (const [email, reponse, attendu] of [
        ["e@exemple.fr", { statut: "trouve", nom: "DIRECTION INTERMINISTERIELLE DU NUMERIQUE", siret: "13002526500013" }, { nom: "DIRECTION INTERMINISTERIELLE DU NUMERIQUE", siretVerifie: true }],
        ["f@exemple.fr", { statut: "introuvable" }, { nom: "Tiers-lieu", siretVerifie: false }],
      ] as const) {
        const qui = await declarant(connexion, email);
        const g = await commencerFormulaire({ db: connexion.db, acteur: qui, persona: "structure", maintenant: t0 });
        if (!g.ok) throw new Error(g.erreur);
        const r = await envoyerParticipation({
          connexion,
          acteur: qui,
          email,
          id: g.valeur.id,
          brouillon: { structure: { nom: "Tiers-lieu", siret: "13002526500013", departement: "75" }, contactStructure: contact },
          maintenant: t0,
          rechercherEntreprise: async () => reponse,
        });
        expect(r.ok && r.valeur.contenu).toMatchObject(attendu);
      }
      expect((await statistiquesCandidatures(connexion.db, "58")).souhaitentParticiper).toEqual({ collectivites: 0, structures: 1 });
    });
  });

  it("un formulaire réel pour une organisation de la démonstration la rend réelle : effacer la démonstration la garde", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { chargerDemonstration, effacerDemonstration } = await import("./demonstration");
      await chargerDemonstration({ connexion, maintenant: t0 });
      const [demo] = await connexion.db.select().from(candidats).where(eq(candidats.cle, "departement:58"));
      expect(demo?.demonstration).toBe(true);
      expect((await participer(connexion, await declarant(connexion), "conseil-departemental", { code: "58", contactPolitique: contact })).ok).toBe(true);
      const [reel] = await connexion.db.select().from(candidats).where(eq(candidats.cle, "departement:58"));
      expect(reel).toMatchObject({ id: demo?.id, demonstration: false });
      await effacerDemonstration({ connexion });
      const restants = await connexion.db.select().from(candidats);
      expect(restants.map((c) => c.cle)).toEqual(["departement:58"]);
      expect(await connexion.db.select().from(contactsManifestation)).toMatchObject([{ email: "camille.martin@nevers.fr" }]);
    });
  });

  it("effacer met le brouillon de côté ; changer de persona en recommence un autre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const acteur = await declarant(connexion);
      const f = await commencerFormulaire({ db: connexion.db, acteur, persona: "conseil-regional", maintenant: t0 });
      if (!f.ok) throw new Error(f.erreur);
      expect(f.valeur.intention).toBeNull();
      expect((await commencerFormulaire({ db: connexion.db, acteur, persona: "conseil-regional", maintenant: t0 })).ok && f.valeur.id).toBe(f.valeur.id);
      const autre = await commencerFormulaire({ db: connexion.db, acteur, persona: "commune", maintenant: t0 });
      expect(autre.ok && autre.valeur.id).not.toBe(f.valeur.id);
      if (!autre.ok) return;
      expect((await effacerFormulaire({ db: connexion.db, acteur, id: autre.valeur.id, maintenant: t0 })).ok).toBe(true);
      expect(await formulaireCourant({ db: connexion.db, acteur })).toEqual({ ok: true, valeur: null });
      const intrus = await declarant(connexion, "intrus@exemple.fr");
      expect(await enregistrerBrouillon({ db: connexion.db, acteur: intrus, id: f.valeur.id, brouillon: {}, maintenant: t0 })).toEqual({ ok: false, erreur: "formulaireInconnu" });
      expect(await commencerFormulaire({ db: connexion.db, acteur: null, persona: "commune", maintenant: t0 })).toEqual({ ok: false, erreur: "nonConnecte" });
    });
  });

  it("propriété : toute saisie, même hostile, est acceptée ou refusée avec un message, et ne corrompt jamais les données", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const acteur = await declarant(connexion);
      const hostile = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom("<script>alert(1)</script>", "'; drop table candidats; --", "=HYPERLINK(\"http://x\")", "\u0000", "ＡＢＣ\u202e", "58194", "13002526500013", "a".repeat(5000)),
      );
      const contactAleatoire = fc.record({ nom: hostile, prenom: hostile, fonction: hostile, email: fc.oneof(hostile, fc.emailAddress()) }, { requiredKeys: [] });
      const brouillon = fc.oneof(
        fc.record({ code: hostile, departement: hostile, contactPolitique: contactAleatoire, avecContactTechnique: fc.boolean(), contactTechnique: contactAleatoire }, { requiredKeys: [] }),
        fc.record({ structure: fc.record({ nom: hostile, siret: hostile, sansSiret: fc.boolean(), departement: hostile }, { requiredKeys: [] }), contactStructure: contactAleatoire }, { requiredKeys: [] }),
        fc.anything(),
      );
      const persona = fc.constantFrom("conseil-regional", "conseil-departemental", "epci", "commune", "structure");
      await fc.assert(
        fc.asyncProperty(persona, brouillon, async (p, b) => {
          const resultat = await participer(connexion, acteur, p, b);
          if (!resultat.ok) {
            expect(["brouillonInvalide", "formulaireIncomplet"]).toContain(resultat.erreur);
            return;
          }
          // Accepted: what is stored is what the strict schema allows.
          const contenu = resultat.valeur.contenu;
          expect(contenu?.nom.length).toBeGreaterThan(0);
        }),
        { numRuns: 200 },
      );
      // Whatever happened, every candidate has a known type and at least one département.
      for (const c of await connexion.db.select().from(candidats)) {
        expect(["region", "departement", "epci", "commune", "structure"]).toContain(c.type);
        expect(c.departements.length).toBeGreaterThan(0);
      }
    });
  }, 120_000);

  it("propriété : commencer, choisir l'intention, enregistrer et effacer refusent toute entrée hostile avec un code d'erreur connu", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const acteur = await declarant(connexion);
      const autre = await declarant(connexion, "autre@exemple.fr");
      const f = await commencerFormulaire({ db: connexion.db, acteur: autre, persona: "epci", maintenant: t0 });
      if (!f.ok) throw new Error(f.erreur);
      const etranger = f.valeur.id;
      await fc.assert(
        fc.asyncProperty(fc.anything().filter((v) => !estPersona(v)), fc.oneof(fc.uuid(), fc.string(), fc.constant(etranger)), async (entree, id) => {
          const commence = await commencerFormulaire({ db: connexion.db, acteur, persona: entree, maintenant: t0 });
          expect(commence).toEqual({ ok: false, erreur: "personaInconnue" });
          for (const r of [
            await choisirIntention({ db: connexion.db, acteur, id, intention: entree, maintenant: t0 }),
            await enregistrerBrouillon({ db: connexion.db, acteur, id, brouillon: entree, maintenant: t0 }),
            await effacerFormulaire({ db: connexion.db, acteur, id, maintenant: t0 }),
          ]) {
            // Someone else's form, or none: never found, never changed.
            expect(r).toMatchObject({ ok: false, erreur: "formulaireInconnu" });
          }
        }),
        { numRuns: 200 },
      );
      const [intact] = await connexion.db.select().from(formulairesManifestation).where(eq(formulairesManifestation.id, etranger));
      expect(intact).toMatchObject({ etat: "brouillon", persona: "epci", brouillon: {} });
    });
  }, 120_000);
});
