/*
 * Fictitious candidates for the demonstration mode: real collectivités of a few départements (so
 * that the counts and the attribution rule can be seen at work) whose candidacy is invented, and
 * invented structures. Every contact and every structure says it is fictitious.
 */

export interface CollectiviteSource {
  type: "departement" | "epci" | "commune";
  code: string;
  nom: string;
}

export interface CandidatureDeDemonstration {
  type: "departement" | "epci" | "commune" | "structure";
  code: string | null;
  nom: string;
  codeDepartement: string | null;
  contact: { nom: string; prenom: string; fonction: string; email: string };
  /** The département "porte" a feuille de route (with the other collectivités as partners). */
  porteur?: true;
}

const PRENOMS = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Morgan", "Charlie", "Lou"];

/** Départements that get demonstration candidates (the Nièvre among them), how many structures each, and whether the département "porte". */
export const DEPARTEMENTS_DEMONSTRATION: ReadonlyArray<{ code: string; structures: number; porteur?: true }> = [
  { code: "58", structures: 3, porteur: true },
  { code: "89", structures: 2 },
  { code: "21", structures: 1 },
];

export function genererCandidaturesDeDemonstration(collectivites: CollectiviteSource[], codeDepartement: string, structures: number, porteur = false): CandidatureDeDemonstration[] {
  const contact = (i: number, fonction: string) => {
    const prenom = PRENOMS[i % PRENOMS.length] as string;
    return { nom: "Démonstration", prenom, fonction, email: `${prenom.toLowerCase()}.demonstration.${codeDepartement}.${i}@efne.invalid` };
  };
  const lignes: CandidatureDeDemonstration[] = collectivites.map((c, i) => ({
    type: c.type,
    code: c.code,
    nom: c.nom,
    codeDepartement: null,
    contact: contact(i, c.type === "commune" ? "Maire (fictif)" : c.type === "epci" ? "Président (fictif)" : "Vice-président (fictif)"),
    ...(porteur && c.type === "departement" ? { porteur: true as const } : {}),
  }));
  for (let i = 0; i < structures; i += 1) {
    lignes.push({
      type: "structure",
      code: null,
      nom: `Association fictive de démonstration n° ${i + 1} (${codeDepartement})`,
      codeDepartement,
      contact: contact(collectivites.length + i, "Responsable (fictif)"),
    });
  }
  return lignes;
}

/** The structure a demonstration porteur names among its partners. */
export function structurePartenaireDeDemonstration(codeDepartement: string) {
  return {
    nom: `Espace numérique fictif de démonstration (${codeDepartement})`,
    contact: { nom: "Démonstration", prenom: "Lou", fonction: "Coordinatrice (fictive)", email: `partenaire.demonstration.${codeDepartement}@efne.invalid` },
  };
}
