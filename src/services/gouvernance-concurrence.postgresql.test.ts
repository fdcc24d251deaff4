import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ouvrirPostgresql, type Connexion } from "@/db/client";
import { candidats, communes, formulairesManifestation, historiqueGouvernance, sectionsGouvernance, utilisateurs } from "@/db/schema";
import { creerBasePostgresqlDeTest } from "@/db/test/postgresql-de-test";
import type { ContenusSections, Section } from "@/domain/gouvernance/formulaire";
import type { Acteur } from "@/domain/identite/roles";
import { preparerBase } from "./demarrage";
import { enregistrerSection } from "./gouvernance";

/*
 * PostgreSQL only (the integration-postgresql project): two app instances (two pools) saving the
 * gouvernance of one département at the same time. Every round writes for real (committed), so
 * the scenario runs in a database of its own on the same server, with the migrations and the
 * territories, dropped at the end: the other test files share theirs and count its rows.
 */

const CODE = "58";
const NIEVRE = "collectivite:departement:58";
const PREFECTURE_A: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: CODE }] };
const PREFECTURE_B: Acteur = { id: randomUUID(), role: "prefecture-departement", perimetres: [{ type: "departement", code: CODE }] };
const t0 = Date.UTC(2026, 10, 29, 9);
let instant = 0;
/** A distinct moment for each save (the history is ordered by version, not by time). */
const maintenant = () => new Date(t0 + ++instant * 1000);

let base: { url: string; supprimer(): Promise<void> } | undefined;
let a: Connexion | undefined;
let b: Connexion | undefined;
const instances = () => {
  if (!a || !b) throw new Error("Instances non ouvertes");
  return [a, b] as const;
};

beforeAll(async () => {
  const projet = inject("efneBase");
  if (projet.type !== "postgresql") throw new Error("Ce scénario demande le serveur PostgreSQL.");
  // An unreachable server throws here: a failure, never a skip.
  base = await creerBasePostgresqlDeTest("efne_concurrence");
  const preparation = await ouvrirPostgresql(base.url, { max: 2 });
  try {
    await preparerBase({ connexion: preparation, maintenant: () => new Date(), chargerDemonstrationAuPremierDemarrage: false });
  } finally {
    await preparation.fermer();
  }
  // Two app instances: two pools of their own on the same database.
  a = await ouvrirPostgresql(base.url, { max: 3 });
  b = await ouvrirPostgresql(base.url, { max: 3 });
});

afterAll(async () => {
  await a?.fermer();
  await b?.fermer();
  if (!base) return;
  // A pool's end resolves before its connections are closed: the database is dropped once the
  // server has seen them go (dropping it "with force" would otherwise cut one still closing).
  const temoin = new pg.Client({ connectionString: base.url });
  try {
    await temoin.connect();
    for (let essai = 0; essai < 100; essai += 1) {
      const { rows } = await temoin.query<{ autres: string }>("select count(*) as autres from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
      if (Number(rows[0]?.autres) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await temoin.end();
    await base.supprimer();
  }
});

const enregistrer = (connexion: Connexion, acteur: Acteur, section: Section, contenu: unknown, version: number) =>
  enregistrerSection({ connexion, acteur, code: CODE, section, contenu, version, maintenant: maintenant() });

async function sectionActuelle<S extends Section>(section: S): Promise<{ contenu: ContenusSections[S] | null; version: number }> {
  const [premiere] = instances();
  const [l] = await premiere.db
    .select({ contenu: sectionsGouvernance.contenu, version: sectionsGouvernance.version })
    .from(sectionsGouvernance)
    .where(and(eq(sectionsGouvernance.codeDepartement, CODE), eq(sectionsGouvernance.section, section)));
  return l ? { contenu: l.contenu as ContenusSections[S], version: l.version } : { contenu: null, version: 0 };
}

/**
 * The history of a section is one chain: versions 1, 2, 3… with no gap nor double, each line
 * starting from the content the previous one ended with, the last one ending with what is saved.
 */
async function verifierChaine(section: Section): Promise<number> {
  const [premiere] = instances();
  const lignes = await premiere.db
    .select({ version: historiqueGouvernance.version, avant: historiqueGouvernance.avant, apres: historiqueGouvernance.apres })
    .from(historiqueGouvernance)
    .where(and(eq(historiqueGouvernance.codeDepartement, CODE), eq(historiqueGouvernance.section, section)))
    .orderBy(asc(historiqueGouvernance.version));
  expect(lignes.map((l) => l.version)).toEqual(lignes.map((_l, i) => i + 1));
  lignes.forEach((l, i) => expect(l.avant).toEqual(i === 0 ? null : lignes[i - 1]?.apres));
  const actuelle = await sectionActuelle(section);
  expect(actuelle.version).toBe(lignes.length);
  expect(actuelle.contenu).toEqual(lignes.at(-1)?.apres ?? null);
  return lignes.length;
}

describe("deux instances de l'application enregistrent la même gouvernance en même temps (PostgreSQL)", () => {
  it("étant donné la même section partie de la même version, quand les deux enregistrent ensemble, alors à chaque tour une seule gagne, l'autre reçoit « conflit » avec le contenu gagnant ; une ligne d'historique par enregistrement réussi", async () => {
    const [ia, ib] = instances();
    const TOURS = 20;
    let version = 0;
    const gagnants = { a: 0, b: 0 };
    for (let tour = 0; tour < TOURS; tour += 1) {
      const contenuA = { prenom: `Claire ${tour}`, nom: "Dupont", email: `claire.${tour}@nievre.gouv.fr` };
      const contenuB = { prenom: `Anne ${tour}`, nom: "Martin", email: `anne.${tour}@nievre.gouv.fr` };
      const [ra, rb] = await Promise.all([enregistrer(ia, PREFECTURE_A, "sousPrefet", contenuA, version), enregistrer(ib, PREFECTURE_B, "sousPrefet", contenuB, version)]);
      const reussis = [ra, rb].filter((r) => r.ok);
      expect(reussis, `tour ${tour}`).toHaveLength(1);
      const [gagnant, perdant, contenuGagnant] = ra.ok ? [ra, rb, contenuA] : [rb, ra, contenuB];
      if (!gagnant.ok || perdant.ok) throw new Error("impossible");
      gagnants[ra.ok ? "a" : "b"] += 1;
      expect(gagnant.valeur.version).toBe(version + 1);
      expect(perdant).toMatchObject({ ok: false, erreur: "conflit", details: { versionActuelle: version + 1, contenuActuel: contenuGagnant } });
      version = gagnant.valeur.version;
    }
    expect(gagnants.a + gagnants.b).toBe(TOURS);
    expect(await verifierChaine("sousPrefet")).toBe(TOURS);
  });

  it("étant donné deux sections différentes, quand les deux instances enregistrent ensemble, alors les deux réussissent et rien n'est perdu", async () => {
    const [ia, ib] = instances();
    const TOURS = 10;
    let versionComites = (await sectionActuelle("comitologie")).version;
    let versionCoordination = (await sectionActuelle("coordination")).version;
    const depart = { comitologie: versionComites, coordination: versionCoordination };
    let comites: ContenusSections["comitologie"]["comites"] = [];
    let recruteurs: ContenusSections["coordination"]["recruteurs"] = [];
    for (let tour = 0; tour < TOURS; tour += 1) {
      comites = [...comites, { id: `comite-${tour}`, type: "technique", frequence: "mensuelle" }];
      recruteurs = [...recruteurs, { cle: `siret:${siretValide(tour)}`, nom: `Association ${tour}` }];
      const [ra, rb] = await Promise.all([
        enregistrer(ia, PREFECTURE_A, "comitologie", { comites }, versionComites),
        enregistrer(ib, PREFECTURE_B, "coordination", { recruteurs }, versionCoordination),
      ]);
      if (!ra.ok || !rb.ok) throw new Error(`tour ${tour} : ${JSON.stringify([ra, rb])}`);
      versionComites = ra.valeur.version;
      versionCoordination = rb.valeur.version;
    }
    expect([versionComites - depart.comitologie, versionCoordination - depart.coordination]).toEqual([TOURS, TOURS]);
    expect((await sectionActuelle("comitologie")).contenu?.comites.map((c) => c.id)).toEqual(comites.map((c) => c.id));
    expect((await sectionActuelle("coordination")).contenu?.recruteurs.map((r) => r.nom)).toEqual(recruteurs.map((r) => r.nom));
    await verifierChaine("comitologie");
    await verifierChaine("coordination");
  });

  it("étant donné un co-porteur enregistré (il rejoint les membres) pendant qu'une autre instance enregistre les membres, alors aucun membre n'est perdu et les versions se suivent", async () => {
    const [ia, ib] = instances();
    const TOURS = 10;
    const candidatsDuDepartement = await creerCandidats(ia, TOURS);
    const listeCommunes = await ia.db.select({ code: communes.code, nom: communes.nom }).from(communes).where(and(eq(communes.codeDepartement, CODE), eq(communes.type, "commune-actuelle"))).orderBy(asc(communes.code)).limit(TOURS);
    expect(listeCommunes).toHaveLength(TOURS);

    const initial = await enregistrer(ia, PREFECTURE_A, "membres", { membres: [{ cle: NIEVRE, nom: "Nièvre", type: "departement" }] }, (await sectionActuelle("membres")).version);
    if (!initial.ok) throw new Error(initial.erreur);
    let versionCoPorteurs = (await sectionActuelle("coPorteurs")).version;
    let conflitsDesMembres = 0;

    for (let tour = 0; tour < TOURS; tour += 1) {
      const coPorteurs = candidatsDuDepartement.slice(0, tour + 1);
      const commune = listeCommunes[tour] as { code: string; nom: string };
      // Instance B adds a commune to the members as a person would: from the members it read
      // before the round (the co-porteur save may change them first), and on a conflict from the
      // content the server answered with.
      const lu = await sectionActuelle("membres");
      const ajouterLaCommune = async () => {
        let depart = lu;
        for (let essai = 0; essai < 5; essai += 1) {
          const membres = [...(depart.contenu?.membres ?? []), { cle: `collectivite:commune:${commune.code}`, nom: commune.nom, type: "commune" }];
          const r = await enregistrer(ib, PREFECTURE_B, "membres", { membres }, depart.version);
          if (r.ok || r.erreur !== "conflit") return r;
          conflitsDesMembres += 1;
          const details = r.details as { versionActuelle: number; contenuActuel: ContenusSections["membres"] };
          depart = { version: details.versionActuelle, contenu: details.contenuActuel };
        }
        throw new Error("trop de conflits");
      };
      const [ra, rb] = await Promise.all([enregistrer(ia, PREFECTURE_A, "coPorteurs", { sansCoPorteur: false, coPorteurs }, versionCoPorteurs), ajouterLaCommune()]);
      if (!ra.ok || !rb.ok) throw new Error(`tour ${tour} : ${JSON.stringify([ra, rb])}`);
      versionCoPorteurs = ra.valeur.version;
    }

    const membres = (await sectionActuelle("membres")).contenu?.membres.map((m) => m.cle) ?? [];
    const attendus = [NIEVRE, ...candidatsDuDepartement, ...listeCommunes.map((c) => `collectivite:commune:${c.code}`)];
    expect([...membres].sort()).toEqual([...attendus].sort());
    expect(new Set(membres).size).toBe(membres.length);
    // Each co-porteur save added one member (its own version of the members), each commune one more.
    expect(await verifierChaine("membres")).toBe(1 + 2 * TOURS);
    expect(await verifierChaine("coPorteurs")).toBe(TOURS);
    // Which save takes the lock first is up to the server: a commune save refused (then redone
    // from the answer) shows the co-porteur went first; both orders keep every member.
    console.info(`Co-porteurs contre membres : ${conflitsDesMembres} conflit(s) sur ${TOURS} tours.`);
  });
});

/** A SIRET that passes the Luhn check: 13 digits from `n`, then the check digit. */
function siretValide(n: number): string {
  const debut = `1300252650${String(n).padStart(3, "0")}`;
  for (let cle = 0; cle <= 9; cle += 1) {
    const siret = `${debut}${cle}`;
    const somme = [...siret].reverse().reduce((s, c, i) => {
      const d = Number(c) * (i % 2 === 1 ? 2 : 1);
      return s + (d > 9 ? d - 9 : d);
    }, 0);
    if (somme % 10 === 0) return siret;
  }
  throw new Error("aucune clé");
}

/** Candidates of the département with a sent form (the co-porteurs are chosen among those). */
async function creerCandidats(connexion: Connexion, nombre: number): Promise<string[]> {
  const cles: string[] = [];
  for (let i = 0; i < nombre; i += 1) {
    const [c] = await connexion.db
      .insert(candidats)
      .values({ cle: `concurrence:${randomUUID()}`, type: "commune", nom: `Candidat ${i}`, departements: [CODE], creeLe: new Date(t0), modifieLe: new Date(t0) })
      .returning({ id: candidats.id });
    const id = (c as { id: string }).id;
    const [personne] = await connexion.db.insert(utilisateurs).values({ email: `concurrence.${randomUUID()}@exemple.fr`, role: "aucun", creeLe: new Date(t0) }).returning({ id: utilisateurs.id });
    await connexion.db.insert(formulairesManifestation).values({ utilisateurId: (personne as { id: string }).id, persona: "commune", intention: "porter", etat: "envoye", candidatId: id, creeLe: new Date(t0), modifieLe: new Date(t0) });
    cles.push(`candidat:${id}`);
  }
  return cles;
}
