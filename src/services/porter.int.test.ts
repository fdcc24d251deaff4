import fc from "fast-check";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { candidats, courriels, formulairesManifestation, partenairesManifestation } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { modificationDe, noterTicks, type TicksEnAttente } from "@/domain/candidatures/perimetre";
import type { Acteur } from "@/domain/identite/roles";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur } from "./identite";
import { choisirIntention, commencerFormulaire, enregistrerBrouillon, estContenuPorter, formulaireCourant, statistiquesCandidatures } from "./manifestations";
import {
  enregistrerContactPartenaire,
  enregistrerStructure,
  envoyerFeuilleDeRoute,
  lirePorter,
  modifierPerimetre,
  rechercherCollectivites,
  supprimerStructure,
  terminerEtape,
  territoireDuPorteur,
} from "./porter";

const base = utiliserBaseDeTest();
const t0 = new Date("2026-11-29T09:00:00Z");
const contact = { nom: "Martin", prenom: "Camille", fonction: "Vice-présidente", email: "camille.martin@nievre.fr" };

async function declarant(connexion: Connexion, email = "porteur@exemple.fr"): Promise<Acteur & { email: string }> {
  const cree = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role: "contact", perimetres: [], maintenant: t0 });
  if (!cree.ok) throw new Error(cree.erreur);
  return { id: cree.valeur.id, role: "contact", perimetres: [], email };
}

async function formulairePorter(connexion: Connexion, acteur: Acteur, persona: string, code: string) {
  const f = await commencerFormulaire({ db: connexion.db, acteur, persona, maintenant: t0 });
  if (!f.ok) throw new Error(f.erreur);
  const id = f.valeur.id;
  await choisirIntention({ db: connexion.db, acteur, id, intention: "porter", maintenant: t0 });
  await enregistrerBrouillon({ db: connexion.db, acteur, id, brouillon: { code, contactPolitique: contact, gouvernanceLocale: "CRTE du Nivernais" }, maintenant: t0 });
  return id;
}

async function lignesSql<T>(connexion: Connexion, requete: string): Promise<T[]> {
  const r = await connexion.db.execute(requete);
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];
}

describe("formulaire « porter » — conseil départemental", () => {
  it("va de l'étape 1 à l'envoi : périmètre, hors territoire, contacts manquants signalés sans bloquer, structures, comptes de la Nièvre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { db } = connexion;
      const acteur = await declarant(connexion);
      const id = await formulairePorter(connexion, acteur, "conseil-departemental", "58");
      // The steps are taken in order.
      expect(await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: t0 })).toMatchObject({ ok: false, erreur: "etapeInaccessible" });
      expect(await terminerEtape({ db, acteur, id, etape: "informations", maintenant: t0 })).toMatchObject({ ok: true });
      expect(await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: t0 })).toMatchObject({ ok: false, erreur: "perimetreVide" });

      const territoire = await territoireDuPorteur(db, "departement", "58");
      expect(territoire?.departements).toEqual(["58"]);
      expect(territoire?.departementsAuChoix).toBe(false);
      const groupe = territoire?.groupes[0];
      const nevers = groupe?.epci.find((e) => e.communes.some(([code]) => code === "58194"));
      expect(nevers?.communes.find(([code]) => code === "58194")?.[2]).toContain("58000");
      // Every commune of the département is offered exactly once.
      const offertes = (groupe?.epci ?? []).flatMap((e) => e.communes).concat(groupe?.communesSansEpci ?? []);
      expect(new Set(offertes.map(([c]) => c)).size).toBe(offertes.length);
      expect(offertes.length).toBe(territoire?.communes);
      const [{ n: communesDe58 } = { n: -1 }] = await lignesSql<{ n: number }>(connexion, "select count(*)::int as n from communes where code_departement = '58' and type = 'commune-actuelle'");
      expect(offertes.length).toBe(Number(communesDe58));

      const ajout = await modifierPerimetre({ db, acteur, id, modification: { ajouter: [`epci:${nevers?.code}`, "commune:58194", "commune:58086", "commune:89024"], retirer: [] }, maintenant: t0 });
      expect(ajout).toEqual({ ok: true, valeur: { collectivites: 4 } });
      expect(await modifierPerimetre({ db, acteur, id, modification: { ajouter: [], retirer: ["commune:58086"] }, maintenant: t0 })).toEqual({ ok: true, valeur: { collectivites: 3 } });
      const lu = await lirePorter({ db, acteur, id });
      expect(lu.ok && lu.valeur.collectivites.map((c) => [c.cle, c.horsTerritoire])).toEqual([
        [`epci:${nevers?.code}`, false],
        ["commune:58194", false],
        ["commune:89024", true],
      ]);
      expect(await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: t0 })).toMatchObject({ ok: true });

      // Contacts: each checked strictly; going on needs them all, or the box.
      expect(await enregistrerContactPartenaire({ db, acteur, id, cle: "commune:58194", contact: { ...contact, email: "non" }, maintenant: t0 })).toMatchObject({ ok: false, erreur: "formulaireIncomplet" });
      expect(await enregistrerContactPartenaire({ db, acteur, id, cle: "commune:58086", contact, maintenant: t0 })).toMatchObject({ ok: false, erreur: "partenaireInconnu" });
      expect(await enregistrerContactPartenaire({ db, acteur, id, cle: "commune:58194", contact: { ...contact, email: "maire@nevers.fr" }, maintenant: t0 })).toMatchObject({ ok: true });
      expect(await terminerEtape({ db, acteur, id, etape: "contacts", maintenant: t0 })).toMatchObject({ ok: false, erreur: "contactsManquants", details: { nombre: 2 } });
      expect(await terminerEtape({ db, acteur, id, etape: "contacts", contactsPlusTard: true, maintenant: t0 })).toMatchObject({ ok: true });

      // Other structures: added, changed, removed.
      expect(await enregistrerStructure({ db, acteur, id, structure: { nom: "", contact }, maintenant: t0 })).toMatchObject({ ok: false, erreur: "formulaireIncomplet" });
      const s1 = await enregistrerStructure({ db, acteur, id, structure: { nom: "Médiathèque de Nevers", contact }, maintenant: t0 });
      const s2 = await enregistrerStructure({ db, acteur, id, structure: { nom: "Association à retirer", contact }, maintenant: t0 });
      if (!s1.ok || !s2.ok) throw new Error("structures");
      expect(await enregistrerStructure({ db, acteur, id, code: s1.valeur.code, structure: { nom: "Association Numérique en Nivernais", contact }, maintenant: t0 })).toMatchObject({ ok: true });
      expect(await supprimerStructure({ db, acteur, id, code: s2.valeur.code, maintenant: t0 })).toEqual({ ok: true, valeur: undefined });
      expect(await terminerEtape({ db, acteur, id, etape: "structures", maintenant: t0 })).toMatchObject({ ok: true });

      const envoi = await envoyerFeuilleDeRoute({ connexion, acteur, email: acteur.email, id, maintenant: t0 });
      expect(envoi.ok).toBe(true);
      const [candidat] = await db.select().from(candidats);
      expect(candidat).toMatchObject({ cle: "departement:58", nom: "Nièvre", departements: ["58"] });
      const [formulaire] = await db.select().from(formulairesManifestation).where(eq(formulairesManifestation.id, id));
      expect(formulaire?.intention).toBe("porter");
      const contenu = formulaire?.contenu as Parameters<typeof estContenuPorter>[0];
      expect(estContenuPorter(contenu)).toBe(true);
      if (!estContenuPorter(contenu)) return;
      expect(contenu.gouvernanceLocale).toBe("CRTE du Nivernais");
      expect(contenu.contactsManquants).toBe(2);
      // Auxerre lies outside the Nièvre: it counts where the porteur's form counts.
      expect(contenu.partenaires.find((p) => p.code === "89024")).toMatchObject({ horsTerritoire: true, departements: ["58"], contact: null });
      expect(contenu.partenaires.find((p) => p.type === "structure")).toMatchObject({ nom: "Association Numérique en Nivernais", cle: "structure:nom::association numerique en nivernais" });

      expect(await statistiquesCandidatures(db, "58")).toEqual({
        porteurs: { collectivites: 1 },
        partenairesSuggeres: { collectivites: 3, structures: 1 },
        souhaitentParticiper: { collectivites: 0, structures: 0 },
        demonstration: false,
      });
      expect((await statistiquesCandidatures(db, "89")).partenairesSuggeres).toEqual({ collectivites: 0, structures: 0 });

      const [accuse] = await db.select().from(courriels);
      expect(accuse?.texte).toContain("Porter une feuille de route territoriale");
      expect(accuse?.texte).toContain("Auxerre (hors territoire) — contact à compléter");
      expect(accuse?.texte).toContain("marquée incomplète");
      // Sent: read-only.
      expect(await modifierPerimetre({ db, acteur, id, modification: { ajouter: ["commune:58086"], retirer: [] }, maintenant: t0 })).toEqual({ ok: false, erreur: "formulaireEnvoye" });
      const courant = await formulaireCourant({ db, acteur });
      expect(courant.ok && courant.valeur?.etat).toBe("envoye");
    });
  });

  it("une autre collectivité choisie à l'étape 1 fait reprendre les étapes suivantes, sans perdre les cases cochées", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { db } = connexion;
      const acteur = await declarant(connexion);
      const id = await formulairePorter(connexion, acteur, "conseil-departemental", "58");
      await terminerEtape({ db, acteur, id, etape: "informations", maintenant: t0 });
      await modifierPerimetre({ db, acteur, id, modification: { ajouter: ["commune:58194"], retirer: [] }, maintenant: t0 });
      await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: t0 });
      await enregistrerBrouillon({ db, acteur, id, brouillon: { code: "89", contactPolitique: contact }, maintenant: t0 });
      expect(await terminerEtape({ db, acteur, id, etape: "contacts", contactsPlusTard: true, maintenant: t0 })).toMatchObject({ ok: false, erreur: "etapeInaccessible" });
      const etapes = await terminerEtape({ db, acteur, id, etape: "informations", maintenant: t0 });
      expect(etapes).toMatchObject({ ok: true, valeur: { codeValide: "89" } });
      expect(etapes.ok && etapes.valeur.perimetre).toBeUndefined();
      const lu = await lirePorter({ db, acteur, id });
      // Nevers stays ticked, now outside the Yonne.
      expect(lu.ok && lu.valeur.collectivites.map((c) => [c.cle, c.horsTerritoire])).toEqual([["commune:58194", true]]);
      expect(await envoyerFeuilleDeRoute({ connexion, acteur, email: acteur.email, id, maintenant: t0 })).toMatchObject({ ok: false, erreur: "etapeInaccessible" });
    });
  });

  it("refuse les périmètres mal formés, inconnus, la collectivité elle-même, et le formulaire d'un autre", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { db } = connexion;
      const acteur = await declarant(connexion);
      const id = await formulairePorter(connexion, acteur, "conseil-departemental", "58");
      const essayer = (modification: unknown, qui: Acteur | null = acteur) => modifierPerimetre({ db, acteur: qui, id, modification, maintenant: t0 });
      for (const mauvaise of [
        null,
        { ajouter: "commune:58194", retirer: [] },
        { ajouter: ["commune:99999"], retirer: [] },
        { ajouter: ["commune:58194'; drop table communes; --"], retirer: [] },
        { ajouter: ["departement:58"], retirer: [] },
        { ajouter: ["commune:58194"], retirer: ["commune:58194"] },
        { ajouter: ["commune:58194", "commune:58194"], retirer: [] },
      ]) {
        expect(await essayer(mauvaise)).toEqual({ ok: false, erreur: "perimetreInvalide" });
      }
      expect(await essayer({ ajouter: ["commune:58194"], retirer: [] }, null)).toEqual({ ok: false, erreur: "nonConnecte" });
      expect(await essayer({ ajouter: ["commune:58194"], retirer: [] }, await declarant(connexion, "autre@exemple.fr"))).toEqual({ ok: false, erreur: "formulaireInconnu" });
      expect(await db.select().from(partenairesManifestation)).toEqual([]);
      // A "participer" form has no perimeter.
      const autre = await declarant(connexion, "participant@exemple.fr");
      const f = await commencerFormulaire({ db, acteur: autre, persona: "commune", maintenant: t0 });
      expect(await modifierPerimetre({ db, acteur: autre, id: f.ok ? f.valeur.id : "", modification: { ajouter: ["commune:58194"], retirer: [] }, maintenant: t0 })).toEqual({
        ok: false,
        erreur: "intentionInvalide",
      });
    });
  });

  it("quelle que soit la suite de cases cochées et décochées, et le moment des envois, l'ensemble enregistré est celui des cases cochées en dernier", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { db } = connexion;
      const territoire = await territoireDuPorteur(db, "departement", "58");
      const epci = territoire?.groupes[0]?.epci.slice(0, 2) ?? [];
      // A few EPCI, their communes ("Sélectionner toutes les communes"), one outside commune.
      const cles = [...epci.map((e) => `epci:${e.code}`), ...epci.flatMap((e) => e.communes.slice(0, 4).map(([c]) => `commune:${c}`)), "commune:89024"];
      const groupesDeCommunes = epci.map((e) => e.communes.slice(0, 4).map(([c]) => `commune:${c}`));
      const tick = fc.oneof(
        fc.record({ cles: fc.constantFrom(...cles).map((c) => [c]), coche: fc.boolean() }),
        fc.record({ cles: fc.constantFrom(...groupesDeCommunes), coche: fc.boolean() }),
      );
      let numero = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ tick, envoyer: fc.boolean() }), { minLength: 1, maxLength: 25 }), async (suite) => {
          numero += 1;
          const acteur = await declarant(connexion, `porteur-${numero}@exemple.fr`);
          const id = await formulairePorter(connexion, acteur, "conseil-departemental", "58");
          const ecran = new Set<string>();
          let attente: TicksEnAttente = new Map();
          const envoyer = async () => {
            if (attente.size === 0) return;
            const r = await modifierPerimetre({ db, acteur, id, modification: modificationDe(attente), maintenant: t0 });
            expect(r.ok).toBe(true);
            attente = new Map();
          };
          for (const { tick: t, envoyer: maintenant } of suite) {
            for (const c of t.cles) {
            if (t.coche) ecran.add(c);
            else ecran.delete(c);
          }
            attente = noterTicks(attente, t.cles, t.coche);
            if (maintenant) await envoyer();
          }
          await envoyer();
          const stockees = await db.select().from(partenairesManifestation).where(eq(partenairesManifestation.formulaireId, id));
          expect(stockees.map((s) => `${s.type}:${s.code}`).sort()).toEqual([...ecran].sort());
        }),
        { numRuns: 25 },
      );
    });
  });
});

describe("formulaire « porter » — EPCI sur deux départements", () => {
  it("propose les deux départements, et compte le porteur et ses partenaires dans chacun", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const { db } = connexion;
      const [aCheval] = await lignesSql<{ code: string }>(
        connexion,
        `select ec.code_epci as code from epci_communes ec join communes c on c.code = ec.code_commune join epci e on e.code = ec.code_epci
         where e.nature <> 'EPT' group by ec.code_epci having count(distinct c.code_departement) = 2 order by ec.code_epci limit 1`,
      );
      const code = aCheval?.code as string;
      const acteur = await declarant(connexion);
      const id = await formulairePorter(connexion, acteur, "epci", code);
      expect(await terminerEtape({ db, acteur, id, etape: "informations", maintenant: t0 })).toMatchObject({ ok: true });
      const territoire = await territoireDuPorteur(db, "epci", code);
      expect(territoire?.departements).toHaveLength(2);
      expect(territoire?.departementsAuChoix).toBe(true);
      const [d1, d2] = territoire?.departements ?? [];
      // Its own box is refused; a commune of each département and the second département are taken.
      expect(await modifierPerimetre({ db, acteur, id, modification: { ajouter: [`epci:${code}`], retirer: [] }, maintenant: t0 })).toEqual({ ok: false, erreur: "perimetreInvalide" });
      const premiereCommune = (d: string | undefined) => territoire?.groupes.find((g) => g.departement.code === d)?.epci.find((e) => e.code === code)?.communes[0]?.[0];
      const ajout = [`commune:${premiereCommune(d1)}`, `commune:${premiereCommune(d2)}`, `departement:${d2}`];
      expect(await modifierPerimetre({ db, acteur, id, modification: { ajouter: ajout, retirer: [] }, maintenant: t0 })).toMatchObject({ ok: true });
      await terminerEtape({ db, acteur, id, etape: "perimetre", maintenant: t0 });
      for (const cle of ajout) expect(await enregistrerContactPartenaire({ db, acteur, id, cle, contact, maintenant: t0 })).toMatchObject({ ok: true });
      expect(await terminerEtape({ db, acteur, id, etape: "contacts", maintenant: t0 })).toMatchObject({ ok: true });
      await terminerEtape({ db, acteur, id, etape: "structures", maintenant: t0 });
      const envoi = await envoyerFeuilleDeRoute({ connexion, acteur, email: acteur.email, id, maintenant: t0 });
      expect(envoi.ok && estContenuPorter(envoi.valeur.contenu) && envoi.valeur.contenu.contactsManquants).toBe(0);
      const [candidat] = await db.select().from(candidats);
      expect(candidat?.departements.sort()).toEqual([d1, d2].sort());
      for (const d of [d1, d2] as string[]) {
        const stats = await statistiquesCandidatures(db, d);
        expect(stats.porteurs).toEqual({ collectivites: 1 });
        // Each département counts its own commune; the département d2 counts in d2.
        expect(stats.partenairesSuggeres).toEqual({ collectivites: d === d2 ? 2 : 1, structures: 0 });
      }
    });
  });
});

describe("recherche « hors territoire »", () => {
  it("trouve une collectivité de France par son nom sans accents, son code ou son code postal", async () => {
    const { db } = base.connexion();
    const nevers = await rechercherCollectivites(db, "nevers");
    expect(nevers.ok && nevers.valeur[0]).toMatchObject({ cle: "commune:58194", nom: "Nevers" });
    const postal = await rechercherCollectivites(db, "58000");
    expect(postal.ok && postal.valeur.map((c) => c.cle)).toContain("commune:58194");
    const yonne = await rechercherCollectivites(db, "yonne");
    expect(yonne.ok && yonne.valeur.map((c) => c.cle)).toContain("departement:89");
    const accents = await rechercherCollectivites(db, "ile de france");
    expect(accents.ok && accents.valeur.map((c) => c.cle)).toContain("region:11");
    for (const mauvaise of ["a", "", 3, "x".repeat(61), "ne\u0000vers"]) expect(await rechercherCollectivites(db, mauvaise)).toEqual({ ok: false, erreur: "rechercheInvalide" });
    expect(await rechercherCollectivites(db, "%%")).toEqual({ ok: true, valeur: expect.any(Array) });
  });
});
