import { and, eq, inArray } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { besoins, besoinsDepartements, campagnes, departements, gouvernances, sectionsGouvernance } from "@/db/schema";
import { CARTE_RESSOURCE_HUMAINE, cartesAClasser, lireClassement, lireSelection } from "@/domain/besoins/besoins";
import type { ContenusSections, Section } from "@/domain/gouvernance/formulaire";

/*
 * The demonstration gouvernances (fictitious, labelled): a campaign open around the day the dataset
 * is loaded, and three départements in three states — déposée, validée, à compléter — so that every
 * screen and the open API have something to show. Loaded only where nothing real exists: no real
 * campaign, no gouvernance started in those départements. The Nièvre is left alone (it is where a
 * newcomer tries the form). The same three départements get fictitious besoins en ingénierie
 * financière (PRODUCT §7): two ranked, one selected but not ranked yet.
 */

const JOUR_MS = 24 * 3600 * 1000;
export const NOM_CAMPAGNE_DEMONSTRATION = "Campagne de démonstration (fictive)";

const EXEMPLES: ReadonlyArray<{ code: string; etat: "deposee" | "validee" | "aCompleter" }> = [
  { code: "21", etat: "deposee" },
  { code: "89", etat: "validee" },
  { code: "71", etat: "aCompleter" },
];

function contenus(code: string, nom: string): { [S in Section]: ContenusSections[S] } {
  const departement = `collectivite:departement:${code}`;
  return {
    sousPrefet: { prenom: "Camille", nom: "Exemple (fictif)", email: `sous-prefet.demo.${code}@efne.invalid` },
    coPorteurs: { sansCoPorteur: false, coPorteurs: [departement] },
    membres: { membres: [{ cle: departement, nom, type: "departement", origine: "prefecture" }] },
    comitologie: { comites: [{ id: "demo-comite", type: "strategique", frequence: "semestrielle", commentaire: "Exemple fictif de démonstration." }] },
    feuillesDeRoute: {
      feuilles: [{ id: "demo-feuille", nom: `Feuille de route ${nom} (démonstration)`, porteur: departement, perimetre: { type: "departemental" }, contrat: { existe: false } }],
    },
    coordination: { recruteurs: [{ cle: departement, nom }] },
    noteDeContexte: { note: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Données de démonstration — fictives : cette gouvernance n'existe pas." }] }] } },
  };
}

/**
 * The fictitious besoins: the selection as step 1 sends it, and the ranking as step 2 sends it
 * (null: not ranked yet, the cards keep the catalogue's order as after step 1).
 */
const BESOINS_DE_DEMONSTRATION: ReadonlyArray<{ code: string; selection: unknown[]; classement: string[] | null }> = [
  {
    code: "21",
    selection: [
      { categorie: "formalisation", item: "diagnostic", prestation: true },
      { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true },
      { categorie: "financement", item: "animation", etp: 1 },
      { categorie: "formation", item: "agentsPublics", personnes: 60 },
    ],
    classement: [CARTE_RESSOURCE_HUMAINE, "prestation:formalisation.redaction", "formation:formation.agentsPublics", "prestation:formalisation.diagnostic"],
  },
  {
    code: "89",
    selection: [
      { categorie: "financement", item: "fondsLocal", prestation: true },
      { categorie: "financement", item: "dossiersSubvention", etp: 0.5, prestation: true },
      { categorie: "outillage", item: "autre", precision: "Exemple fictif : cartographier les lieux de médiation numérique", prestation: true },
      { categorie: "formation", item: "salariesAssociatifs", personnes: 25 },
      { categorie: "formation", item: "qualiopi" },
    ],
    classement: [
      "prestation:financement.dossiersSubvention",
      "formation:formation.salariesAssociatifs",
      CARTE_RESSOURCE_HUMAINE,
      "prestation:financement.fondsLocal",
      "prestation:outillage.autre",
      "formation:formation.qualiopi",
    ],
  },
  {
    code: "71",
    selection: [
      { categorie: "formalisation", item: "coConstruction", etp: 1 },
      { categorie: "outillage", item: "reconditionnement", prestation: true },
      { categorie: "formation", item: "agentsPublics", personnes: 30 },
    ],
    classement: null,
  },
];

/** The rows of a demonstration example, read by the domain as the service reads a browser's. */
function lignesDeBesoins(exemple: (typeof BESOINS_DE_DEMONSTRATION)[number]) {
  const lu = lireSelection({ besoins: exemple.selection });
  if (!lu.ok) throw new Error(`Besoins de démonstration invalides (${exemple.code}) : ${JSON.stringify(lu.erreurs)}`);
  const cartes = cartesAClasser(lu.besoins).map((c) => c.cle);
  const classement = exemple.classement ? lireClassement(exemple.classement, cartes) : { ok: true as const, classement: cartes };
  if (!classement.ok) throw new Error(`Classement de démonstration invalide (${exemple.code}) : ${classement.message}`);
  const rang = (cle: string) => {
    const i = classement.classement.indexOf(cle);
    return i < 0 ? null : i + 1;
  };
  return {
    besoins: lu.besoins.map((b) => ({
      codeDepartement: exemple.code,
      categorie: b.categorie,
      item: b.item,
      precision: b.precision ?? null,
      etp: b.etp ?? null,
      prestation: b.prestation ?? false,
      personnes: b.personnes ?? null,
      rang: rang(`${b.prestation ? "prestation" : "formation"}:${b.categorie}.${b.item}`),
    })),
    rangRessourceHumaine: rang(CARTE_RESSOURCE_HUMAINE),
    classe: exemple.classement !== null,
  };
}

/**
 * The demonstration besoins, where the département has no besoins of its own and no real
 * gouvernance started; loading again replaces them. Returns how many départements got some.
 */
async function chargerBesoinsDeDemonstration(db: Executeur, maintenant: Date): Promise<number> {
  const codes = BESOINS_DE_DEMONSTRATION.map((e) => e.code);
  await db.delete(besoinsDepartements).where(and(eq(besoinsDepartements.demonstration, true), inArray(besoinsDepartements.codeDepartement, codes)));
  const reels = new Set([
    ...(await db.select({ code: besoinsDepartements.codeDepartement }).from(besoinsDepartements).where(inArray(besoinsDepartements.codeDepartement, codes))).map((b) => b.code),
    ...(await db
      .select({ code: gouvernances.codeDepartement })
      .from(gouvernances)
      .where(and(eq(gouvernances.demonstration, false), inArray(gouvernances.codeDepartement, codes)))).map((g) => g.code),
  ]);
  const existants = new Set((await db.select({ code: departements.code }).from(departements).where(inArray(departements.code, codes))).map((d) => d.code));
  const saisie = new Date(maintenant.getTime() - 10 * JOUR_MS);
  let ecrits = 0;
  for (const exemple of BESOINS_DE_DEMONSTRATION) {
    if (reels.has(exemple.code) || !existants.has(exemple.code)) continue;
    const lignes = lignesDeBesoins(exemple);
    await db.insert(besoinsDepartements).values({
      codeDepartement: exemple.code,
      version: lignes.classe ? 2 : 1,
      rangRessourceHumaine: lignes.rangRessourceHumaine,
      selectionModifieeLe: saisie,
      classementEnregistreLe: lignes.classe ? new Date(saisie.getTime() + JOUR_MS) : null,
      modifieLe: lignes.classe ? new Date(saisie.getTime() + JOUR_MS) : saisie,
      demonstration: true,
    });
    await db.insert(besoins).values(lignes.besoins);
    ecrits += 1;
  }
  return ecrits;
}

/** Loads the demonstration campaign, gouvernances and besoins where nothing real stands; returns how many gouvernances and besoins were written. */
export async function chargerGouvernancesDeDemonstration(db: Executeur, maintenant: Date): Promise<{ campagne: boolean; gouvernances: number; besoins: number }> {
  const existantes = await db.select({ demonstration: campagnes.demonstration }).from(campagnes);
  let campagne = false;
  if (!existantes.some((c) => !c.demonstration)) {
    await db.delete(campagnes).where(eq(campagnes.demonstration, true));
    await db.insert(campagnes).values({
      nom: NOM_CAMPAGNE_DEMONSTRATION,
      ouverture: new Date(maintenant.getTime() - 30 * JOUR_MS),
      cloture: new Date(maintenant.getTime() + 60 * JOUR_MS),
      demonstration: true,
      creeLe: maintenant,
    });
    campagne = true;
  }
  const codes = EXEMPLES.map((e) => e.code);
  const dejaLa = new Set((await db.select({ code: gouvernances.codeDepartement }).from(gouvernances).where(inArray(gouvernances.codeDepartement, codes))).map((g) => g.code));
  const noms = new Map((await db.select({ code: departements.code, nom: departements.nom }).from(departements).where(inArray(departements.code, codes))).map((d) => [d.code, d.nom]));
  let ecrites = 0;
  for (const exemple of EXEMPLES) {
    const nom = noms.get(exemple.code);
    if (!nom || dejaLa.has(exemple.code)) continue;
    const depot = new Date(maintenant.getTime() - 7 * JOUR_MS);
    await db.insert(gouvernances).values({
      codeDepartement: exemple.code,
      etat: exemple.etat,
      creeLe: depot,
      modifieLe: depot,
      deposeeLe: depot,
      notifieeLe: depot,
      demonstration: true,
      ...(exemple.etat === "deposee"
        ? {}
        : {
            instruiteLe: new Date(maintenant.getTime() - 2 * JOUR_MS),
            ...(exemple.etat === "aCompleter"
              ? { messageInstruction: "Exemple fictif : précisez la fréquence du comité technique.", reouvertureJusquau: new Date(maintenant.getTime() + 30 * JOUR_MS) }
              : {}),
          }),
    });
    for (const [section, contenu] of Object.entries(contenus(exemple.code, nom))) {
      await db.insert(sectionsGouvernance).values({ codeDepartement: exemple.code, section, contenu, version: 1, modifieLe: depot });
    }
    ecrites += 1;
  }
  return { campagne, gouvernances: ecrites, besoins: await chargerBesoinsDeDemonstration(db, maintenant) };
}

/**
 * Removes the demonstration campaign, gouvernances (their sections and history go with them) and
 * besoins (their rows and history go with the département's row); returns how many gouvernances.
 */
export async function effacerGouvernancesDeDemonstration(db: Executeur): Promise<number> {
  await db.delete(campagnes).where(eq(campagnes.demonstration, true));
  await db.delete(besoinsDepartements).where(eq(besoinsDepartements.demonstration, true));
  return (await db.delete(gouvernances).where(eq(gouvernances.demonstration, true)).returning({ code: gouvernances.codeDepartement })).length;
}
