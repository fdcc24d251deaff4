import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { historiqueGouvernance, utilisateurs } from "@/db/schema";
import { decrireModification, type NomsConnus } from "@/domain/gouvernance/differences";
import { SECTIONS, type ContenusSections, type Section } from "@/domain/gouvernance/formulaire";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { departementAutorise, referentielPerimetre, type ErreurGouvernance } from "./gouvernance";

/*
 * "Historique des modifications" of one section of a gouvernance (PRODUCT §6: every save is kept,
 * who, when, what changed): the saves written by enregistrerSection, newest first, each told in
 * French lines by the domain. Whoever may read the département's space may read its history.
 */

export interface EntreeHistorique {
  version: number;
  modifieLe: Date;
  /** "Prénom Nom", else the e-mail address; "Compte supprimé" when the account is gone. */
  auteur: string;
  lignes: string[];
}

export interface PageHistorique {
  entrees: EntreeHistorique[];
  /** The version to read before ("Afficher les versions précédentes"), null when the first save is in this page. */
  suite: number | null;
}

export type ErreurHistorique = ErreurGouvernance | "sectionInconnue" | "formulaireInvalide";

export const AUTEUR_INCONNU = "Compte supprimé";
export const TAILLE_PAGE_HISTORIQUE = 50;
const TAILLE_PAGE_MAX = 200;

function nomDeLAuteur(u: { prenom: string | null; nom: string | null; email: string | null }): string {
  const nom = [u.prenom, u.nom].map((p) => p?.trim() ?? "").filter((p) => p !== "").join(" ");
  return nom || u.email || AUTEUR_INCONNU;
}

/**
 * Member key → name, from every saved list of members of the département (the latest name of
 * each): a co-porteur or porteur removed from the members since is still named.
 */
async function nomsDesMembres(db: Executeur, code: string): Promise<Map<string, string>> {
  const resultat = await db.execute(sql`
    select distinct on (m ->> 'cle') m ->> 'cle' as cle, m ->> 'nom' as nom
    from ${historiqueGouvernance} h
    cross join lateral jsonb_array_elements(coalesce(h.apres -> 'membres', '[]'::jsonb)) as m
    where h.code_departement = ${code} and h.section = 'membres' and jsonb_typeof(m) = 'object'
    order by m ->> 'cle', h.version desc`);
  const lignes = (resultat as unknown as { rows: Array<{ cle: string | null; nom: string | null }> }).rows;
  return new Map(lignes.flatMap((l) => (l.cle && l.nom ? [[l.cle, l.nom] as [string, string]] : [])));
}

/**
 * The history of a section, newest first, `limite` entries at a time (50 by default); `avantLaVersion`
 * continues from the `suite` of the previous page.
 */
export async function historiqueDeLaSection(p: {
  db: Executeur;
  acteur: Acteur | null;
  code: string;
  section: string;
  avantLaVersion?: number;
  limite?: number;
}): Promise<Resultat<PageHistorique, ErreurHistorique>> {
  const departement = await departementAutorise(p.db, p.acteur, p.code, "lireEspaceDepartement");
  if (!departement.ok) return departement;
  if (!(SECTIONS as readonly string[]).includes(p.section)) return echec("sectionInconnue");
  const section = p.section as Section;
  if (p.avantLaVersion !== undefined && !(Number.isInteger(p.avantLaVersion) && p.avantLaVersion > 0)) return echec("formulaireInvalide", { detail: "version invalide." });
  const limite = Math.min(TAILLE_PAGE_MAX, Math.max(1, Math.floor(p.limite ?? TAILLE_PAGE_HISTORIQUE)));
  const code = departement.valeur.code;

  const lignes = await p.db
    .select({
      version: historiqueGouvernance.version,
      avant: historiqueGouvernance.avant,
      apres: historiqueGouvernance.apres,
      modifieLe: historiqueGouvernance.modifieLe,
      prenom: utilisateurs.prenom,
      nom: utilisateurs.nom,
      email: utilisateurs.email,
    })
    .from(historiqueGouvernance)
    .leftJoin(utilisateurs, eq(utilisateurs.id, historiqueGouvernance.modifiePar))
    .where(
      and(
        eq(historiqueGouvernance.codeDepartement, code),
        eq(historiqueGouvernance.section, section),
        p.avantLaVersion === undefined ? undefined : lt(historiqueGouvernance.version, p.avantLaVersion),
      ),
    )
    .orderBy(desc(historiqueGouvernance.version))
    .limit(limite + 1);

  const page = lignes.slice(0, limite);
  const noms: NomsConnus = {};
  if (page.length && (section === "coPorteurs" || section === "feuillesDeRoute")) noms.membres = await nomsDesMembres(p.db, code);
  if (page.length && section === "feuillesDeRoute") noms.referentiel = await referentielPerimetre(p.db, code);

  return succes({
    entrees: page.map((l) => ({
      version: l.version,
      modifieLe: l.modifieLe,
      auteur: nomDeLAuteur(l),
      lignes: decrireModification(section, l.avant as ContenusSections[Section] | null, l.apres as ContenusSections[Section], noms),
    })),
    suite: lignes.length > limite ? (page.at(-1)?.version ?? null) : null,
  });
}
