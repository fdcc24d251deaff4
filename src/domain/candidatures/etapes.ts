/*
 * The five steps of the "porter" form (PRODUCT §4). The current step follows from what is saved:
 * the first step not done; step 1 counts as done only for the collectivité it was checked with,
 * so choosing another collectivité brings the person back to it. Earlier steps stay reachable.
 */

export const ETAPES_PORTER = ["informations", "perimetre", "contacts", "structures", "recapitulatif"] as const;
export type EtapePorter = (typeof ETAPES_PORTER)[number];

/** What a form keeps of its steps: when each was done, and the collectivité step 1 was checked with. */
export interface EtapesTerminees {
  informations?: string;
  perimetre?: string;
  contacts?: string;
  structures?: string;
  codeValide?: string;
}

export function estEtapePorter(valeur: unknown): valeur is EtapePorter {
  return typeof valeur === "string" && (ETAPES_PORTER as readonly string[]).includes(valeur);
}

/** Reads the stored value loosely: anything unexpected counts as not done. */
export function lireEtapes(valeur: unknown): EtapesTerminees {
  if (!valeur || typeof valeur !== "object") return {};
  const lu: EtapesTerminees = {};
  for (const cle of ["informations", "perimetre", "contacts", "structures", "codeValide"] as const) {
    const v = (valeur as Record<string, unknown>)[cle];
    if (typeof v === "string" && v.length > 0) lu[cle] = v;
  }
  return lu;
}

/** Whether a step is done, given the collectivité currently chosen in step 1. */
export function etapeTerminee(etape: EtapePorter, etapes: EtapesTerminees, codeChoisi: string | undefined): boolean {
  if (etape === "recapitulatif") return false;
  if (!etapes.informations || !codeChoisi || etapes.codeValide !== codeChoisi) return false;
  return Boolean(etapes[etape]);
}

/** The first step not done (the récapitulatif once the four others are). */
export function etapeCourante(etapes: EtapesTerminees, codeChoisi: string | undefined): EtapePorter {
  return ETAPES_PORTER.find((e) => !etapeTerminee(e, etapes, codeChoisi)) ?? "recapitulatif";
}

/** The steps the person may open: every step up to the current one. */
export function etapesAccessibles(etapes: EtapesTerminees, codeChoisi: string | undefined): EtapePorter[] {
  const courante = ETAPES_PORTER.indexOf(etapeCourante(etapes, codeChoisi));
  return ETAPES_PORTER.slice(0, courante + 1);
}

/** The step shown for a request: the one asked for when reachable, else the current one. */
export function etapeAffichee(demandee: unknown, etapes: EtapesTerminees, codeChoisi: string | undefined): EtapePorter {
  const accessibles = etapesAccessibles(etapes, codeChoisi);
  return estEtapePorter(demandee) && accessibles.includes(demandee) ? demandee : etapeCourante(etapes, codeChoisi);
}

/** What is kept after step 1 is checked: a new collectivité means the later steps are to be confirmed again. */
export function apresInformations(etapes: EtapesTerminees, code: string, le: string): EtapesTerminees {
  if (etapes.codeValide === code) return { ...etapes, informations: le };
  return { informations: le, codeValide: code };
}

export function titreEtape(etape: EtapePorter, court: string): string {
  switch (etape) {
    case "informations":
      return `Renseignez votre ${court}`;
    case "perimetre":
      return "Périmètre de votre feuille de route";
    case "contacts":
      return "Contacts des collectivités partenaires";
    case "structures":
      return "Autres structures impliquées";
    case "recapitulatif":
      return "Récapitulatif";
  }
}
