import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { candidats, formulairesManifestation, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { PREMIERE_SAISIE } from "@/domain/gouvernance/differences";
import type { Acteur } from "@/domain/identite/roles";
import { enregistrerSection, referentielPerimetre } from "./gouvernance";
import { AUTEUR_INCONNU, historiqueDeLaSection } from "./historique-gouvernance";

const base = utiliserBaseDeTest();
const CODE = "71";
const SAONE_ET_LOIRE = "collectivite:departement:71";
const heure = (h: number) => new Date(Date.UTC(2026, 10, 29, h, 32));
const PREFECTURE_58: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const REGION_27: Acteur = { id: randomUUID(), role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] };
const prefecture71 = (id: string = randomUUID()): Acteur => ({ id, role: "prefecture-departement", perimetres: [{ type: "departement", code: CODE }] });

/** An agent of the préfecture with an account: "Prénom Nom", or only an e-mail address. */
async function agent(connexion: Connexion, prenom: string | null, nom: string | null): Promise<Acteur> {
  const [u] = await connexion.db
    .insert(utilisateurs)
    .values({ email: `agent.${randomUUID()}@saone-et-loire.gouv.fr`, prenom, nom, role: "prefecture-departement", creeLe: heure(8) })
    .returning({ id: utilisateurs.id, email: utilisateurs.email });
  return { ...prefecture71((u as { id: string }).id), email: (u as { email: string }).email } as Acteur & { email: string };
}

/** A candidate of the département with a sent form (the préfecture chooses co-porteurs among those). */
async function candidat(connexion: Connexion, nom: string): Promise<string> {
  const [c] = await connexion.db
    .insert(candidats)
    .values({ cle: `test:${randomUUID()}`, type: "commune", nom, departements: [CODE], creeLe: heure(8), modifieLe: heure(8) })
    .returning({ id: candidats.id });
  const id = (c as { id: string }).id;
  const [personne] = await connexion.db.insert(utilisateurs).values({ email: `test.${randomUUID()}@exemple.fr`, role: "aucun", creeLe: heure(8) }).returning({ id: utilisateurs.id });
  await connexion.db.insert(formulairesManifestation).values({ utilisateurId: (personne as { id: string }).id, persona: "commune", intention: "porter", etat: "envoye", candidatId: id, creeLe: heure(8), modifieLe: heure(8) });
  return `candidat:${id}`;
}

async function enregistrer(connexion: Connexion, acteur: Acteur, section: string, contenu: unknown, version: number, maintenant: Date) {
  const r = await enregistrerSection({ connexion, acteur, code: CODE, section, contenu, version, maintenant });
  if (!r.ok) throw new Error(`${section} : ${r.erreur} ${JSON.stringify(r.details)}`);
  return r.valeur.version;
}

const lire = (connexion: Connexion, acteur: Acteur | null, section: string, page: { avantLaVersion?: number; limite?: number } = {}) =>
  historiqueDeLaSection({ db: connexion.db, acteur, code: CODE, section, ...page });

async function lireEntrees(connexion: Connexion, section: string) {
  const h = await lire(connexion, REGION_27, section);
  if (!h.ok) throw new Error(h.erreur);
  return h.valeur.entrees.map((e) => [e.version, e.auteur, e.lignes]);
}

describe("historique des modifications d'une section de la gouvernance", () => {
  it("étant donné trois enregistrements du sous-préfet par trois personnes, alors les versions, de la plus récente, disent quand, qui (ou « Compte supprimé ») et quoi", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const claire = await agent(connexion, "Claire", "Dupont");
      const sansNom = (await agent(connexion, null, null)) as Acteur & { email: string };
      const supprime = prefecture71();
      const contact = { prenom: "Paul", nom: "Bernard", email: "paul.bernard@saone-et-loire.gouv.fr" };
      await enregistrer(connexion, claire, "sousPrefet", contact, 0, heure(9));
      await enregistrer(connexion, sansNom, "sousPrefet", { ...contact, prenom: "Pauline" }, 1, heure(10));
      await enregistrer(connexion, supprime, "sousPrefet", { ...contact, prenom: "Pauline", email: "pauline.bernard@saone-et-loire.gouv.fr" }, 2, heure(11));

      const h = await lire(connexion, prefecture71(claire.id), "sousPrefet");
      if (!h.ok) throw new Error(h.erreur);
      expect(h.valeur.suite).toBeNull();
      expect(h.valeur.entrees).toEqual([
        { version: 3, modifieLe: heure(11), auteur: AUTEUR_INCONNU, lignes: ["Adresse e-mail : paul.bernard@saone-et-loire.gouv.fr → pauline.bernard@saone-et-loire.gouv.fr"] },
        { version: 2, modifieLe: heure(10), auteur: sansNom.email, lignes: ["Prénom : Paul → Pauline"] },
        { version: 1, modifieLe: heure(9), auteur: "Claire Dupont", lignes: [PREMIERE_SAISIE, "Prénom : Paul", "Nom : Bernard", "Adresse e-mail : paul.bernard@saone-et-loire.gouv.fr"] },
      ]);

      // Page by page: the two newest, then what comes before.
      const premiere = await lire(connexion, REGION_27, "sousPrefet", { limite: 2 });
      expect(premiere.ok && [premiere.valeur.entrees.map((e) => e.version), premiere.valeur.suite]).toEqual([[3, 2], 2]);
      const suivante = await lire(connexion, REGION_27, "sousPrefet", { limite: 2, avantLaVersion: 2 });
      expect(suivante.ok && [suivante.valeur.entrees.map((e) => e.version), suivante.valeur.suite]).toEqual([[1], null]);

      // A section never saved: no entry.
      expect(await lire(connexion, REGION_27, "comitologie")).toEqual({ ok: true, valeur: { entrees: [], suite: null } });
    });
  });

  it("étant donné la préfecture d'un autre département, une personne non connectée ou une section inconnue, alors rien n'est lu", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      await enregistrer(connexion, prefecture71(), "sousPrefet", { prenom: "Paul", nom: "Bernard", email: "paul.bernard@saone-et-loire.gouv.fr" }, 0, heure(9));
      expect(await lire(connexion, PREFECTURE_58, "sousPrefet")).toMatchObject({ ok: false, erreur: "nonAutorise" });
      expect(await lire(connexion, null, "sousPrefet")).toMatchObject({ ok: false, erreur: "nonConnecte" });
      expect(await lire(connexion, REGION_27, "inconnue")).toMatchObject({ ok: false, erreur: "sectionInconnue" });
      expect(await lire(connexion, REGION_27, "sousPrefet", { avantLaVersion: -1 })).toMatchObject({ ok: false, erreur: "formulaireInvalide" });
      expect(await historiqueDeLaSection({ db: connexion.db, acteur: REGION_27, code: "975", section: "sousPrefet" })).toMatchObject({ ok: false });
      expect((await lire(connexion, REGION_27, "sousPrefet")).ok).toBe(true);
    });
  });

  it("étant donné un co-porteur choisi parmi les candidats (il devient membre), puis retiré des co-porteurs et des membres, alors l'historique le nomme toujours", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = prefecture71();
      const creusot = await candidat(connexion, "Commune du Creusot");
      await enregistrer(connexion, prefecture, "membres", { membres: [{ cle: SAONE_ET_LOIRE, nom: "x", type: "departement" }] }, 0, heure(9));
      await enregistrer(connexion, prefecture, "coPorteurs", { sansCoPorteur: false, coPorteurs: [creusot] }, 0, heure(10));
      await enregistrer(connexion, prefecture, "coPorteurs", { sansCoPorteur: true, coPorteurs: [] }, 1, heure(11));
      await enregistrer(connexion, prefecture, "membres", { membres: [{ cle: SAONE_ET_LOIRE, nom: "x", type: "departement" }] }, 2, heure(12));

      expect(await lireEntrees(connexion, "coPorteurs")).toEqual([
        [2, AUTEUR_INCONNU, ["Co-porteur retiré : Commune du Creusot", "Pas de co-porteur de la gouvernance : coché"]],
        [1, AUTEUR_INCONNU, [PREMIERE_SAISIE, "Co-porteur ajouté : Commune du Creusot"]],
      ]);
      // The member added with the co-porteur has its own version in the members' history.
      expect(await lireEntrees(connexion, "membres")).toEqual([
        [3, AUTEUR_INCONNU, ["Membre retiré : Commune du Creusot"]],
        [2, AUTEUR_INCONNU, ["Membre ajouté : Commune du Creusot"]],
        [1, AUTEUR_INCONNU, [PREMIERE_SAISIE, "Membre ajouté : Saône-et-Loire"]],
      ]);
    });
  });

  it("étant donné une feuille de route dont le périmètre change, alors l'EPCI est nommé d'après le référentiel du département", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = prefecture71();
      const referentiel = await referentielPerimetre(connexion.db, CODE);
      const premier = referentiel.epci[0];
      if (!premier) throw new Error("aucun EPCI");
      await enregistrer(connexion, prefecture, "coPorteurs", { sansCoPorteur: true, coPorteurs: [] }, 0, heure(9));
      const feuille = { id: "f1", nom: "Saône-et-Loire numérique", porteur: null, perimetre: { type: "departemental" }, contrat: { existe: false } };
      await enregistrer(connexion, prefecture, "feuillesDeRoute", { feuilles: [feuille] }, 0, heure(10));
      await enregistrer(connexion, prefecture, "feuillesDeRoute", { feuilles: [{ ...feuille, perimetre: { type: "epci", epci: [premier.code] }, contrat: { existe: true, type: "CRTE" } }] }, 1, heure(11));
      expect(await lireEntrees(connexion, "feuillesDeRoute")).toEqual([
        [
          2,
          AUTEUR_INCONNU,
          [
            `Feuille de route « Saône-et-Loire numérique » : périmètre modifié (Départemental → EPCI : ${premier.nom})`,
            "Feuille de route « Saône-et-Loire numérique » : contrat préexistant modifié (Non → CRTE)",
          ],
        ],
        [1, AUTEUR_INCONNU, [PREMIERE_SAISIE, "Feuille de route ajoutée : « Saône-et-Loire numérique »"]],
      ]);
    });
  });
});
