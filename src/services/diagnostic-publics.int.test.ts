import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { journalAudit, tauxPublics } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { RAISON_SANS_STRUCTURE_PAR_AGE, type DiagnosticDesPublics } from "@/domain/donnees/diagnostic-publics";
import type { Acteur } from "@/domain/identite/roles";
import { chargerDemonstration, effacerDemonstration, chargerTauxDeDemonstration } from "./demonstration";
import { ajouterTaux, estimerPublics, listerTaux, modifierTaux, supprimerTaux, type DonneesTaux } from "./diagnostic-publics";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur } from "./identite";
import { importerPopulationParAge } from "./import-population-age";
import { listerDepartements } from "./territoires";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const prefecture58: Acteur = { id: "00000000-0000-4000-8000-000000000058", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const espace = (t: string | null | undefined) => t?.replace(/[\u202f\u00a0]/g, " ");

async function administrateur(connexion: Connexion): Promise<Acteur> {
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email: "admin@exemple.fr", role: "administrateur", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  return { id: cree.valeur.id, role: "administrateur", perimetres: [] };
}

const internet: DonneesTaux = { libelle: "Personnes n'ayant pas utilisé internet au cours des 12 derniers mois", taux: "12,5", ageMin: "", ageMax: "", source: "CREDOC, Baromètre du numérique 2025", annee: "2025", lien: "https://www.credoc.fr/", ordre: "1" };
const seniors: DonneesTaux = { libelle: "Personnes de 60 ans et plus sans internet", taux: "20", ageMin: "60", ageMax: "", source: "CREDOC", annee: "2025", ordre: "2" };
const jeunes: DonneesTaux = { libelle: "Jeunes de 18 à 29 ans en difficulté", taux: "10", ageMin: "18", ageMax: "29", source: "CREDOC", annee: "2025", ordre: "3" };

async function ajouter(connexion: Connexion, admin: Acteur, donnees: DonneesTaux) {
  const r = await ajouterTaux({ connexion, acteur: admin, donnees, maintenant: plus(1) });
  if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
  return r.valeur;
}

async function estimer(connexion: Connexion, codeDepartement: string | null): Promise<DiagnosticDesPublics> {
  const r = await estimerPublics(connexion.db, { codeDepartement });
  if (!r.ok) throw new Error(r.erreur);
  return r.valeur;
}

async function importerAges(connexion: Connexion, contenu: string) {
  const r = await importerPopulationParAge({ connexion, source: { nom: "ages.csv", octets: (async function* () { yield new TextEncoder().encode(contenu); })() }, maintenant: t0 });
  if (!r.ok) throw new Error(r.erreur);
  return r.valeur;
}

describe("taux nationaux du diagnostic des publics : saisie par l'équipe nationale", () => {
  it("refuse chaque saisie invalide avec un message en français par champ, sans rien écrire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const cas: Array<[DonneesTaux, string, string]> = [
        [{ ...internet, libelle: "ab" }, "libelle", "Le libellé compte au moins 3 caractères."],
        [{ ...internet, libelle: "x".repeat(201) }, "libelle", "Le libellé compte au plus 200 caractères."],
        [{ ...internet, taux: "120" }, "taux", "Le taux est un pourcentage de 0 à 100 (exemple : 15 ou 12,5)."],
        [{ ...internet, taux: "-3" }, "taux", "Le taux est un pourcentage de 0 à 100 (exemple : 15 ou 12,5)."],
        [{ ...internet, taux: "" }, "taux", "Le taux est un pourcentage de 0 à 100 (exemple : 15 ou 12,5)."],
        [{ ...internet, ageMin: "130" }, "ageMin", "Âge minimal : un nombre entier d'années de 0 à 120, ou vide."],
        [{ ...internet, ageMin: "60", ageMax: "50" }, "ageMax", "L'âge maximal doit être supérieur ou égal à l'âge minimal."],
        [{ ...internet, source: "  " }, "source", "Indiquez la source du taux (exemple : CREDOC, Baromètre du numérique 2025)."],
        [{ ...internet, annee: "25" }, "annee", "Indiquez l'année des données de la source, sur quatre chiffres (exemple : 2025)."],
        [{ ...internet, lien: "javascript:alert(1)" }, "lien", "Le lien doit être une adresse web complète commençant par http:// ou https://."],
        [{ ...internet, lien: "ftp://exemple.fr/x" }, "lien", "Le lien doit être une adresse web complète commençant par http:// ou https://."],
      ];
      for (const [donnees, champ, message] of cas) {
        const r = await ajouterTaux({ connexion, acteur: admin, donnees, maintenant: t0 });
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.erreur).toBe("formulaireInvalide");
        expect(r.details?.champs).toMatchObject({ [champ]: message });
      }
      // Every field's error at once, the order of the ages included.
      const tout = await ajouterTaux({ connexion, acteur: admin, donnees: { libelle: "ab", taux: "120", ageMin: "60", ageMax: "50", source: "", annee: "", lien: "javascript:alert(1)" }, maintenant: t0 });
      expect(!tout.ok && Object.keys(tout.details?.champs as object).sort()).toEqual(["ageMax", "annee", "libelle", "lien", "source", "taux"]);
      expect(await connexion.db.select().from(tauxPublics)).toEqual([]);
      expect(await connexion.db.select().from(journalAudit).where(eq(journalAudit.acteur, admin.id))).toEqual([]);
    });
  });

  it("est réservée aux administrateurs : une personne non connectée ou une préfecture n'écrit rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const taux = await ajouter(connexion, admin, internet);
      for (const acteur of [null, prefecture58]) {
        const attendu = acteur ? "nonAutorise" : "nonConnecte";
        expect(await ajouterTaux({ connexion, acteur, donnees: internet, maintenant: t0 })).toEqual({ ok: false, erreur: attendu });
        expect(await modifierTaux({ connexion, acteur, id: taux.id, donnees: { ...internet, taux: "50" }, maintenant: t0 })).toEqual({ ok: false, erreur: attendu });
        expect(await supprimerTaux({ connexion, acteur, id: taux.id, maintenant: t0 })).toEqual({ ok: false, erreur: attendu });
      }
      expect((await listerTaux(connexion.db)).map((t) => t.taux)).toEqual([12.5]);
      expect(await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, `taux-public:${taux.id}`))).toHaveLength(1);
    });
  });

  it("ajouter, modifier, supprimer : chaque changement est au journal d'audit ; une modification concurrente n'écrase rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      const taux = await ajouter(connexion, admin, internet);
      expect(taux).toMatchObject({ libelle: internet.libelle, taux: 12.5, ageMin: null, ageMax: null, source: "CREDOC, Baromètre du numérique 2025", annee: 2025, lien: "https://www.credoc.fr/", ordre: 1, provenance: "saisie" });
      const version = taux.modifieLe.toISOString();
      const modifie = await modifierTaux({ connexion, acteur: admin, id: taux.id, donnees: { ...internet, taux: "13" }, version, maintenant: plus(2) });
      expect(modifie.ok && modifie.valeur.taux).toBe(13);
      // A second form opened before that change.
      expect(await modifierTaux({ connexion, acteur: admin, id: taux.id, donnees: { ...internet, taux: "14" }, version, maintenant: plus(3) })).toEqual({ ok: false, erreur: "tauxModifieEntreTemps" });
      expect(await supprimerTaux({ connexion, acteur: admin, id: taux.id, maintenant: plus(4) })).toMatchObject({ ok: true });
      expect(await supprimerTaux({ connexion, acteur: admin, id: taux.id, maintenant: plus(5) })).toEqual({ ok: false, erreur: "tauxInconnu" });
      const journal = await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, `taux-public:${taux.id}`)).orderBy(journalAudit.le);
      expect(journal.map((j) => [j.action, (j.avant as { taux?: number } | null)?.taux ?? null, (j.apres as { taux?: number } | null)?.taux ?? null, j.acteur])).toEqual([
        ["tauxPublic.ajouter", null, 12.5, admin.id],
        ["tauxPublic.modifier", 12.5, 13, admin.id],
        ["tauxPublic.supprimer", 13, null, admin.id],
      ]);
    });
  });

  it("la démonstration ajoute des taux marqués fictifs, dont un par âge ; le premier taux saisi les retire ; effacer la démonstration les retire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const charge = await chargerDemonstration({ connexion, maintenant: t0 });
      expect(charge.ok && charge.valeur.tauxPublics).toBe(3);
      const demo = await listerTaux(connexion.db);
      expect(demo.every((t) => t.provenance === "demonstration" && t.source === "Données de démonstration — fictives")).toBe(true);
      expect(demo.some((t) => t.ageMin !== null)).toBe(true);
      const d = await estimer(connexion, "58");
      expect(d.demonstration).toBe(true);
      expect(d.estimations.find((e) => e.taux.ageMin === 70)).toMatchObject({ estimation: null, raison: RAISON_SANS_STRUCTURE_PAR_AGE, demonstration: true });
      const admin = await administrateur(connexion);
      expect(await modifierTaux({ connexion, acteur: admin, id: (demo[0] as { id: string }).id, donnees: internet, maintenant: t0 })).toEqual({ ok: false, erreur: "tauxDeDemonstration" });
      await ajouter(connexion, admin, internet);
      expect((await listerTaux(connexion.db)).map((t) => t.provenance)).toEqual(["saisie"]);
      // Loading the demonstration again adds no fictitious rate beside a real one.
      expect(await chargerTauxDeDemonstration(connexion.db, t0, () => undefined)).toBe(0);
      await connexion.db.delete(tauxPublics);
      expect(await chargerTauxDeDemonstration(connexion.db, t0, () => undefined)).toBe(3);
      expect((await effacerDemonstration({ connexion })).tauxPublics).toBe(3);
      expect(await listerTaux(connexion.db)).toEqual([]);
    });
  });
});

describe("estimation des publics sur un territoire", () => {
  it("sans taux saisi : aucune estimation", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const d = await estimer(connexion, "58");
      expect(d).toMatchObject({ territoire: { type: "departement", code: "58", nom: "Nièvre" }, estimations: [], structureParAge: null, demonstration: false });
      expect(await estimerPublics(connexion.db, { codeDepartement: "99" })).toMatchObject({ ok: false, erreur: "departementInconnu" });
      expect(await estimerPublics(connexion.db, { codeDepartement: "xx" })).toMatchObject({ ok: false, erreur: "codeDepartementInvalide" });
    });
  });

  it("un taux sur toute la population s'applique à la population du COG ; le national est la somme des départements ; un taux par âge sans population par âge n'a pas de chiffre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      await ajouter(connexion, admin, internet);
      await ajouter(connexion, admin, seniors);
      const departements = await listerDepartements(connexion.db);
      const nievre = departements.find((x) => x.code === "58")?.population ?? 0;
      expect(nievre).toBeGreaterThan(100_000);
      const d = await estimer(connexion, "58");
      expect(d.population.total).toBe(nievre);
      expect(d.population.source).toMatch(/^Code officiel géographique \d{4} \(INSEE\)$/);
      const [toute, ages] = d.estimations;
      expect(toute?.tranche).toBe("Toute la population");
      expect(toute?.estimationNonArrondie).toBeCloseTo(nievre * 0.125, 6);
      // Three significant figures: about 25 000 in the Nièvre.
      const attendu = Math.round((nievre * 0.125) / 100) * 100;
      expect(toute?.estimation).toBe(attendu);
      expect(espace(toute?.methode)).toBe(`12,5 % × ${espace(nievre.toLocaleString("fr-FR"))} habitants (population : ${d.population.source}) = environ ${espace(attendu.toLocaleString("fr-FR"))} personnes`);
      expect(ages).toMatchObject({ tranche: "60 ans et plus", estimation: null, methode: null, raison: RAISON_SANS_STRUCTURE_PAR_AGE });

      const france = await estimer(connexion, null);
      expect(france.territoire).toEqual({ type: "national", nom: "France" });
      const somme = departements.reduce((s, x) => s + x.population * 0.125, 0);
      expect(france.estimations[0]?.estimationNonArrondie).toBeCloseTo(somme, 3);
      expect(france.population.total).toBe(departements.reduce((s, x) => s + x.population, 0));
    });
  });

  it("un taux par tranche d'âge s'applique à la population par âge importée : classes entières, classes réparties au prorata, classe ouverte, département non couvert", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      await ajouter(connexion, admin, seniors);
      await ajouter(connexion, admin, jeunes);
      await ajouter(connexion, admin, { libelle: "Personnes de 85 ans et plus", taux: "50", ageMin: "85", ageMax: "", source: "CREDOC", annee: "2025", ordre: "4" });
      await importerAges(
        connexion,
        ["code_departement,age_min,age_max,population,annee", "58,0,14,30000,2021", "58,15,19,10000,2021", "58,20,59,80000,2021", "58,60,74,45000,2021", "58,75,,30000,2021"].join("\n"),
      );
      const d = await estimer(connexion, "58");
      expect(d.structureParAge).toMatchObject({ source: "Population par âge (modèle CSV du projet) 2021", dateMiseAJour: "2021-01-01", demonstration: false, departementsCouverts: 1 });
      const [plus60, jeunesAdultes, plus85] = d.estimations;
      // Whole classes: 45 000 + 30 000.
      expect(plus60).toMatchObject({ tranche: "60 ans et plus", populationConcernee: 75000, estimationNonArrondie: 15000, estimation: 15000, prorata: false });
      expect(espace(plus60?.methode)).toBe("20 % × 75 000 habitants de 60 ans et plus (population par âge : Population par âge (modèle CSV du projet) 2021) = environ 15 000 personnes");
      // 18-19: 2/5 of the 15-19 class; 20-29: 10/40 of the 20-59 class.
      expect(jeunesAdultes?.populationConcernee).toBeCloseTo(10000 * (2 / 5) + 80000 * (10 / 40), 6);
      expect(jeunesAdultes).toMatchObject({ tranche: "18 à 29 ans", estimation: 2400, prorata: true });
      expect(espace(jeunesAdultes?.methode)).toContain("les classes « 15 à 19 ans », « 20 à 59 ans » sont comptées au prorata des années d'âge comprises dans la tranche (notre calcul)");
      // The open class 75+ cannot be split.
      expect(plus85).toMatchObject({ estimation: null, raison: "La population par âge importée s'arrête à la classe « 75 ans et plus » : elle ne permet pas d'isoler les 85 ans et plus." });
      // Another département, and France, without their population by age.
      expect((await estimer(connexion, "89")).estimations[0]).toMatchObject({ estimation: null, raison: "La population par âge importée ne couvre pas ce département." });
      expect((await estimer(connexion, null)).estimations[0]).toMatchObject({ estimation: null, raison: "La population par âge importée ne couvre que 1 département sur 101 : pas d'estimation nationale." });
    });
  });

  it("des âges manquants ne donnent pas de chiffre ; l'estimation nationale par âge est la somme de celles des 101 départements", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const admin = await administrateur(connexion);
      await ajouter(connexion, admin, seniors);
      const departements = await listerDepartements(connexion.db);
      const lignes = departements.flatMap((x, i) => [`${x.code},0,59,${1000 + i}`, `${x.code},60,,${500 + i}`]);
      await importerAges(connexion, ["code_departement,age_min,age_max,population", ...lignes].join("\n"));
      let somme = 0;
      for (const x of ["01", "58", "2A", "976"]) {
        const e = (await estimer(connexion, x)).estimations[0];
        expect(e?.raison).toBeNull();
      }
      for (const [i] of departements.entries()) somme += 0.2 * (500 + i);
      const france = (await estimer(connexion, null)).estimations[0];
      expect(france?.estimationNonArrondie).toBeCloseTo(somme, 6);
      expect(france?.populationConcernee).toBe(departements.reduce((s, _x, i) => s + 500 + i, 0));

      await importerAges(connexion, "code_departement,age_min,age_max,population\n58,0,59,1000\n58,65,,500\n");
      expect((await estimer(connexion, "58")).estimations[0]).toMatchObject({ estimation: null, raison: "La population par âge importée ne donne pas les 60 à 64 ans." });
    });
  });
});
