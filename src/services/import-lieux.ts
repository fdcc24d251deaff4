import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { ceder, insererEnJson } from "@/db/lots";
import { communes, jeuxDeDonnees, lieuxInclusionNumerique } from "@/db/schema";
import { versLieuV1 } from "@/domain/donnees/data-inclusion";
import { dedoublonner, type LieuAComparer } from "@/domain/donnees/dedoublonnage";
import { detecterVersion, lireLieu, type DeriveesLieu, type EnregistrementBrut, type LieuV1, type VersionStandard } from "@/domain/donnees/lieux";
import { LIBELLES_NATURES, type Provenance } from "@/domain/donnees/provenance";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { abandonnerJeu, activerJeu, bilanSiInchange, lignesRejetees, lireCsv, lireTableauJson, ouvrirJeu, rejeter, sonder, type BilanImport, type ErreurImport, type LigneDeRapport, type ParametresImport, bilanDImport } from "./import-commun";
import { resolveurDeCommunes } from "./resolution-communes";

/*
 * Import of lieux d'inclusion numérique: a file of the national standard (CSV or JSON, v1.0.x or
 * v0.1, told apart by its columns) or data·inclusion structures (JSON). Every row is checked and
 * normalised to v1 (see `lireLieu`), its commune resolved against the reference territories,
 * and the set replaces the previous one of its kind (with the demonstration places). Then the
 * places of all the active sets are deduplicated again: a place found in several sources points
 * to the one that stands for them, which lists the merged sources.
 */

export const NATURES_LIEUX = ["lieux", "data-inclusion"] as const;
/** Places per statement: each batch's JSON (about 1 KB a place) passes through the embedded database's memory, which never shrinks. */
const LOT_LIEUX = 250;
export type NatureLieux = (typeof NATURES_LIEUX)[number];

export interface BilanImportLieux extends BilanImport {
  format: "csv" | "json";
  version: VersionStandard | "data-inclusion";
  /** Places that turned out to be another source's description of a place (after this import). */
  fusionnes: number;
}

interface LieuLu {
  lieu: LieuV1;
  derivees: DeriveesLieu;
  codeCommune: string;
}

export async function importerLieux(p: ParametresImport & { nature: NatureLieux }): Promise<Resultat<BilanImportLieux, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const [unecommune] = await db.select({ code: communes.code }).from(communes).limit(1);
  if (!unecommune) return echec("territoiresAbsents");
  const resoudre = await resolveurDeCommunes(db);

  const rapports: LigneDeRapport[] = [];
  const ids = new Set<string>();
  // Places are written as they are read, in batches, into a set "en chargement": memory holds one
  // batch, whatever the size of the file. The same file as the one in service is seen at the end
  // (its SHA-256 needs every byte): the new set is then dropped.
  const jeuId = await ouvrirJeu({
    db,
    nature: p.nature,
    source: p.nature === "data-inclusion" ? "data·inclusion — structures" : "Lieux de médiation numérique (standard national)",
    fichier: p.source.nom,
    maintenant: p.maintenant,
  });
  let lot: LieuLu[] = [];
  let enregistres = 0;
  const ecrireLot = async () => {
    if (!lot.length) return;
    const aEcrire = lot;
    lot = [];
    await insererEnJson(db, lieuxInclusionNumerique, aEcrire.map((l) => ligneDeLieu(l, jeuId, "import")));
    enregistres += aEcrire.length;
    await ceder();
  };
  let corrigees = 0;
  let versionVue: VersionStandard | "data-inclusion" | null = p.nature === "data-inclusion" ? "data-inclusion" : null;

  const traiter = async (brut: EnregistrementBrut, numero: number, version: VersionStandard) => {
    const l = lireLieu(brut, version);
    if (!l.ok) {
      rejeter(rapports, numero, l.problemes);
      return;
    }
    if (ids.has(l.lieu.id)) {
      rapports.push({ nature: "rejet", ligne: numero, champ: "id", valeur: l.lieu.id, raison: "Identifiant déjà présent plus haut dans le fichier : la première ligne est gardée." });
      return;
    }
    const commune = resoudre({ codeInsee: l.lieu.code_insee, codePostal: l.lieu.code_postal, nom: l.lieu.commune });
    if (!commune) {
      rapports.push({ nature: "rejet", ligne: numero, champ: "code_insee", valeur: [l.lieu.code_insee, l.lieu.code_postal, l.lieu.commune].filter(Boolean).join(" "), raison: "Commune introuvable par son code INSEE, ni par son code postal et son nom." });
      return;
    }
    ids.add(l.lieu.id);
    // Found by postal code and name when the file gives no INSEE code (v0.1 had none): the normal way, not a correction.
    const corrections = [...l.corrections, ...(commune.via && (l.lieu.code_insee || commune.detour) ? [{ champ: "code_insee", valeur: l.lieu.code_insee ?? [l.lieu.code_postal, l.lieu.commune].filter(Boolean).join(" "), raison: commune.via }] : [])];
    if (corrections.length) {
      corrigees += 1;
      for (const c of corrections) rapports.push({ nature: "correction", ligne: numero, ...c });
    }
    lot.push({ lieu: { ...l.lieu, code_insee: commune.code }, derivees: l.derivees, codeCommune: commune.code });
    if (lot.length >= LOT_LIEUX) await ecrireLot();
  };

  /** Reads the file into the new set and swaps it in; on any failure, the new set goes. */
  const lireEtActiver = async (): Promise<Resultat<{ lu: { empreinte: string; lignesLues: number }; format: "csv" | "json"; rejetees: number }, ErreurImport> | { inchange: BilanImportLieux }> => {
    const sondee = await sonder(p.source);
    const format = sondee.debut.startsWith("[") ? "json" : "csv";
    const lu =
      format === "json"
        ? await lireTableauJson({
            source: sondee.source,
            rapports,
            progression,
            element: (valeur, numero) => {
              if (!valeur || typeof valeur !== "object" || Array.isArray(valeur)) {
                rapports.push({ nature: "rejet", ligne: numero, champ: null, valeur: null, raison: "Élément qui n'est pas un objet JSON." });
                return;
              }
              const objet = valeur as Record<string, unknown>;
              if (p.nature === "data-inclusion") return traiter(versLieuV1(objet), numero, "v1");
              // JSON omits empty fields: each object tells its version, else the file's so far.
              const version = detecterVersion(Object.keys(objet)) ?? (versionVue === "v0" || versionVue === "v1" ? versionVue : "v1");
              versionVue ??= version;
              return traiter(objet, numero, version);
            },
          })
        : p.nature === "data-inclusion"
          ? { ok: false as const, erreur: "enteteInvalide" as const, detail: "les structures data·inclusion s'importent depuis leur fichier JSON" }
          : await lireCsv<{ noms: string[]; version: VersionStandard }>({
              source: sondee.source,
              rapports,
              progression,
              entete: (champs) => {
                const noms = champs.map((c) => c.trim().toLowerCase());
                if (!noms.includes("id") || !noms.includes("nom")) return { ok: false, detail: "colonnes id et nom introuvables" };
                const version = detecterVersion(noms) ?? "v1";
                versionVue = version;
                return { ok: true, valeur: { noms, version } };
              },
              ligne: (champs, numero, entete) => {
                const brut: EnregistrementBrut = {};
                entete.noms.forEach((nom, i) => {
                  brut[nom] = champs[i];
                });
                return traiter(brut, numero, entete.version);
              },
            });
    if (!lu.ok) {
      await abandonnerJeu(db, jeuId);
      return echec(lu.erreur, { detail: lu.detail });
    }
    await ecrireLot();
    if (p.nature === "data-inclusion" && enregistres === 0 && lu.lignesLues > 0 && rapports.length === 0) {
      await abandonnerJeu(db, jeuId);
      return echec("enteteInvalide", { detail: "aucune structure data·inclusion reconnue" });
    }

    const inchange = p.forcer ? null : await bilanSiInchange({ db, nature: p.nature, empreinte: lu.empreinte, fichier: p.source.nom, lignesLues: lu.lignesLues, progression });
    if (inchange) {
      await abandonnerJeu(db, jeuId);
      return { inchange: { ...inchange, format, version: versionVue ?? "v1", fusionnes: 0 } };
    }

    const rejetees = lignesRejetees(rapports);
    // Real places of any kind replace the demonstration places.
    await activerJeu({ db, jeuId, nature: p.nature, empreinte: lu.empreinte, comptes: { acceptees: lu.lignesLues - rejetees, corrigees, rejetees }, rapports, demonstrationsRemplacees: [...NATURES_LIEUX] });
    return succes({ lu, format, rejetees });
  };
  let etape: Awaited<ReturnType<typeof lireEtActiver>>;
  try {
    etape = await lireEtActiver();
  } catch (e) {
    await abandonnerJeu(db, jeuId);
    throw e;
  }
  if ("inchange" in etape) return succes(etape.inchange);
  if (!etape.ok) return etape;
  const { lu, format, rejetees } = etape.valeur;
  progression("Dédoublonnage des lieux de toutes les sources…");
  const fusion = await dedoublonnerLieux(db, "import");
  const bilan: BilanImportLieux = {
    ...bilanDImport({ jeu: jeuId, fichier: p.source.nom, lignesLues: lu.lignesLues, corrigees, rejetees, enregistrees: enregistres, sansDonnees: 0, rapports }),
    format,
    version: versionVue ?? "v1",
    fusionnes: fusion.fusionnes,
  };
  progression(
    `${LIBELLES_NATURES[p.nature]} (${format.toUpperCase()}, ${bilan.version === "data-inclusion" ? "data·inclusion" : bilan.version === "v0" ? "standard 0.1 converti en 1.0" : "standard 1.0"}) : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées (dont ${corrigees.toLocaleString("fr-FR")} corrigées), ${rejetees.toLocaleString("fr-FR")} rejetées ; ${fusion.fusionnes.toLocaleString("fr-FR")} lieux décrits aussi par une autre source, fusionnés dans ${fusion.groupes.toLocaleString("fr-FR")} lieux.`,
  );
  return succes(bilan);
}

export function ligneDeLieu(l: LieuLu, jeuId: string, provenance: Provenance): typeof lieuxInclusionNumerique.$inferInsert {
  return {
    jeuDeDonneesId: jeuId,
    provenance,
    identifiantSource: l.lieu.id,
    nom: l.lieu.nom,
    adresse: l.lieu.adresse,
    codePostal: l.lieu.code_postal,
    codeCommune: l.codeCommune,
    typologies: l.lieu.typologie,
    dispositifs: l.lieu.dispositif_programmes_nationaux,
    source: l.lieu.source,
    pivot: l.lieu.pivot,
    latitude: l.lieu.latitude,
    longitude: l.lieu.longitude,
    services: l.lieu.services,
    categorie: l.derivees.categorie,
    qpv: l.derivees.qpv,
    frr: l.derivees.frr,
    dateMaj: l.lieu.date_maj,
    champs: l.lieu as unknown as Record<string, unknown>,
  };
}

/**
 * Deduplicates the places of the active sets of one provenance (real places are never compared
 * with demonstration ones) and records the result in one short transaction: each merged place
 * points to the place standing for its group, which lists the group's sources.
 */
export async function dedoublonnerLieux(db: Executeur, provenance: Provenance): Promise<{ fusionnes: number; groupes: number }> {
  const lignes = await db
    .select({
      id: lieuxInclusionNumerique.id,
      nature: jeuxDeDonnees.nature,
      source: lieuxInclusionNumerique.source,
      codeCommune: lieuxInclusionNumerique.codeCommune,
      typologies: lieuxInclusionNumerique.typologies,
      latitude: lieuxInclusionNumerique.latitude,
      longitude: lieuxInclusionNumerique.longitude,
      nom: lieuxInclusionNumerique.nom,
      adresse: lieuxInclusionNumerique.adresse,
      dateMaj: lieuxInclusionNumerique.dateMaj,
    })
    .from(lieuxInclusionNumerique)
    .innerJoin(jeuxDeDonnees, eq(jeuxDeDonnees.id, lieuxInclusionNumerique.jeuDeDonneesId))
    .where(and(eq(jeuxDeDonnees.etat, "actif"), eq(lieuxInclusionNumerique.provenance, provenance), inArray(jeuxDeDonnees.nature, [...NATURES_LIEUX])));
  const libelleSource = (l: (typeof lignes)[number]) => l.source || LIBELLES_NATURES[l.nature as NatureLieux] || l.nature;
  const aComparer: LieuAComparer[] = lignes.map((l) => ({ ...l, cle: l.id, source: `${l.nature}:${l.source ?? ""}` }));
  const { groupes } = dedoublonner(aComparer);
  const parId = new Map(lignes.map((l) => [l.id, l]));
  const jeux = await idsDesJeux(db, provenance);
  await db.transaction(async (tx) => {
    if (jeux.length) {
      await tx
        .update(lieuxInclusionNumerique)
        .set({ doublonDe: null, scoreDoublon: null, sourcesFusionnees: sql`'{}'::text[]` })
        .where(and(inArray(lieuxInclusionNumerique.jeuDeDonneesId, jeux), or(isNotNull(lieuxInclusionNumerique.doublonDe), sql`cardinality(${lieuxInclusionNumerique.sourcesFusionnees}) > 0`)));
    }
    const membres = groupes.flatMap((g) => g.membres.map((m) => ({ id: m.cle, representant: g.representant, score: m.score })));
    for (let i = 0; i < membres.length; i += 500) {
      const lot = membres.slice(i, i + 500);
      await tx.execute(
        sql`update lieux_inclusion_numerique as l set doublon_de = v.representant::uuid, score_doublon = v.score::integer from (values ${sql.join(
          lot.map((m) => sql`(${m.id}, ${m.representant}, ${m.score})`),
          sql`, `,
        )}) as v(id, representant, score) where l.id = v.id::uuid`,
      );
    }
    for (let i = 0; i < groupes.length; i += 500) {
      const lot = groupes.slice(i, i + 500);
      await tx.execute(
        sql`update lieux_inclusion_numerique as l set sources_fusionnees = string_to_array(v.sources, chr(31)) from (values ${sql.join(
          lot.map((g) => {
            const sources = [...new Set([g.representant, ...g.membres.map((m) => m.cle)].map((id) => libelleSource(parId.get(id) as (typeof lignes)[number])))].sort();
            return sql`(${g.representant}, ${sources.join("\u001f")})`;
          }),
          sql`, `,
        )}) as v(id, sources) where l.id = v.id::uuid`,
      );
    }
  });
  return { fusionnes: groupes.reduce((s, g) => s + g.membres.length, 0), groupes: groupes.length };
}

async function idsDesJeux(db: Executeur, provenance: Provenance): Promise<string[]> {
  const jeux = await db
    .select({ id: jeuxDeDonnees.id })
    .from(jeuxDeDonnees)
    .where(and(inArray(jeuxDeDonnees.nature, [...NATURES_LIEUX]), eq(jeuxDeDonnees.provenance, provenance), eq(jeuxDeDonnees.etat, "actif")));
  return jeux.map((j) => j.id);
}

/** The merged places of a département (or all), for review: each with the place standing for it and the score. */
export async function listerDoublons(db: Executeur, options: { departement?: string; limite?: number } = {}) {
  const representants = db.$with("representants").as(db.select({ id: lieuxInclusionNumerique.id, nom: lieuxInclusionNumerique.nom, adresse: lieuxInclusionNumerique.adresse, source: lieuxInclusionNumerique.source }).from(lieuxInclusionNumerique));
  const requete = db
    .with(representants)
    .select({
      nom: lieuxInclusionNumerique.nom,
      adresse: lieuxInclusionNumerique.adresse,
      source: lieuxInclusionNumerique.source,
      score: lieuxInclusionNumerique.scoreDoublon,
      codeCommune: lieuxInclusionNumerique.codeCommune,
      nomRepresentant: representants.nom,
      adresseRepresentant: representants.adresse,
      sourceRepresentant: representants.source,
    })
    .from(lieuxInclusionNumerique)
    .innerJoin(representants, eq(representants.id, lieuxInclusionNumerique.doublonDe))
    .innerJoin(communes, eq(communes.code, lieuxInclusionNumerique.codeCommune))
    .where(options.departement ? eq(communes.codeDepartement, options.departement) : undefined)
    .orderBy(lieuxInclusionNumerique.codeCommune, lieuxInclusionNumerique.nom)
    .limit(options.limite ?? 100);
  return requete;
}
