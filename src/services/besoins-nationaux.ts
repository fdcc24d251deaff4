import type { Executeur } from "@/db/client";
import { syntheseNationale, type SyntheseBesoins } from "@/domain/besoins/synthese";
import { cellulesParBesoin, cellulesXlsxBesoin, COLONNES_BESOINS, COLONNES_PAR_BESOIN, csvBesoins, lignesDExportBesoins, nomDuFichierBesoins } from "@/domain/exports/besoins";
import { SEPARATEURS, type Separateur } from "@/domain/exports/contacts";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { classeurXlsx } from "@/integrations/tableur/classeur";
import { besoinsNationaux } from "./besoins";

/*
 * The national team's view of the besoins en ingénierie financière (PRODUCT §7): the synthesis of
 * every département's needs, and its downloads. The permission is besoinsNationaux's
 * (lireEspaceNational). The whole file is built in memory: at most 101 départements × 17 needs.
 */

export type RefusNational = "nonConnecte" | "nonAutorise";

export async function syntheseDesBesoinsNationaux(p: { db: Executeur; acteur: Acteur | null }): Promise<Resultat<SyntheseBesoins, RefusNational>> {
  const lignes = await besoinsNationaux(p);
  return lignes.ok ? succes(syntheseNationale(lignes.valeur)) : echec(lignes.erreur);
}

export interface FichierBesoins {
  nom: string;
  contenu: Uint8Array;
}

const LARGEURS_BESOINS = [10, 24, 36, 50, 40, 14, 14, 14, 8, 14, 18];
const LARGEURS_PAR_BESOIN = [40, 60, 14, 14, 18, 14, 18, 12];

/**
 * "besoins.csv" or "besoins.xlsx" (the sheet "Besoins", a line per département × need, and the
 * sheet "Par besoin"). The CSV's separator is "point-virgule" or "virgule", as the person asked:
 * checked after the permission, so that a refused person learns nothing from it.
 */
export async function exporterBesoinsNationaux(p: {
  db: Executeur;
  acteur: Acteur | null;
  format: "csv" | "xlsx";
  separateur?: string;
  maintenant: Date;
}): Promise<Resultat<FichierBesoins, RefusNational | "separateurInvalide">> {
  const lus = await besoinsNationaux(p);
  if (!lus.ok) return echec(lus.erreur);
  const separateur = p.separateur ?? "point-virgule";
  if (p.format === "csv" && !Object.hasOwn(SEPARATEURS, separateur)) return echec("separateurInvalide");
  const lignes = lignesDExportBesoins(lus.valeur);
  const nom = nomDuFichierBesoins(p.maintenant, p.format);
  if (p.format === "csv") return succes({ nom, contenu: new TextEncoder().encode(csvBesoins(lignes, separateur as Separateur)) });
  const contenu = await classeurXlsx([
    { nom: "Besoins", colonnes: COLONNES_BESOINS.map((titre, i) => ({ titre, largeur: LARGEURS_BESOINS[i] ?? 20 })), lignes: lignes.map(cellulesXlsxBesoin) },
    {
      nom: "Par besoin",
      colonnes: COLONNES_PAR_BESOIN.map((titre, i) => ({ titre, largeur: LARGEURS_PAR_BESOIN[i] ?? 20 })),
      lignes: syntheseNationale(lus.valeur).items.map(cellulesParBesoin),
    },
  ]);
  return succes({ nom, contenu: new Uint8Array(contenu) });
}
