import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { and, desc, eq, max, sql } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { documentsFeuillesDeRoute, gouvernances, journalAudit, sectionsGouvernance } from "@/db/schema";
import { OCTETS_DE_SIGNATURE, verifierDocument, type ErreurDocument } from "@/domain/gouvernance/documents";
import type { ContenusSections } from "@/domain/gouvernance/formulaire";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { sha256Hex } from "@/integrations/stockage/signature-v4";
import { stockageSelonConfiguration, type Stockage } from "@/integrations/stockage/stockage";
import { fenetreDeLaGouvernance } from "./campagnes";
import { departementAutorise } from "./gouvernance";
import type { ErreurDepartement } from "./territoires";

export type { Stockage } from "@/integrations/stockage/stockage";

/*
 * The document of each feuille de route (PRODUCT §6), with every version kept. Depositing asks
 * the permission policy (modifierEspaceDepartement), refuses after the deadline, needs the
 * feuille in the saved section "feuillesDeRoute" and a file the domain accepts (kind recognised by
 * its extension and its first bytes, 25 Mo at most). The bytes go to the store first, under a key
 * made here; then, in one transaction, the row (next version of that feuille) and the audit line.
 * A failure after the bytes are written leaves them unreferenced, never a row without its bytes.
 * Reading asks lireEspaceDepartement.
 */

export interface DocumentFeuille {
  id: string;
  codeDepartement: string;
  feuilleId: string;
  version: number;
  nomFichier: string;
  typeMime: string;
  taille: number;
  empreinteSha256: string;
  deposeLe: Date;
  deposePar: string | null;
}

export type ErreurAccesDocuments = ErreurDepartement | "nonConnecte" | "nonAutorise";
export type ErreurDepotDocument = ErreurAccesDocuments | "horsDelai" | "feuilleInconnue" | "fichierInvalide";
export type ErreurLectureDocument = ErreurAccesDocuments | "documentInconnu" | "fichierIndisponible";

export interface FichierDepose {
  /** The name the browser gave. */
  nom: string;
  /** The type the browser announced: kept for nothing, the type served comes from the checked kind. */
  type: string;
  octets: Uint8Array;
}

const IDENTIFIANT_FEUILLE = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the saved section "feuillesDeRoute" of the département has this feuille; its name if so. */
async function feuilleEnregistree(db: Executeur, code: string, feuilleId: string): Promise<{ nom: string } | null> {
  if (!IDENTIFIANT_FEUILLE.test(feuilleId)) return null;
  const [ligne] = await db
    .select({ contenu: sectionsGouvernance.contenu })
    .from(sectionsGouvernance)
    .where(and(eq(sectionsGouvernance.codeDepartement, code), eq(sectionsGouvernance.section, "feuillesDeRoute")));
  const feuilles = (ligne?.contenu as Partial<ContenusSections["feuillesDeRoute"]> | undefined)?.feuilles;
  const feuille = Array.isArray(feuilles) ? feuilles.find((f) => f?.id === feuilleId) : undefined;
  return feuille ? { nom: String(feuille.nom ?? "") } : null;
}

const enDocument = (l: typeof documentsFeuillesDeRoute.$inferSelect): DocumentFeuille => ({
  id: l.id,
  codeDepartement: l.codeDepartement,
  feuilleId: l.feuilleId,
  version: l.version,
  nomFichier: l.nomFichier,
  typeMime: l.typeMime,
  taille: l.taille,
  empreinteSha256: l.empreinteSha256,
  deposeLe: l.deposeLe,
  deposePar: l.deposePar,
});

/**
 * Everything that can be refused before the file is read: the person, the deadline, the feuille.
 * The route asks it before reading a body of up to 25 Mo; deposerDocumentFeuille asks it again.
 */
export async function verifierDepotDocument(p: {
  db: Executeur;
  acteur: Acteur | null;
  code: string;
  feuilleId: string;
  maintenant: Date;
}): Promise<Resultat<{ code: string; feuille: { id: string; nom: string } }, Exclude<ErreurDepotDocument, "fichierInvalide">>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "modifierEspaceDepartement");
  if (!departement.ok) return departement;
  // The campaign's window, as for every write to the gouvernance.
  const fenetre = await fenetreDeLaGouvernance(p.db, departement.valeur.code, p.maintenant);
  if (!fenetre.modifiable) return echec("horsDelai", { dateLimite: fenetre.jusquau, raison: fenetre.raison });
  const feuille = await feuilleEnregistree(p.db, departement.valeur.code, p.feuilleId);
  if (!feuille) return echec("feuilleInconnue", { feuilleId: p.feuilleId });
  return succes({ code: departement.valeur.code, feuille: { id: p.feuilleId, nom: feuille.nom } });
}

/**
 * Deposits a new version of the document of a feuille de route. A refused file answers
 * "fichierInvalide" with the domain's reason and its French message in `details`.
 */
export async function deposerDocumentFeuille(p: {
  connexion: Connexion;
  acteur: Acteur | null;
  code: string;
  feuilleId: string;
  fichier: FichierDepose;
  maintenant: Date;
  stockage?: Stockage;
}): Promise<Resultat<DocumentFeuille, ErreurDepotDocument>> {
  const { db } = p.connexion;
  const possible = await verifierDepotDocument({ db, acteur: p.acteur, code: p.code, feuilleId: p.feuilleId, maintenant: p.maintenant });
  if (!possible.ok) return possible;
  const acteur = p.acteur as Acteur;
  const { code } = possible.valeur;

  const verification = verifierDocument({ nom: p.fichier.nom, taille: p.fichier.octets.length, premiersOctets: p.fichier.octets.subarray(0, OCTETS_DE_SIGNATURE) });
  if (!verification.ok) return echec("fichierInvalide", { raison: verification.erreur satisfies ErreurDocument, message: verification.message });
  const { nomFichier, typeMime, taille } = verification.document;

  const id = randomUUID();
  const cleStockage = `feuilles-de-route/${code}/${id}`;
  const empreinteSha256 = sha256Hex(p.fichier.octets);
  await (p.stockage ?? stockageSelonConfiguration()).ecrire(cleStockage, p.fichier.octets, { typeMime });

  return db.transaction(async (tx) => {
    // Deposits of one département follow one another: each reads the last version, then writes the next.
    await tx.execute(sql`select 1 from ${gouvernances} where ${gouvernances.codeDepartement} = ${code} for update`);
    if (!(await feuilleEnregistree(tx, code, p.feuilleId))) return echec("feuilleInconnue", { feuilleId: p.feuilleId });
    const [derniere] = await tx
      .select({ version: max(documentsFeuillesDeRoute.version) })
      .from(documentsFeuillesDeRoute)
      .where(and(eq(documentsFeuillesDeRoute.codeDepartement, code), eq(documentsFeuillesDeRoute.feuilleId, p.feuilleId)));
    const version = Number(derniere?.version ?? 0) + 1;
    const [ligne] = await tx
      .insert(documentsFeuillesDeRoute)
      .values({ id, codeDepartement: code, feuilleId: p.feuilleId, version, nomFichier, typeMime, taille, empreinteSha256, cleStockage, deposeLe: p.maintenant, deposePar: acteur.id })
      .returning();
    const document = enDocument(ligne as typeof documentsFeuillesDeRoute.$inferSelect);
    await tx.insert(journalAudit).values({
      acteur: acteur.id,
      action: "gouvernance.deposerDocument",
      cible: `gouvernance:${code}:feuillesDeRoute:${p.feuilleId}`,
      avant: null,
      apres: { id, feuilleId: p.feuilleId, version, nomFichier, typeMime, taille, empreinteSha256 },
      le: p.maintenant,
    });
    return succes(document);
  });
}

/** Every document of the département's feuilles de route: feuille id → its versions, newest first. */
export async function listerDocumentsFeuilles(p: { db: Executeur; acteur: Acteur | null; code: string }): Promise<Resultat<Record<string, DocumentFeuille[]>, ErreurAccesDocuments>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  const lignes = await p.db
    .select()
    .from(documentsFeuillesDeRoute)
    .where(eq(documentsFeuillesDeRoute.codeDepartement, departement.valeur.code))
    .orderBy(documentsFeuillesDeRoute.feuilleId, desc(documentsFeuillesDeRoute.version));
  const parFeuille: Record<string, DocumentFeuille[]> = {};
  for (const l of lignes) (parFeuille[l.feuilleId] ??= []).push(enDocument(l));
  return succes(parFeuille);
}

/** One document of the département, with its bytes as a stream. Another département's id is "documentInconnu". */
export async function lireDocumentFeuille(p: {
  db: Executeur;
  acteur: Acteur | null;
  code: string;
  id: string;
  stockage?: Stockage;
}): Promise<Resultat<{ document: DocumentFeuille; flux: Readable }, ErreurLectureDocument>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  if (!UUID.test(p.id)) return echec("documentInconnu");
  const [ligne] = await p.db
    .select()
    .from(documentsFeuillesDeRoute)
    .where(and(eq(documentsFeuillesDeRoute.id, p.id.toLowerCase()), eq(documentsFeuillesDeRoute.codeDepartement, departement.valeur.code)));
  if (!ligne) return echec("documentInconnu");
  const flux = await (p.stockage ?? stockageSelonConfiguration()).ouvrir(ligne.cleStockage);
  if (!flux) return echec("fichierIndisponible", { id: ligne.id });
  return succes({ document: enDocument(ligne), flux });
}
