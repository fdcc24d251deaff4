import { eq, inArray } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { campagnes, departements, gouvernances, sectionsGouvernance } from "@/db/schema";
import type { ContenusSections, Section } from "@/domain/gouvernance/formulaire";

/*
 * The demonstration gouvernances (fictitious, labelled): a campaign open around the day the dataset
 * is loaded, and three départements in three states — déposée, validée, à compléter — so that every
 * screen and the open API have something to show. Loaded only where nothing real exists: no real
 * campaign, no gouvernance started in those départements. The Nièvre is left alone (it is where a
 * newcomer tries the form).
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

/** Loads the demonstration campaign and gouvernances where nothing real stands; returns how many gouvernances were written. */
export async function chargerGouvernancesDeDemonstration(db: Executeur, maintenant: Date): Promise<{ campagne: boolean; gouvernances: number }> {
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
  return { campagne, gouvernances: ecrites };
}

/** Removes the demonstration campaign and gouvernances (their sections and history go with them). */
export async function effacerGouvernancesDeDemonstration(db: Executeur): Promise<number> {
  await db.delete(campagnes).where(eq(campagnes.demonstration, true));
  return (await db.delete(gouvernances).where(eq(gouvernances.demonstration, true)).returning({ code: gouvernances.codeDepartement })).length;
}
