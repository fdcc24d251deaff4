import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { campagnes, candidats, formulairesManifestation, historiqueGouvernance, journalAudit, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur } from "@/domain/identite/roles";
import { candidatsDeLaGouvernance, enregistrerSection, historiqueDeSection, ouvrirGouvernance, referentielPerimetre } from "./gouvernance";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T10:00:00Z");
const PREFECTURE_58: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const PREFECTURE_89: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "89" }] };
const REGION_27: Acteur = { id: randomUUID(), role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] };
const NIEVRE = "collectivite:departement:58";

/** A candidate; with `formulaire`, one sent form of that intention (the préfecture chooses among those). */
async function candidat(connexion: Connexion, nom: string, type: string, departementsDuCandidat: string[], formulaire: "participer" | "porter" | null = "participer") {
  const [c] = await connexion.db
    .insert(candidats)
    .values({ cle: `test:${randomUUID()}`, type, nom, departements: departementsDuCandidat, creeLe: maintenant, modifieLe: maintenant })
    .returning({ id: candidats.id });
  const id = (c as { id: string }).id;
  if (formulaire) {
    const [personne] = await connexion.db.insert(utilisateurs).values({ email: `test.${randomUUID()}@exemple.fr`, role: "aucun", creeLe: maintenant }).returning({ id: utilisateurs.id });
    await connexion.db.insert(formulairesManifestation).values({ utilisateurId: (personne as { id: string }).id, persona: "commune", intention: formulaire, etat: "envoye", candidatId: id, creeLe: maintenant, modifieLe: maintenant });
  }
  return `candidat:${id}`;
}

const enregistrer = (connexion: Connexion, section: string, contenu: unknown, version: number, acteur: Acteur = PREFECTURE_58) =>
  enregistrerSection({ connexion, acteur, code: "58", section, contenu, version, maintenant });

describe("gouvernance d'un département, section par section", () => {
  it("seule la préfecture du département écrit ; la préfecture de région lit ; personne d'autre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const sousPrefet = { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" };
      expect(await enregistrerSection({ connexion, acteur: null, code: "58", section: "sousPrefet", contenu: sousPrefet, version: 0, maintenant })).toMatchObject({ ok: false, erreur: "nonConnecte" });
      expect(await enregistrer(connexion, "sousPrefet", sousPrefet, 0, PREFECTURE_89)).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await enregistrer(connexion, "sousPrefet", sousPrefet, 0, REGION_27)).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrirGouvernance({ db: connexion.db, acteur: PREFECTURE_89, code: "58" })).toMatchObject({ ok: false, erreur: "nonAutorise" });
      const lue = await ouvrirGouvernance({ db: connexion.db, acteur: REGION_27, code: "58" });
      expect(lue.ok && lue.valeur).toMatchObject({ etat: "aucune", peutModifier: false });
      expect(await enregistrer(connexion, "inconnue", {}, 0)).toMatchObject({ ok: false, erreur: "sectionInconnue" });
      // A campaign closed yesterday: refused.
      await connexion.db.insert(campagnes).values({ nom: "Close", ouverture: new Date("2026-10-01T00:00:00Z"), cloture: new Date("2026-11-28T23:00:00Z"), creeLe: maintenant });
      expect(await enregistrerSection({ connexion, acteur: PREFECTURE_58, code: "58", section: "sousPrefet", contenu: sousPrefet, version: 0, maintenant })).toMatchObject({ ok: false, erreur: "horsDelai", details: { raison: "close" } });
    });
  });

  it("une section invalide n'écrit rien et dit chaque champ ; une section valide crée la gouvernance, son historique et l'audit", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const invalide = await enregistrer(connexion, "sousPrefet", { prenom: "", nom: "Dupont", email: "x" }, 0);
      expect(invalide).toMatchObject({ ok: false, erreur: "formulaireInvalide", details: { champs: { prenom: "Veuillez renseigner le prénom du sous-préfet référent.", email: "Veuillez renseigner un email valide." } } });
      expect((await ouvrirGouvernance({ db: connexion.db, acteur: PREFECTURE_58, code: "58" })).ok && (await connexion.db.select().from(historiqueGouvernance)).length).toBe(0);

      const r = await enregistrer(connexion, "sousPrefet", { prenom: "Claire", nom: "Dupont", email: "Claire.Dupont@nievre.gouv.fr" }, 0);
      expect(r).toMatchObject({ ok: true, valeur: { version: 1 } });
      const g = await ouvrirGouvernance({ db: connexion.db, acteur: PREFECTURE_58, code: "58" });
      if (!g.ok) throw new Error(g.erreur);
      expect(g.valeur.etat).toBe("brouillon");
      expect(g.valeur.sections.sousPrefet).toMatchObject({ version: 1, contenu: { email: "claire.dupont@nievre.gouv.fr" } });
      expect(g.valeur.verification.sections.sousPrefet.complete).toBe(true);
      expect(g.valeur.verification.sections.membres.erreurs).toEqual(["Veuillez renseigner les membres de la gouvernance."]);
      const audit = await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, "gouvernance:58:sousPrefet"));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ acteur: PREFECTURE_58.id, avant: null });
    });
  });

  it("deux agents sur la même section : le second est refusé avec le contenu actuel, rien n'est écrasé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const premier = { prenom: "Claire", nom: "Dupont", email: "claire@nievre.gouv.fr" };
      expect(await enregistrer(connexion, "sousPrefet", premier, 0)).toMatchObject({ ok: true });
      const second = await enregistrer(connexion, "sousPrefet", { ...premier, prenom: "Paul" }, 0);
      expect(second).toMatchObject({ ok: false, erreur: "conflit", details: { versionActuelle: 1, contenuActuel: premier } });
      expect(await enregistrer(connexion, "sousPrefet", { ...premier, prenom: "Paul" }, 1)).toMatchObject({ ok: true, valeur: { version: 2 } });
      const h = await historiqueDeSection({ db: connexion.db, acteur: REGION_27, code: "58", section: "sousPrefet" });
      expect(h.ok && h.valeur.map((l) => [l.version, (l.avant as { prenom?: string } | null)?.prenom ?? null, (l.apres as { prenom: string }).prenom])).toEqual([
        [2, "Claire", "Paul"],
        [1, null, "Claire"],
      ]);
    });
  });

  it("membres : les noms viennent de la base ; un candidat d'un autre département est refusé ; un co-porteur candidat devient membre ; un membre qui tient un rôle ne peut pas être retiré", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const achun = await candidat(connexion, "Commune d'Achun", "commune", ["58"]);
      const auxerre = await candidat(connexion, "Commune d'Auxerre", "commune", ["89"]);
      const refuse = await enregistrer(connexion, "membres", { membres: [{ cle: auxerre, nom: "x", type: "commune" }] }, 0);
      expect(refuse).toMatchObject({ ok: false, erreur: "membreInconnu", details: { inconnus: [auxerre] } });
      const r = await enregistrer(connexion, "membres", { membres: [{ cle: NIEVRE, nom: "Nom inventé", type: "structure" }] }, 0);
      expect(r.ok).toBe(true);
      const co = await enregistrer(connexion, "coPorteurs", { sansCoPorteur: false, coPorteurs: [achun] }, 0);
      expect(co.ok).toBe(true);
      const g = await ouvrirGouvernance({ db: connexion.db, acteur: PREFECTURE_58, code: "58" });
      if (!g.ok) throw new Error(g.erreur);
      expect(g.valeur.sections.membres.version).toBe(2);
      expect(g.valeur.sections.membres.contenu?.membres).toEqual([
        { cle: NIEVRE, nom: "Nièvre", type: "departement", origine: "prefecture" },
        { cle: achun, nom: "Commune d'Achun", type: "commune", origine: "candidat" },
      ]);
      const retrait = await enregistrer(connexion, "membres", { membres: [{ cle: NIEVRE, nom: "Nièvre", type: "departement" }] }, 2);
      expect(retrait).toMatchObject({ ok: false, erreur: "membresProteges", details: { membres: [{ cle: achun, nom: "Commune d'Achun", role: "co-porteur de la gouvernance" }] } });
      // A candidate without a sent form is not offered, and refused.
      const sansFormulaire = await candidat(connexion, "Commune sans formulaire", "commune", ["58"], null);
      expect(await enregistrer(connexion, "membres", { membres: [{ cle: NIEVRE, nom: "Nièvre", type: "departement" }, { cle: achun, nom: "x", type: "commune" }, { cle: sansFormulaire, nom: "x", type: "commune" }] }, 2)).toMatchObject({
        ok: false,
        erreur: "membreInconnu",
        details: { inconnus: [sansFormulaire] },
      });
      // The same content again: nothing written, the version stays.
      const memes = await enregistrer(connexion, "membres", { membres: [{ cle: NIEVRE, nom: "Nièvre", type: "departement" }, { cle: achun, nom: "x", type: "commune" }] }, 2);
      expect(memes).toMatchObject({ ok: true, valeur: { version: 2 } });
      // Coordination: a member recruits under its own name; a collectivité that is not a member is refused; a SIRET keeps the name typed.
      const coordination = await enregistrer(connexion, "coordination", { recruteurs: [{ cle: achun, nom: "Nom inventé" }, { cle: "siret:13002526500013", nom: "Association Numérique" }] }, 0);
      expect(coordination.ok).toBe(true);
      const lue = await ouvrirGouvernance({ db: connexion.db, acteur: PREFECTURE_58, code: "58" });
      expect(lue.ok && lue.valeur.sections.coordination.contenu?.recruteurs).toEqual([
        { cle: achun, nom: "Commune d'Achun" },
        { cle: "siret:13002526500013", nom: "Association Numérique", siret: "13002526500013" },
      ]);
      expect(await enregistrer(connexion, "coordination", { recruteurs: [{ cle: "collectivite:commune:58194", nom: "Nevers" }] }, 1)).toMatchObject({
        ok: false,
        erreur: "membreInconnu",
        details: { inconnus: ["collectivite:commune:58194"] },
      });
    });
  });

  it("feuilles de route : les périmètres passent par le moteur, sur les communes et EPCI réels de la Nièvre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const referentiel = await referentielPerimetre(connexion.db, "58");
      expect(referentiel.communes.length).toBeGreaterThan(300);
      const [premier, ...autres] = referentiel.epci;
      if (!premier) throw new Error("aucun EPCI");
      await enregistrer(connexion, "coPorteurs", { sansCoPorteur: true, coPorteurs: [] }, 0);
      const feuille = (id: string, perimetre: unknown) => ({ id, nom: `Feuille ${id}`, porteur: null, perimetre, contrat: { existe: false } });
      const partielle = await enregistrer(connexion, "feuillesDeRoute", { feuilles: [feuille("a", { type: "epci", epci: [premier.code] })] }, 0);
      if (!partielle.ok) throw new Error(partielle.erreur);
      expect(partielle.valeur.verification.scenario).toBe(3);
      expect(partielle.valeur.verification.erreursPerimetres.map((e) => e.code)).toEqual(["communesNonCouvertes"]);
      // Two feuilles de route on the same EPCI: refused, the communes named, nothing written.
      const chevauchement = await enregistrer(connexion, "feuillesDeRoute", { feuilles: [feuille("a", { type: "epci", epci: [premier.code] }), feuille("b", { type: "epci", epci: [premier.code] })] }, 1);
      expect(chevauchement).toMatchObject({ ok: false, erreur: "perimetresIncompatibles" });
      const messages = !chevauchement.ok ? (chevauchement.details as { messages: string[] }).messages : [];
      const nomCommune = referentiel.communes.find((c) => c.code === premier.communes[0])?.nom ?? "";
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(nomCommune);
      const complete = await enregistrer(connexion, "feuillesDeRoute", { feuilles: [feuille("a", { type: "epci", epci: [premier.code] }), feuille("b", { type: "epci", epci: autres.map((e) => e.code) })] }, 1);
      if (!complete.ok) throw new Error(complete.erreur);
      expect(complete.valeur.verification.sections.feuillesDeRoute).toEqual({ complete: true, erreurs: [] });
    });
  });

  it("les candidats à choisir : ceux du département avec un formulaire envoyé, les porteurs d'abord ; un candidat sans formulaire envoyé ne compte pas", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const zeta = await candidat(connexion, "Zeta commune", "commune", ["58"]);
      const alpha = await candidat(connexion, "Alpha association", "structure", ["58"]);
      const porteur = await candidat(connexion, "Porteur EPCI", "epci", ["58", "89"], "porter");
      const brouillon = await candidat(connexion, "Brouillon seulement", "commune", ["58"], null);
      const ailleurs = await candidat(connexion, "Commune de l'Yonne", "commune", ["89"], "porter");
      const lus = await candidatsDeLaGouvernance({ db: connexion.db, acteur: PREFECTURE_58, code: "58" });
      if (!lus.ok) throw new Error(lus.erreur);
      const miens = lus.valeur.filter((c) => [zeta, alpha, porteur, brouillon, ailleurs].includes(c.cle));
      expect(miens.map((c) => [c.nom, c.intention])).toEqual([
        ["Porteur EPCI", "porter"],
        ["Alpha association", "participer"],
        ["Zeta commune", "participer"],
      ]);
      expect(await candidatsDeLaGouvernance({ db: connexion.db, acteur: PREFECTURE_89, code: "58" })).toMatchObject({ ok: false, erreur: "nonAutorise" });
    });
  });


});
