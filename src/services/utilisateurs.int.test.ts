import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { courriels, demandesAcces, journalAudit } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur } from "@/domain/identite/roles";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur, emettreLienDeConnexion, lireSession, utiliserLienDeConnexion } from "./identite";
import { changerEtatUtilisateur, historiqueUtilisateur, inviterUtilisateur, listerDemandesAcces, listerUtilisateurs, modifierAcces, obtenirUtilisateur } from "./utilisateurs";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const URL_DE_BASE = "https://efne.exemple.fr";

async function administrateur(connexion: Connexion): Promise<Acteur> {
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "admin@exemple.fr", role: "administrateur", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  return { id: cree.valeur.id, role: "administrateur", perimetres: [] };
}

const prefecture58: Acteur = { id: "00000000-0000-4000-8000-000000000058", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const invitation58 = { email: "Agent.58@Nievre.gouv.fr", prenom: " Camille ", nom: "Martin", role: "prefecture-departement", departements: ["58"], regions: ["27"] };

describe("invitation", () => {
  it("crée le compte avec son rôle et son périmètre, écrit l'invitation et l'audit (qui, quand, après)", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const resultat = await inviterUtilisateur({ connexion, acteur: admin, donnees: invitation58, maintenant: plus(1), urlDeBase: URL_DE_BASE });
      expect(resultat.ok).toBe(true);
      if (!resultat.ok) return;
      // The régions ticked beside a département role are ignored: the scope follows the role.
      expect(resultat.valeur).toMatchObject({ email: "agent.58@nievre.gouv.fr", prenom: "Camille", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] });
      const [message] = await connexion.db.select().from(courriels).where(eq(courriels.destinataire, "agent.58@nievre.gouv.fr"));
      expect(message?.sujet).toBe("Vous êtes invité(e) sur l'Espace France Numérique Ensemble");
      expect(message?.texte).toContain("https://efne.exemple.fr/connexion");
      // No login link in an invitation: it may be read late, and forwarded.
      expect(message?.texte).not.toContain("jeton=");
      const [audit] = await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, `utilisateur:${resultat.valeur.id}`));
      expect(audit).toMatchObject({ acteur: admin.id, action: "utilisateur.creer", le: plus(1), avant: null, apres: { role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] } });
    });
  });

  it("est refusée aux personnes non connectées et aux préfectures, sans rien écrire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      expect(await inviterUtilisateur({ connexion, acteur: null, donnees: invitation58, maintenant: t0, urlDeBase: URL_DE_BASE })).toEqual({ ok: false, erreur: "nonConnecte" });
      expect(await inviterUtilisateur({ connexion, acteur: prefecture58, donnees: invitation58, maintenant: t0, urlDeBase: URL_DE_BASE })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await connexion.db.select().from(courriels)).toEqual([]);
      expect(await connexion.db.select().from(journalAudit)).toEqual([]);
    });
  });

  it("valide chaque champ sur le serveur : rôle de contact, périmètre absent, territoire inconnu, adresse invalide ou déjà prise", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const inviter = (donnees: unknown) => inviterUtilisateur({ connexion, acteur: admin, donnees, maintenant: t0, urlDeBase: URL_DE_BASE });
      expect(await inviter({ ...invitation58, role: "contact" })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await inviter({ ...invitation58, role: "superadmin" })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await inviter({ ...invitation58, departements: [] })).toMatchObject({ ok: false, erreur: "perimetresInvalides" });
      expect(await inviter({ ...invitation58, departements: ["99"] })).toMatchObject({ ok: false, erreur: "territoireInconnu" });
      expect(await inviter({ ...invitation58, email: "pas une adresse" })).toMatchObject({ ok: false, erreur: "emailInvalide" });
      expect(await inviter({ ...invitation58, nom: "x".repeat(101) })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await inviter("<script>")).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect((await inviter(invitation58)).ok).toBe(true);
      expect(await inviter({ ...invitation58, email: "AGENT.58@nievre.gouv.fr" })).toMatchObject({ ok: false, erreur: "utilisateurExistant" });
    });
  });
});

describe("changement d'accès et désactivation", () => {
  it("change le rôle et le périmètre, et l'audit garde l'avant et l'après", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const invite = await inviterUtilisateur({ connexion, acteur: admin, donnees: invitation58, maintenant: t0, urlDeBase: URL_DE_BASE });
      if (!invite.ok) throw new Error(invite.erreur);
      const id = invite.valeur.id;
      const change = await modifierAcces({ connexion, acteur: admin, id, donnees: { role: "prefecture-departement", departements: ["89", "58", "21"] }, maintenant: plus(5) });
      expect(change.ok && change.valeur.perimetres.map((p) => p.code)).toEqual(["21", "58", "89"]);
      const region = await modifierAcces({ connexion, acteur: admin, id, donnees: { role: "prefecture-region", regions: ["27"] }, maintenant: plus(6) });
      expect(region.ok && region.valeur).toMatchObject({ role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] });
      // The same access again changes nothing and writes nothing.
      await modifierAcces({ connexion, acteur: admin, id, donnees: { role: "prefecture-region", regions: ["27"] }, maintenant: plus(7) });
      const historique = await historiqueUtilisateur({ db: connexion.db, acteur: admin, id });
      expect(historique.ok && historique.valeur.map((h) => [h.action, h.auteur])).toEqual([
        ["utilisateur.modifierAcces", "admin@exemple.fr"],
        ["utilisateur.modifierAcces", "admin@exemple.fr"],
        ["utilisateur.creer", "admin@exemple.fr"],
      ]);
      expect(historique.ok && historique.valeur[0]).toMatchObject({
        le: plus(6),
        avant: { role: "prefecture-departement", perimetres: [{ code: "21" }, { code: "58" }, { code: "89" }] },
        apres: { role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] },
      });
      expect(await modifierAcces({ connexion, acteur: prefecture58, id, donnees: { role: "administrateur" }, maintenant: t0 })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await modifierAcces({ connexion, acteur: admin, id: "pas-un-id", donnees: { role: "administrateur" }, maintenant: t0 })).toEqual({ ok: false, erreur: "utilisateurInconnu" });
    });
  });

  it("un administrateur ne peut ni changer son propre rôle ni se désactiver", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      expect(await modifierAcces({ connexion, acteur: admin, id: admin.id, donnees: { role: "prefecture-region", regions: ["27"] }, maintenant: t0 })).toEqual({ ok: false, erreur: "modificationDeSoiMeme" });
      expect(await changerEtatUtilisateur({ connexion, acteur: admin, id: admin.id, actif: false, maintenant: t0 })).toEqual({ ok: false, erreur: "modificationDeSoiMeme" });
    });
  });

  it("désactiver ferme les sessions ouvertes et empêche de se reconnecter ; réactiver le permet de nouveau", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const invite = await inviterUtilisateur({ connexion, acteur: admin, donnees: invitation58, maintenant: t0, urlDeBase: URL_DE_BASE });
      if (!invite.ok) throw new Error(invite.erreur);
      const id = invite.valeur.id;
      const lien = await emettreLienDeConnexion({ db: connexion.db, email: "agent.58@nievre.gouv.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      const ouverte = await utiliserLienDeConnexion({ connexion, jeton: new URL(lien?.lien ?? "").searchParams.get("jeton") ?? "", maintenant: t0 });
      if (!ouverte.ok) throw new Error(ouverte.erreur);
      expect(await lireSession({ db: connexion.db, session: ouverte.valeur.session, maintenant: plus(1) })).not.toBeNull();

      expect((await changerEtatUtilisateur({ connexion, acteur: admin, id, actif: false, maintenant: plus(2) })).ok).toBe(true);
      expect(await lireSession({ db: connexion.db, session: ouverte.valeur.session, maintenant: plus(3) })).toBeNull();
      expect(await emettreLienDeConnexion({ db: connexion.db, email: "agent.58@nievre.gouv.fr", maintenant: plus(3), urlDeBase: URL_DE_BASE })).toBeNull();
      const fiche = await obtenirUtilisateur({ db: connexion.db, acteur: admin, id });
      expect(fiche.ok && fiche.valeur.actif).toBe(false);

      expect((await changerEtatUtilisateur({ connexion, acteur: admin, id, actif: true, maintenant: plus(4) })).ok).toBe(true);
      expect(await emettreLienDeConnexion({ db: connexion.db, email: "agent.58@nievre.gouv.fr", maintenant: plus(5), urlDeBase: URL_DE_BASE })).not.toBeNull();
      const historique = await historiqueUtilisateur({ db: connexion.db, acteur: admin, id });
      expect(historique.ok && historique.valeur.slice(0, 2).map((h) => [h.action, h.avant, h.apres])).toEqual([
        ["utilisateur.reactiver", { actif: false }, { actif: true }],
        ["utilisateur.desactiver", { actif: true }, { actif: false }],
      ]);
    });
  });
});

describe("liste des utilisateurs", () => {
  it("cherche dans les adresses et les noms (sans joker SQL), filtre par rôle, et pagine", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      for (let i = 0; i < 55; i += 1) {
        await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: `agent${i}@prefecture.fr`, role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], nom: i === 7 ? "Dupont_Martin" : undefined, maintenant: plus(i) });
      }
      const lister = (params: { recherche?: string; role?: string; page?: number }) => listerUtilisateurs({ db: connexion.db, acteur: admin, ...params });
      const tous = await lister({});
      expect(tous.ok && [tous.valeur.total, tous.valeur.pages, tous.valeur.utilisateurs.length]).toEqual([56, 2, 50]);
      const seconde = await lister({ page: 2 });
      expect(seconde.ok && seconde.valeur.utilisateurs.length).toBe(6);
      const horsLimites = await lister({ page: 99 });
      expect(horsLimites.ok && horsLimites.valeur.page).toBe(2);
      const parNom = await lister({ recherche: "dupont_" });
      expect(parNom.ok && parNom.valeur.utilisateurs.map((u) => u.email)).toEqual(["agent7@prefecture.fr"]);
      const joker = await lister({ recherche: "%" });
      expect(joker.ok && joker.valeur.total).toBe(0);
      const admins = await lister({ role: "administrateur" });
      expect(admins.ok && admins.valeur.utilisateurs.map((u) => u.email)).toEqual(["admin@exemple.fr"]);
      const premier = await lister({ recherche: "agent54@" });
      expect(premier.ok && premier.valeur.utilisateurs[0]?.perimetres).toEqual([{ type: "departement", code: "58" }]);
      expect(await listerUtilisateurs({ db: connexion.db, acteur: prefecture58 })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await listerUtilisateurs({ db: connexion.db, acteur: null })).toEqual({ ok: false, erreur: "nonConnecte" });
    });
  });

  it("les demandes d'accès en attente disparaissent quand l'administrateur invite la personne", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      await connexion.db.insert(demandesAcces).values({ empreinte: "e1", sub: "s1", email: "agent.58@nievre.gouv.fr", creeLe: t0, expireLe: plus(60), demandeeLe: plus(1) });
      await connexion.db.insert(demandesAcces).values({ empreinte: "e2", sub: "s2", email: "pas-encore@exemple.fr", creeLe: t0, expireLe: plus(60) });
      const avant = await listerDemandesAcces({ db: connexion.db, acteur: admin });
      expect(avant.ok && avant.valeur.map((d) => d.email)).toEqual(["agent.58@nievre.gouv.fr"]);
      expect(await listerDemandesAcces({ db: connexion.db, acteur: prefecture58 })).toEqual({ ok: false, erreur: "nonAutorise" });
      await inviterUtilisateur({ connexion, acteur: admin, donnees: invitation58, maintenant: plus(2), urlDeBase: URL_DE_BASE });
      const apres = await listerDemandesAcces({ db: connexion.db, acteur: admin });
      expect(apres.ok && apres.valeur).toEqual([]);
    });
  });
});
