import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { courriels, journalAudit, jetonsConnexion } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import {
  ACTEUR_LIGNE_DE_COMMANDE,
  creerUtilisateur,
  demanderLienDeConnexion,
  emettreLienDeConnexion,
  fermerSession,
  fermerToutesLesSessions,
  lireSession,
  utiliserLienDeConnexion,
} from "./identite";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const URL_DE_BASE = "http://localhost:3000";
const jetonDe = (lien: string) => new URL(lien).searchParams.get("jeton") as string;

describe("comptes", () => {
  it("crée une préfecture de département sur un département existant, et l'écrit au journal d'audit", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const resultat = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: " Agent.Nievre@Nievre.Gouv.fr ", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], maintenant: t0 });
      expect(resultat.ok).toBe(true);
      if (!resultat.ok) return;
      expect(resultat.valeur).toMatchObject({ email: "agent.nievre@nievre.gouv.fr", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] });
      const [audit] = await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, `utilisateur:${resultat.valeur.id}`));
      expect(audit).toMatchObject({ acteur: "ligne-de-commande", action: "utilisateur.creer", avant: null });
    });
  });

  it("refuse un rôle inconnu, un périmètre qui ne va pas avec le rôle, un territoire inconnu et une adresse déjà prise", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const creer = (role: string, perimetres: { type: "region" | "departement"; code: string }[], email = "x@exemple.fr") =>
        creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role, perimetres, maintenant: t0 });
      expect((await creer("prefet", [])).ok).toBe(false);
      expect(await creer("prefecture-departement", [])).toMatchObject({ ok: false, erreur: "perimetresInvalides" });
      expect(await creer("prefecture-departement", [{ type: "region", code: "27" }])).toMatchObject({ ok: false, erreur: "perimetresInvalides" });
      expect(await creer("prefecture-departement", [{ type: "departement", code: "99" }])).toMatchObject({ ok: false, erreur: "territoireInconnu" });
      expect(await creer("administrateur", [], "pas-une-adresse")).toMatchObject({ ok: false, erreur: "emailInvalide" });
      expect((await creer("administrateur", [])).ok).toBe(true);
      expect(await creer("administrateur", [], "X@Exemple.fr")).toMatchObject({ ok: false, erreur: "utilisateurExistant" });
    });
  });
});

describe("lien de connexion", () => {
  it("étant donné un compte, quand la personne utilise son lien, alors une session s'ouvre ; le lien ne sert qu'une fois", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "region@exemple.fr", role: "prefecture-region", perimetres: [{ type: "region", code: "27" }], maintenant: t0 });
      const emis = await emettreLienDeConnexion({ db: connexion.db, email: "REGION@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      expect(emis?.lien).toMatch(/^http:\/\/localhost:3000\/connexion\/lien\?jeton=[\w-]{43}$/);
      const jeton = jetonDe(emis?.lien ?? "");
      // Only the hash is stored.
      const stockes = await connexion.db.select().from(jetonsConnexion);
      expect(stockes.some((j) => j.empreinte === jeton)).toBe(false);

      const ouverture = await utiliserLienDeConnexion({ connexion, jeton, maintenant: plus(14) });
      expect(ouverture.ok).toBe(true);
      if (!ouverture.ok) return;
      const session = await lireSession({ db: connexion.db, session: ouverture.valeur.session, maintenant: plus(15) });
      expect(session?.acteur).toMatchObject({ role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] });
      expect(await utiliserLienDeConnexion({ connexion, jeton, maintenant: plus(14) })).toEqual({ ok: false, erreur: "lienDejaUtilise" });
    });
  });

  it("refuse un lien expiré après 15 minutes, et un lien inventé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "admin@exemple.fr", role: "administrateur", perimetres: [], maintenant: t0 });
      const emis = await emettreLienDeConnexion({ db: connexion.db, email: "admin@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      expect(await utiliserLienDeConnexion({ connexion, jeton: jetonDe(emis?.lien ?? ""), maintenant: plus(15) })).toEqual({ ok: false, erreur: "lienExpire" });
      expect(await utiliserLienDeConnexion({ connexion, jeton: "invente", maintenant: t0 })).toEqual({ ok: false, erreur: "lienInconnu" });
    });
  });

  it("ne donne de lien qu'aux comptes connus, et répond pareil au formulaire dans les deux cas", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "connu@exemple.fr", role: "administrateur", perimetres: [], maintenant: t0 });
      expect(await emettreLienDeConnexion({ db: connexion.db, email: "inconnu@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE })).toBeNull();
      const connu = await demanderLienDeConnexion({ db: connexion.db, email: "connu@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      const inconnu = await demanderLienDeConnexion({ db: connexion.db, email: "inconnu@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      expect(connu).toEqual(inconnu);
      const envoyes = await connexion.db.select().from(courriels);
      expect(envoyes.map((c) => c.destinataire)).toEqual(["connu@exemple.fr"]);
      expect(envoyes[0]?.texte).toContain("/connexion/lien?jeton=");
    });
  });

  it("ferme une session, ou toutes celles d'une personne", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "p@exemple.fr", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], maintenant: t0 });
      if (!cree.ok) throw new Error(cree.erreur);
      const ouvrir = async () => {
        const emis = await emettreLienDeConnexion({ db: connexion.db, email: "p@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
        const r = await utiliserLienDeConnexion({ connexion, jeton: jetonDe(emis?.lien ?? ""), maintenant: t0 });
        if (!r.ok) throw new Error(r.erreur);
        return r.valeur.session;
      };
      const [a, b, c] = [await ouvrir(), await ouvrir(), await ouvrir()];
      expect(a).not.toBe(b);
      await fermerSession({ db: connexion.db, session: a });
      expect(await lireSession({ db: connexion.db, session: a, maintenant: t0 })).toBeNull();
      expect(await lireSession({ db: connexion.db, session: b, maintenant: t0 })).not.toBeNull();
      await fermerToutesLesSessions({ db: connexion.db, utilisateurId: cree.valeur.id });
      expect(await lireSession({ db: connexion.db, session: c, maintenant: t0 })).toBeNull();
      expect(await lireSession({ db: connexion.db, session: b, maintenant: plus(13 * 60) })).toBeNull();
    });
  });
});

describe("limite des demandes de lien", () => {
  it("accepte 5 demandes par adresse en 15 minutes, refuse la 6e, puis accepte à nouveau dans la fenêtre suivante", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const demander = (email: string, minutes = 0) => demanderLienDeConnexion({ db: connexion.db, email, maintenant: plus(minutes), urlDeBase: URL_DE_BASE });
      for (let i = 0; i < 5; i++) expect((await demander("quelquun@exemple.fr")).ok).toBe(true);
      expect(await demander("QuelquUn@exemple.fr")).toEqual({ ok: false, erreur: "tropDeDemandes" });
      expect((await demander("autre@exemple.fr")).ok).toBe(true);
      expect((await demander("quelquun@exemple.fr", 15)).ok).toBe(true);
    });
  });

  it("limite aussi un même client, quelle que soit l'adresse demandée", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const demander = (i: number) => demanderLienDeConnexion({ db: connexion.db, email: `p${i}@exemple.fr`, maintenant: t0, urlDeBase: URL_DE_BASE, client: "203.0.113.7" });
      for (let i = 0; i < 30; i++) expect((await demander(i)).ok).toBe(true);
      expect(await demander(31)).toEqual({ ok: false, erreur: "tropDeDemandes" });
      const ailleurs = await demanderLienDeConnexion({ db: connexion.db, email: "p31@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE, client: "198.51.100.1" });
      expect(ailleurs.ok).toBe(true);
    });
  });
});

describe("courriels en attente", () => {
  it("ne se lisent que par l'équipe nationale : ils contiennent des liens de connexion", async () => {
    const { listerCourriels } = await import("./courriels");
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "lecteur@exemple.fr", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], maintenant: t0 });
      await demanderLienDeConnexion({ db: connexion.db, email: "lecteur@exemple.fr", maintenant: t0, urlDeBase: URL_DE_BASE });
      const prefecture = { id: "p", role: "prefecture-departement" as const, perimetres: [{ type: "departement" as const, code: "58" }] };
      expect(await listerCourriels({ db: connexion.db, acteur: prefecture })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await listerCourriels({ db: connexion.db, acteur: null })).toEqual({ ok: false, erreur: "nonConnecte" });
      const lus = await listerCourriels({ db: connexion.db, acteur: { id: "a", role: "administrateur", perimetres: [] } });
      expect(lus.ok && lus.valeur.map((c) => c.destinataire)).toEqual(["lecteur@exemple.fr"]);
    });
  });
});
