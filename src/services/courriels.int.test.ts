import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courriels } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { expediteurSmtp } from "@/integrations/courrier/smtp";
import { demarrerCaptureSmtp, type CaptureSmtp } from "../../tests/outils/capture-smtp";
import { ecrireCourriel, envoyerCourrielsEnAttente, expediteurConfigure, TENTATIVES_MAXIMUM } from "./courriels";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur, demanderLienDeConnexion } from "./identite";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

let capture: CaptureSmtp;
beforeAll(async () => {
  capture = await demarrerCaptureSmtp();
});
afterAll(() => capture.arreter());

describe("envoi des courriels par SMTP", () => {
  it("envoie le lien de connexion par un vrai serveur SMTP et note l'heure d'envoi", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "smtp.agent@exemple.fr", role: "administrateur", perimetres: [], maintenant: t0 });
      await demanderLienDeConnexion({ db: connexion.db, email: "smtp.agent@exemple.fr", maintenant: t0, urlDeBase: "http://localhost:3000" });
      const expediteur = expediteurSmtp({ url: capture.url, de: "EFNE <ne-pas-repondre@exemple.fr>" });
      expect(await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: t0 })).toBe(1);
      const recu = await capture.attendre((m) => m.a.includes("smtp.agent@exemple.fr"));
      expect(recu.de).toBe("ne-pas-repondre@exemple.fr");
      expect(recu.sujet).toBe("Votre lien de connexion à l'Espace France Numérique Ensemble");
      expect(recu.texte).toMatch(/http:\/\/localhost:3000\/connexion\/lien\?jeton=[\w-]{43}/);
      const [ligne] = await connexion.db.select().from(courriels);
      expect(ligne?.envoyeLe).toBeInstanceOf(Date);
      expect(ligne?.tentatives).toBe(1);
      // Sent once: the next round has nothing left to send.
      expect(await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: plus(10) })).toBe(0);
      expect(capture.messages.filter((m) => m.a.includes("smtp.agent@exemple.fr"))).toHaveLength(1);
    });
  });

  it("garde le message quand le serveur le refuse, note la raison sans le contenu, et le renvoie plus tard", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const expediteur = expediteurSmtp({ url: capture.url });
      capture.refuser.add("indisponible@exemple.fr");
      await ecrireCourriel({ db: connexion.db, destinataire: "indisponible@exemple.fr", sujet: "Essai", texte: "secret-du-message", maintenant: t0 });
      expect(await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: t0 })).toBe(0);
      let [ligne] = await connexion.db.select().from(courriels);
      expect(ligne).toMatchObject({ envoyeLe: null, tentatives: 1 });
      expect(ligne?.erreur).toMatch(/451/);
      expect(ligne?.erreur).not.toContain("secret-du-message");
      // Not retried at once (another instance may be sending it), but after the take-over delay.
      expect(await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: plus(1) })).toBe(0);
      expect((await connexion.db.select().from(courriels))[0]?.tentatives).toBe(1);
      capture.refuser.delete("indisponible@exemple.fr");
      expect(await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: plus(3) })).toBe(1);
      [ligne] = await connexion.db.select().from(courriels);
      expect(ligne).toMatchObject({ tentatives: 2, erreur: null });
      expect(ligne?.envoyeLe).toBeInstanceOf(Date);
    });
  });

  it(`s'arrête après ${TENTATIVES_MAXIMUM} tentatives, et ne perd jamais le message`, async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      // Nothing listens on port 9 of this machine: every attempt fails.
      const expediteur = expediteurSmtp({ url: "smtp://127.0.0.1:9" });
      await ecrireCourriel({ db: connexion.db, destinataire: "x@exemple.fr", sujet: "Essai", texte: "…", maintenant: t0 });
      for (let i = 0; i < TENTATIVES_MAXIMUM + 2; i += 1) await envoyerCourrielsEnAttente({ db: connexion.db, expediteur, maintenant: plus(i * 3) });
      const [ligne] = await connexion.db.select().from(courriels);
      expect(ligne).toMatchObject({ envoyeLe: null, tentatives: TENTATIVES_MAXIMUM });
      expect(ligne?.erreur).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    });
  });

  it("n'a pas d'expéditeur sans SMTP_URL (démonstration : les messages restent dans la boîte d'envoi)", () => {
    expect(expediteurConfigure({})).toBeNull();
    expect(expediteurConfigure({ SMTP_URL: capture.url })).not.toBeNull();
  });
});
