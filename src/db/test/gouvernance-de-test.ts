import type { Connexion } from "../client";
import { gouvernances, sectionsGouvernance } from "../schema";
import type { ContenusGouvernance } from "@/domain/gouvernance/formulaire";
import { referentielPerimetre } from "@/services/gouvernance";

/*
 * Gouvernances written straight into their tables, for the tests of what reads them (the public
 * view, the API, the print view): a state, dates and sections, with a private contact and note
 * whose text the tests look for in every answer.
 */

const maintenant = new Date("2026-11-29T10:00:00Z");
export const EMAIL_SOUS_PREFET = "sous-prefet.secret@nievre.gouv.fr";
export const NOM_SOUS_PREFET = "Secrète-Référente";
export const TEXTE_NOTE = "Éléments confidentiels de la note de contexte";
const CANDIDAT = "candidat:0b6a4c1e-2f1d-4d7a-9c43-1b2a3c4d5e6f";

/** A gouvernance written straight into its tables: its state, its dates and its sections. */
export async function gouvernanceEcrite(connexion: Connexion, code: string, etat: string, contenus: ContenusGouvernance, dates: { deposeeLe?: Date; instruiteLe?: Date } = {}) {
  await connexion.db.insert(gouvernances).values({ codeDepartement: code, etat, creeLe: maintenant, modifieLe: maintenant, deposeeLe: dates.deposeeLe ?? null, instruiteLe: dates.instruiteLe ?? null });
  for (const [section, contenu] of Object.entries(contenus)) {
    await connexion.db.insert(sectionsGouvernance).values({ codeDepartement: code, section, contenu, version: 1, modifieLe: maintenant });
  }
}

/** A complete gouvernance of the Nièvre: a départemental feuille de route, and one on the first EPCI of the département. */
export async function contenusDeLaNievre(connexion: Connexion): Promise<ContenusGouvernance> {
  const referentiel = await referentielPerimetre(connexion.db, "58");
  const epci = referentiel.epci[0];
  if (!epci) throw new Error("Territoires de la Nièvre absents de la base de test");
  return {
    sousPrefet: { prenom: "Claire", nom: NOM_SOUS_PREFET, email: EMAIL_SOUS_PREFET },
    coPorteurs: { sansCoPorteur: false, coPorteurs: ["collectivite:departement:58"] },
    membres: {
      membres: [
        { cle: "collectivite:departement:58", nom: "Nièvre", type: "departement", origine: "prefecture" },
        { cle: `collectivite:epci:${epci.code}`, nom: epci.nom, type: "epci", origine: "prefecture" },
        { cle: CANDIDAT, nom: "Commune d'Achun", type: "commune", origine: "candidat" },
        { cle: "siret:13002526500013", nom: "Association Numérique", type: "structure", origine: "prefecture", siret: "13002526500013" },
      ],
    },
    comitologie: { comites: [{ id: "c1", type: "strategique", frequence: "trimestrielle" }] },
    feuillesDeRoute: {
      feuilles: [
        { id: "f1", nom: "Nièvre numérique", porteur: "collectivite:departement:58", perimetre: { type: "departemental" }, contrat: { existe: true, type: "CRTE" } },
        { id: "f2", nom: `Feuille de route ${epci.nom}`, porteur: CANDIDAT, perimetre: { type: "epci", epci: [epci.code] }, contrat: { existe: false } },
      ],
    },
    coordination: { recruteurs: [{ cle: "siret:13002526500013", nom: "Association Numérique", siret: "13002526500013" }] },
    noteDeContexte: { note: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: TEXTE_NOTE }] }] } },
  };
}
