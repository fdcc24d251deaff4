import type { Executeur } from "@/db/client";
import { decider, type Decision } from "@/domain/identite/permissions";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { obtenirDepartement, type ErreurDepartement } from "./territoires";

/*
 * Which view of a département's gouvernance space a person gets: the préfecture space for the
 * agents of its territory (and the national team), the public read-only view for everyone else.
 * The permission policy decides; pages only render what this returns.
 */

export interface EspaceDepartement {
  departement: { code: string; nom: string; region: { code: string; nom: string } };
  vue: "prefecture" | "publique";
  peutModifier: boolean;
}

export async function ouvrirEspaceDepartement(params: { db: Executeur; acteur: Acteur | null; code: string }): Promise<Resultat<EspaceDepartement, ErreurDepartement>> {
  const resultat = await obtenirDepartement(params.db, params.code);
  if (!resultat.ok) return resultat;
  const d = resultat.valeur;
  if (d.collectiviteOutreMer) return echec("departementInconnu", { code: params.code });
  const cible = { type: "departement" as const, code: d.code, codeRegion: d.region.code };
  const lecture: Decision = decider(params.acteur, "lireEspaceDepartement", cible);
  return succes({
    departement: { code: d.code, nom: d.nom, region: d.region },
    vue: lecture.autorise ? "prefecture" : "publique",
    peutModifier: decider(params.acteur, "modifierEspaceDepartement", cible).autorise,
  });
}

/** Whether the person may use the national administration. */
export function peutAdministrer(acteur: Acteur | null): Decision {
  return decider(acteur, "administrer", { type: "national" });
}
