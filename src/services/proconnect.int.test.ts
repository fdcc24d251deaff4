import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autorisationsProconnect, courriels, demandesAcces, journalAudit, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { connexionSansNavigateur, demarrerFournisseurOidc, type FournisseurOidcDeTest } from "../../tests/outils/fournisseur-oidc";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur, fermerSession, lireSession } from "./identite";
import {
  commencerConnexionProConnect,
  configurationProConnect,
  deconnexionChezLeFournisseur,
  envoyerDemandeAcces,
  lireDemandeAcces,
  terminerConnexionProConnect,
  type ParametresProConnect,
} from "./proconnect";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const RETOUR = "http://efne.test/connexion/proconnect/retour";

let fournisseur: FournisseurOidcDeTest;
let parametres: ParametresProConnect;

beforeAll(async () => {
  fournisseur = await demarrerFournisseurOidc({
    clients: [{ clientId: "efne", clientSecret: "secret-efne", redirectUris: [RETOUR], postLogoutRedirectUris: ["http://efne.test/"] }],
    comptes: {
      agent: { email: "Agent.58@Nievre.gouv.fr", given_name: "Camille", usual_name: "Martin" },
      nouveau: { email: "nouveau@yonne.gouv.fr", given_name: "Dominique", usual_name: "Durand", siret: "17890001800019" },
    },
  });
  parametres = configurationProConnect({ PROCONNECT_ISSUER: fournisseur.issuer, PROCONNECT_CLIENT_ID: "efne", PROCONNECT_CLIENT_SECRET: "secret-efne" }) as ParametresProConnect;
});
afterAll(() => fournisseur.arreter());

/** The whole round trip without a browser: our start, the provider's login page, our callback. */
async function allerRetour(connexion: Parameters<typeof terminerConnexionProConnect>[0]["connexion"], login: string, maintenant = t0) {
  const debut = await commencerConnexionProConnect({ db: connexion.db, parametres, urlDeRetour: RETOUR, maintenant });
  if (!debut.ok) throw new Error(debut.erreur);
  const urlCourante = await connexionSansNavigateur(debut.valeur.url, login);
  return { etat: debut.valeur.etat, urlCourante };
}

describe("connexion avec ProConnect", () => {
  it("ouvre une session pour le compte invité à cette adresse, le lie à l'identifiant ProConnect, et garde le jeton pour la déconnexion", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "agent.58@nievre.gouv.fr", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], maintenant: t0 });
      if (!cree.ok) throw new Error(cree.erreur);
      const { etat, urlCourante } = await allerRetour(connexion, "agent");
      // The verifier and the nonce wait under the state's hash only.
      expect((await connexion.db.select().from(autorisationsProconnect)).map((a) => a.empreinte)).not.toContain(etat);
      const fin = await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: plus(1) });
      expect(fin.ok && fin.valeur.type).toBe("session");
      if (!fin.ok || fin.valeur.type !== "session") return;
      const session = await lireSession({ db: connexion.db, session: fin.valeur.session, maintenant: plus(2) });
      expect(session?.acteur).toMatchObject({ id: cree.valeur.id, role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] });
      const [compte] = await connexion.db.select().from(utilisateurs).where(eq(utilisateurs.id, cree.valeur.id));
      expect(compte?.proconnectSub).toBe("agent");
      const audits = await connexion.db.select().from(journalAudit).where(eq(journalAudit.action, "utilisateur.lierProConnect"));
      expect(audits).toHaveLength(1);
      // Single use: the pending login is gone.
      expect(await connexion.db.select().from(autorisationsProconnect)).toEqual([]);

      const fermee = await fermerSession({ db: connexion.db, session: fin.valeur.session });
      expect(fermee?.jetonIdProconnect).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const sortie = await deconnexionChezLeFournisseur({ parametres, jetonIdProconnect: fermee?.jetonIdProconnect, urlDeRetour: "http://efne.test/" });
      const url = new URL(sortie ?? "");
      expect(url.origin).toBe(fournisseur.issuer);
      expect(url.searchParams.get("id_token_hint")).toBe(fermee?.jetonIdProconnect);
      expect(url.searchParams.get("post_logout_redirect_uri")).toBe("http://efne.test/");
      expect(await deconnexionChezLeFournisseur({ parametres, jetonIdProconnect: null, urlDeRetour: "http://efne.test/" })).toBeNull();
    });
  });

  it("refuse un retour sans l'état du navigateur, avec un autre état, ou rejoué", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { etat, urlCourante } = await allerRetour(connexion, "agent");
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat: undefined, maintenant: t0 })).toEqual({ ok: false, erreur: "etatInconnu" });
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat: "un-autre-etat", maintenant: t0 })).toEqual({ ok: false, erreur: "etatInconnu" });
      // Too late: 10 minutes at most between the start and the return.
      const tardif = await allerRetour(connexion, "agent");
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante: tardif.urlCourante, etat: tardif.etat, maintenant: plus(11) })).toEqual({ ok: false, erreur: "etatInconnu" });
      const premiere = await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: t0 });
      expect(premiere.ok).toBe(true);
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: t0 })).toEqual({ ok: false, erreur: "etatInconnu" });
      const refus = new URL(RETOUR);
      refus.searchParams.set("error", "access_denied");
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante: refus, etat, maintenant: t0 })).toEqual({ ok: false, erreur: "refuseParLeFournisseur" });
    });
  });

  it("refuse un compte désactivé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "agent.58@nievre.gouv.fr", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }], maintenant: t0 });
      await connexion.db.update(utilisateurs).set({ actif: false });
      const { etat, urlCourante } = await allerRetour(connexion, "agent");
      expect(await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: t0 })).toEqual({ ok: false, erreur: "compteDesactive" });
    });
  });

  it("une personne sans compte obtient « Accès non encore attribué », demande un accès une fois, et chaque administrateur actif est prévenu", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      for (const [email, actif] of [["admin1@anct.gouv.fr", true], ["admin2@anct.gouv.fr", true], ["ancien@anct.gouv.fr", false]] as const) {
        await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role: "administrateur", perimetres: [], maintenant: t0 });
        if (!actif) await connexion.db.update(utilisateurs).set({ actif: false }).where(eq(utilisateurs.email, email));
      }
      const { etat, urlCourante } = await allerRetour(connexion, "nouveau");
      const fin = await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: t0 });
      expect(fin.ok && fin.valeur.type).toBe("accesNonAttribue");
      if (!fin.ok || fin.valeur.type !== "accesNonAttribue") return;
      const jeton = fin.valeur.jeton;
      expect(await lireDemandeAcces({ db: connexion.db, jeton, maintenant: plus(1) })).toEqual({ email: "nouveau@yonne.gouv.fr", prenom: "Dominique", nom: "Durand", siret: "17890001800019", demandeeLe: null });
      expect(await lireDemandeAcces({ db: connexion.db, jeton, maintenant: plus(61) })).toBeNull();
      expect(await connexion.db.select().from(demandesAcces).where(eq(demandesAcces.empreinte, jeton))).toEqual([]);

      const demander = (message: unknown, minutes = 2) => envoyerDemandeAcces({ db: connexion.db, jeton, message, maintenant: plus(minutes), urlDeBase: "https://efne.exemple.fr" });
      expect(await demander("x".repeat(1001))).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await envoyerDemandeAcces({ db: connexion.db, jeton: "invente", message: "", maintenant: t0, urlDeBase: "https://efne.exemple.fr" })).toEqual({ ok: false, erreur: "demandeInconnue" });
      expect(await demander("Préfecture de l'Yonne", 61)).toEqual({ ok: false, erreur: "demandeInconnue" });
      expect(await demander("  Préfecture de l'Yonne  ")).toEqual({ ok: true, valeur: undefined });
      expect(await demander("encore")).toEqual({ ok: false, erreur: "demandeDejaEnvoyee" });
      const messages = await connexion.db.select().from(courriels);
      expect(messages.map((m) => m.destinataire).sort()).toEqual(["admin1@anct.gouv.fr", "admin2@anct.gouv.fr"]);
      expect(messages[0]?.sujet).toBe("Demande d'accès de Dominique Durand");
      expect(messages[0]?.texte).toContain("Préfecture de l'Yonne");
      expect(messages[0]?.texte).toContain("https://efne.exemple.fr/administration/utilisateurs");
      // No session was opened.
      expect(await connexion.db.select().from(utilisateurs).where(eq(utilisateurs.email, "nouveau@yonne.gouv.fr"))).toEqual([]);
    });
  });
});
