/*
 * Campaigns and deadlines (PRODUCT §6 and §10): the national team opens a campaign (name, opening
 * and closing dates) and may extend it for a département; a gouvernance sent back "à compléter"
 * reopens until the date the national team sets; a validated one is locked. This module says,
 * for one département at one moment, whether its gouvernance can be edited and until when: the
 * server asks it before every write, the pages show what it says.
 */

export interface Campagne {
  id: string;
  nom: string;
  ouverture: Date;
  cloture: Date;
}

export type EtatDeLaGouvernance = "aucune" | "brouillon" | "deposee" | "validee" | "aCompleter";

export type RaisonFermeture = "pasEncoreOuverte" | "close" | "validee" | "reouvertureEchue";

export type Fenetre =
  /** `jusquau` null: no campaign yet, no deadline. */
  | { modifiable: true; jusquau: Date | null; campagne: Campagne | null }
  | { modifiable: false; raison: RaisonFermeture; jusquau: Date | null; campagne: Campagne | null };

/** The campaign that applies at this moment: the last one opened, or else the next to open. */
export function campagneCourante(campagnes: readonly Campagne[], maintenant: Date): Campagne | null {
  const ouvertes = campagnes.filter((c) => c.ouverture <= maintenant).sort((a, b) => b.ouverture.getTime() - a.ouverture.getTime());
  if (ouvertes[0]) return ouvertes[0];
  const avenir = [...campagnes].sort((a, b) => a.ouverture.getTime() - b.ouverture.getTime());
  return avenir[0] ?? null;
}

/**
 * Whether the gouvernance of a département can be edited now, and until when.
 * - validée: locked;
 * - à compléter: until the date the national team set when sending it back;
 * - otherwise: from the campaign's opening to its closing, or to the département's extension when later.
 */
export function fenetreDeModification(p: {
  campagne: Campagne | null;
  /** The extension of this département for this campaign, if any. */
  prolongation: Date | null;
  etat: EtatDeLaGouvernance;
  /** "À compléter": editable until then. */
  reouvertureJusquau: Date | null;
  maintenant: Date;
}): Fenetre {
  const { campagne, maintenant } = p;
  if (p.etat === "validee") return { modifiable: false, raison: "validee", jusquau: null, campagne };
  if (p.etat === "aCompleter" && p.reouvertureJusquau) {
    return maintenant <= p.reouvertureJusquau
      ? { modifiable: true, jusquau: p.reouvertureJusquau, campagne }
      : { modifiable: false, raison: "reouvertureEchue", jusquau: p.reouvertureJusquau, campagne };
  }
  if (!campagne) return { modifiable: true, jusquau: null, campagne: null };
  const jusquau = p.prolongation && p.prolongation > campagne.cloture ? p.prolongation : campagne.cloture;
  if (maintenant < campagne.ouverture) return { modifiable: false, raison: "pasEncoreOuverte", jusquau, campagne };
  if (maintenant > jusquau) return { modifiable: false, raison: "close", jusquau, campagne };
  return { modifiable: true, jusquau, campagne };
}

/** The deadline notices due (PRODUCT §6): 7 days and 1 day before the closing, for a gouvernance not yet déposée. */
export const RAPPELS_JOURS = [7, 1] as const;

export function datesDesRappels(jusquau: Date): Array<{ jours: (typeof RAPPELS_JOURS)[number]; le: Date }> {
  return RAPPELS_JOURS.map((jours) => ({ jours, le: new Date(jusquau.getTime() - jours * 24 * 3600 * 1000) }));
}

/** The end of a day in Paris (23:59:59.999), from "AAAA-MM-JJ": what a date typed by the national team means. */
export function finDeJourneeAParis(jour: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(jour)) return null;
  const [a, m, j] = jour.split("-").map(Number) as [number, number, number];
  const midiUtc = new Date(Date.UTC(a, m - 1, j, 12));
  if (midiUtc.getUTCFullYear() !== a || midiUtc.getUTCMonth() !== m - 1 || midiUtc.getUTCDate() !== j) return null;
  // Paris is UTC+1 in winter and UTC+2 in summer (last Sunday of March to last Sunday of October, at 01:00 UTC).
  const dernierDimanche = (mois: number) => {
    const d = new Date(Date.UTC(a, mois + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d;
  };
  const fin = new Date(Date.UTC(a, m - 1, j, 23, 59, 59, 999));
  const ete = fin >= dernierDimanche(2) && fin < dernierDimanche(9);
  return new Date(fin.getTime() - (ete ? 2 : 1) * 3600 * 1000);
}
