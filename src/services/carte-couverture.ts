import type { Executeur } from "@/db/client";
import { dessinerCarte } from "@/domain/donnees/carte";
import type { DessinCommunes } from "@/domain/gouvernance/couverture";
import { formesActives } from "./cartes";

/*
 * The communes of a département drawn for the coverage map of the feuilles de route (the
 * gouvernance form colours them in the browser as the feuilles de route change). Projection and
 * simplification run here, once per set of shapes: a set never changes once active, so the
 * drawing is kept in memory under its id for the few last départements drawn.
 */

export type { DessinCommunes };

type Trace = Pick<DessinCommunes, "largeur" | "hauteur" | "communes">;

const TAILLE_CACHE = 24;
const CLE_CACHE = Symbol.for("efne.cache-dessins-communes");
const traces = ((globalThis as Record<symbol, Map<string, Trace>>)[CLE_CACHE] ??= new Map());

/** The communes of the département as SVG path data, or null when no shape of commune is imported for it. */
export async function dessinCommunesDuDepartement(db: Executeur, code: string): Promise<DessinCommunes | null> {
  const formes = await formesActives(db, "communes", code);
  if (formes === null || formes.formes.length === 0) return null;
  const cle = `${formes.jeu}|${code}`;
  let trace = traces.get(cle);
  if (!trace) {
    const carte = dessinerCarte({ zones: formes.formes.map((f) => ({ code: f.code, nom: f.nom, anneaux: f.anneaux })) });
    trace = {
      largeur: carte.largeur,
      hauteur: carte.hauteur,
      communes: formes.formes.flatMap((f, i) => {
        const d = carte.zones[i]?.d ?? "";
        return d === "" ? [] : [{ code: f.code, nom: f.nom ?? f.code, d }];
      }),
    };
    traces.set(cle, trace);
    while (traces.size > TAILLE_CACHE) traces.delete(traces.keys().next().value as string);
  }
  if (trace.communes.length === 0) return null;
  return { ...trace, source: formes.source, dateMiseAJour: formes.dateMiseAJour };
}
