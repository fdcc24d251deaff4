import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { ceder, enLots } from "@/db/lots";
import { candidats, communes, departements, epci, epciCommunes, formulairesManifestation, indicesFragilite, jeuxDeDonnees, lieuxInclusionNumerique, tauxPublics, utilisateurs } from "@/db/schema";
import type { Persona } from "@/domain/candidatures/personas";
import { cleDuCandidat } from "@/domain/candidatures/cle";
import { DEPARTEMENTS_DEMONSTRATION, genererCandidaturesDeDemonstration, structurePartenaireDeDemonstration, type CollectiviteSource } from "@/domain/demonstration/candidatures";
import { analyserTables, compter } from "@/db/sql";
import { genererLieuxDeDemonstration } from "@/domain/demonstration/lieux";
import { EMAIL_ADMINISTRATEUR_DEMONSTRATION, LIBELLE_DONNEES_DEMONSTRATION, LIBELLES_NATURES, type NatureJeuDeDonnees } from "@/domain/donnees/provenance";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { chargerGouvernancesDeDemonstration, effacerGouvernancesDeDemonstration } from "./demonstration-gouvernances";
import { creerUtilisateur } from "./identite";
import { dedoublonnerLieux, ligneDeLieu } from "./import-lieux";
import { attribuer, enregistrerCandidature, type ContenuFormulaire, type PartenaireEnvoye } from "./manifestations";
import { jeuxRetenus } from "./tableau-de-bord";
import type { Progression } from "./territoires";

const ACTEUR_DEMONSTRATION = "demonstration";

/** The demonstration administrator, created with the demonstration data and removed with it. */
async function assurerAdministrateurDeDemonstration(connexion: Connexion, maintenant: Date, progression: Progression) {
  const [existant] = await connexion.db.select({ id: utilisateurs.id }).from(utilisateurs).where(eq(utilisateurs.email, EMAIL_ADMINISTRATEUR_DEMONSTRATION));
  if (existant) return;
  const resultat = await creerUtilisateur({ connexion, acteur: ACTEUR_DEMONSTRATION, email: EMAIL_ADMINISTRATEUR_DEMONSTRATION, role: "administrateur", perimetres: [], prenom: "Administrateur", nom: "de démonstration", maintenant });
  if (resultat.ok) progression(`Compte de démonstration : ${EMAIL_ADMINISTRATEUR_DEMONSTRATION} (administrateur).`);
}

/*
 * The demonstration dataset: fictitious rows, labelled everywhere as such. It is loaded kind by kind
 * and only where no real data of that kind exists: real and demonstration rows never mix.
 */

export interface BilanDemonstration {
  /** Rows loaded or removed, by kind. */
  parNature: Partial<Record<NatureJeuDeDonnees, number>>;
  /** Kinds left alone because real data of that kind is loaded. */
  ignorees: NatureJeuDeDonnees[];
  /** Demonstration candidates loaded (or removed). */
  candidatures?: number;
  /** Demonstration national rates of the diagnostic des publics loaded (or removed). */
  tauxPublics?: number;
  /** Demonstration gouvernances loaded (or removed), with their campaign. */
  gouvernances?: number;
}

/*
 * Fictitious national rates of the diagnostic des publics (their source says so), only while the
 * national team has entered no rate: one of them about an age range, so that the dashboard shows
 * what the population by age would add.
 */
const TAUX_DE_DEMONSTRATION = [
  { libelle: "Personnes n'ayant pas utilisé internet au cours des 12 derniers mois (exemple fictif)", taux: 10, ageMin: null, ageMax: null },
  { libelle: "Personnes en difficulté pour réaliser une démarche administrative en ligne (exemple fictif)", taux: 30, ageMin: null, ageMax: null },
  { libelle: "Personnes de 70 ans et plus n'ayant pas utilisé internet au cours des 12 derniers mois (exemple fictif)", taux: 35, ageMin: 70, ageMax: null },
] as const;

/** Exported for the tests of the diagnostic des publics (the whole demonstration takes seconds). */
export async function chargerTauxDeDemonstration(db: Executeur, maintenant: Date, progression: Progression): Promise<number> {
  const [reel] = await db.select({ id: tauxPublics.id }).from(tauxPublics).where(ne(tauxPublics.provenance, "demonstration")).limit(1);
  if (reel) {
    progression("Taux nationaux du diagnostic des publics : l'équipe nationale en a saisi, aucun taux de démonstration n'est ajouté.");
    return 0;
  }
  await db.transaction(async (tx) => {
    await tx.delete(tauxPublics).where(eq(tauxPublics.provenance, "demonstration"));
    await tx.insert(tauxPublics).values(
      TAUX_DE_DEMONSTRATION.map((t, i) => ({ ...t, source: LIBELLE_DONNEES_DEMONSTRATION, annee: maintenant.getUTCFullYear(), lien: null, ordre: i + 1, provenance: "demonstration", modifieLe: maintenant, modifiePar: ACTEUR_DEMONSTRATION })),
    );
  });
  progression(`Taux nationaux du diagnostic des publics de démonstration : ${TAUX_DE_DEMONSTRATION.length}`);
  return TAUX_DE_DEMONSTRATION.length;
}

/** The account that "sent" the demonstration forms (removed with them). */
export const EMAIL_DECLARANT_DEMONSTRATION = "declarant.demo@efne.invalid";

/**
 * Fictitious candidates in a few départements (the Nièvre among them), only while no real
 * candidate exists: real and demonstration candidates never mix.
 */
async function chargerCandidaturesDeDemonstration(connexion: Connexion, maintenant: Date, progression: Progression): Promise<number> {
  const { db } = connexion;
  const [reel] = await db.select({ id: candidats.id }).from(candidats).where(eq(candidats.demonstration, false)).limit(1);
  if (reel) {
    progression("Candidatures : des candidatures réelles existent, aucune candidature de démonstration n'est ajoutée.");
    return 0;
  }
  let nombre = 0;
  await db.transaction(async (tx) => {
    await supprimerCandidaturesDeDemonstration(tx);
    const [declarant] = await tx
      .insert(utilisateurs)
      .values({ email: EMAIL_DECLARANT_DEMONSTRATION, role: "contact", prenom: "Déclarant", nom: "de démonstration", creeLe: maintenant })
      .returning({ id: utilisateurs.id });
    for (const { code, structures, porteur } of DEPARTEMENTS_DEMONSTRATION) {
      const [departement] = await tx.select({ code: departements.code, nom: departements.nom }).from(departements).where(eq(departements.code, code));
      if (!departement) continue;
      const grandesCommunes = await tx
        .select({ code: communes.code, nom: communes.nom })
        .from(communes)
        .where(and(eq(communes.codeDepartement, code), eq(communes.type, "commune-actuelle")))
        .orderBy(desc(communes.population), communes.code)
        .limit(2);
      const [premierEpci] = await tx
        .select({ code: epciCommunes.codeEpci, nom: epci.nom })
        .from(epciCommunes)
        .innerJoin(epci, eq(epci.code, epciCommunes.codeEpci))
        .where(and(eq(epciCommunes.codeCommune, grandesCommunes[0]?.code ?? ""), ne(epci.nature, "EPT")));
      const sources: CollectiviteSource[] = [
        { type: "departement", code: departement.code, nom: departement.nom },
        ...(premierEpci ? [{ type: "epci" as const, code: premierEpci.code, nom: premierEpci.nom }] : []),
        ...grandesCommunes.map((c) => ({ type: "commune" as const, ...c })),
      ];
      const candidatures = genererCandidaturesDeDemonstration(sources, code, structures, porteur);
      for (const c of candidatures) {
        const persona: Persona = c.type === "departement" ? "conseil-departemental" : c.type;
        const [formulaire] = await tx
          .insert(formulairesManifestation)
          .values({ utilisateurId: (declarant as { id: string }).id, persona, intention: c.porteur ? "porter" : "participer", demonstration: true, creeLe: maintenant, modifieLe: maintenant })
          .returning({ id: formulairesManifestation.id });
        const { departements: concernes } = await attribuer(tx, { type: c.type, code: c.code, codeDepartement: c.codeDepartement });
        let contenu: ContenuFormulaire =
          c.type === "structure"
            ? { type: "structure", nom: c.nom, siret: null, siretVerifie: null, departement: code, contactStructure: c.contact }
            : { type: c.type, code: c.code as string, nom: c.nom, contactPolitique: c.contact, contactTechnique: null };
        if (c.porteur && c.type === "departement") {
          // The other collectivités of the département as partners (the last one without its contact yet), and a structure.
          const autres = candidatures.filter((a) => a !== c && a.type !== "structure");
          const partenaires: PartenaireEnvoye[] = [];
          for (const [i, a] of autres.entries()) {
            const type = a.type as "departement" | "epci" | "commune";
            partenaires.push({
              type,
              code: a.code,
              nom: a.nom,
              cle: cleDuCandidat({ type, code: a.code, nom: a.nom, codeDepartement: null }),
              departements: (await attribuer(tx, { type, code: a.code, codeDepartement: null })).departements,
              horsTerritoire: false,
              contact: i < autres.length - 1 ? a.contact : null,
            });
          }
          const structure = structurePartenaireDeDemonstration(code);
          partenaires.push({ type: "structure", code: null, nom: structure.nom, cle: cleDuCandidat({ type: "structure", code: null, nom: structure.nom, codeDepartement: null }), departements: concernes, horsTerritoire: false, contact: structure.contact });
          contenu = {
            type: "departement",
            code: c.code as string,
            nom: c.nom,
            contactPolitique: c.contact,
            contactTechnique: null,
            gouvernanceLocale: "Schéma fictif de démonstration",
            partenaires,
            contactsManquants: partenaires.filter((p) => p.type !== "structure" && !p.contact).length,
          };
        }
        await enregistrerCandidature(tx, { formulaireId: (formulaire as { id: string }).id, contenu, departements: concernes, maintenant, demonstration: true });
        nombre += 1;
      }
    }
  });
  progression(`Candidatures de démonstration : ${nombre} (départements ${DEPARTEMENTS_DEMONSTRATION.map((d) => d.code).join(", ")}).`);
  return nombre;
}

async function supprimerCandidaturesDeDemonstration(db: Executeur): Promise<number> {
  const supprimes = await db.delete(candidats).where(eq(candidats.demonstration, true)).returning({ id: candidats.id });
  await db.delete(formulairesManifestation).where(eq(formulairesManifestation.demonstration, true));
  await db.delete(utilisateurs).where(eq(utilisateurs.email, EMAIL_DECLARANT_DEMONSTRATION));
  return supprimes.length;
}

/**
 * Fictitious IFN for every current commune (or EPCI), unless real IFN of that level is loaded
 * (then null). Loading again replaces the previous demonstration set.
 */
async function chargerIfnDeDemonstration(db: Executeur, niveau: "communes" | "epci", maintenant: Date, progression: Progression): Promise<number | null> {
  const nature = niveau === "communes" ? "ifn-communes" : "ifn-epci";
  const existants = await jeuxDe(db, nature);
  if (existants.some((j) => j.provenance === "import")) {
    progression(`${LIBELLES_NATURES[nature]} : des données réelles sont chargées, aucune donnée de démonstration n'est ajoutée.`);
    return null;
  }
  await db.delete(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, nature), eq(jeuxDeDonnees.provenance, "demonstration")));
  const [jeu] = await db
    .insert(jeuxDeDonnees)
    .values({ nature, provenance: "demonstration", source: LIBELLE_DONNEES_DEMONSTRATION, dateMiseAJour: maintenant, chargeLe: maintenant, etat: "chargement" })
    .returning({ id: jeuxDeDonnees.id });
  const jeuId = (jeu as { id: string }).id;
  // One statement: five notes from 1.0 to 10.0 drawn from the MD5 of the code (the same code always
  // gives the same notes), and their mean. Tens of thousands of rows without a round trip each.
  const note = (debut: number) => sql.raw(`1 + (('x' || substr(md5(code), ${debut}, 4))::bit(16)::int % 91) / 10.0`);
  const source =
    niveau === "communes"
      ? sql`select code from communes where type = 'commune-actuelle'`
      : sql`select code from epci where nature <> 'EPT'`;
  const niveauStocke = niveau === "communes" ? "commune" : "epci";
  await db.execute(sql`
    insert into indices_fragilite (jeu_de_donnees_id, niveau, code, thd, quatre_g, pauvrete, plus_65, peu_diplomes, score, calcule, codes_sources, provenance)
    select ${jeuId}::uuid, ${niveauStocke}, code, a, b, c, d, e, round(((a + b + c + d + e) / 5)::numeric, 3), false, array[code], 'demonstration'
    from (select code, ${note(1)} as a, ${note(5)} as b, ${note(9)} as c, ${note(13)} as d, ${note(17)} as e from (${source}) as codes) as notes`);
  await analyserTables(db, ["indices_fragilite", "jeux_de_donnees"]);
  const [compte] = await db.select({ n: compter() }).from(indicesFragilite).where(eq(indicesFragilite.jeuDeDonneesId, jeuId));
  const nombre = Number(compte?.n ?? 0);
  await db.update(jeuxDeDonnees).set({ etat: "actif", lignesAcceptees: nombre }).where(eq(jeuxDeDonnees.id, jeuId));
  progression(`${LIBELLES_NATURES[nature]} de démonstration : ${nombre.toLocaleString("fr-FR")}`);
  return nombre;
}

async function jeuxDe(db: Executeur, nature: NatureJeuDeDonnees) {
  return db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.nature, nature));
}

export async function chargerDemonstration(params: {
  connexion: Connexion;
  maintenant: Date;
  progression?: Progression;
}): Promise<Resultat<BilanDemonstration, "territoiresAbsents">> {
  const { connexion, maintenant } = params;
  const progression = params.progression ?? (() => undefined);
  return connexion.sousVerrouExclusif(async () => {
    const sources = await connexion.db
      .select({ code: communes.code, nom: communes.nom, codeDepartement: communes.codeDepartement, population: communes.population, codesPostaux: communes.codesPostaux })
      .from(communes)
      .innerJoin(departements, eq(departements.code, communes.codeDepartement))
      .where(and(eq(communes.type, "commune-actuelle"), eq(departements.collectiviteOutreMer, false)));
    if (sources.length === 0) return echec("territoiresAbsents");

    const bilan: BilanDemonstration = { parNature: {}, ignorees: [] };
    await assurerAdministrateurDeDemonstration(connexion, maintenant, progression);
    bilan.candidatures = await chargerCandidaturesDeDemonstration(connexion, maintenant, progression);
    bilan.tauxPublics = await chargerTauxDeDemonstration(connexion.db, maintenant, progression);
    const demonstrationGouvernances = await connexion.db.transaction((tx) => chargerGouvernancesDeDemonstration(tx, maintenant));
    bilan.gouvernances = demonstrationGouvernances.gouvernances;
    if (demonstrationGouvernances.campagne) progression("Campagne de démonstration ouverte (fictive) : du jour du chargement moins 30 jours à plus 60 jours.");
    if (demonstrationGouvernances.gouvernances > 0) progression(`Gouvernances de démonstration (Côte-d'Or déposée, Yonne validée, Saône-et-Loire à compléter) : ${demonstrationGouvernances.gouvernances}.`);
    for (const niveau of ["communes", "epci"] as const) {
      const nombre = await chargerIfnDeDemonstration(connexion.db, niveau, maintenant, progression);
      if (nombre === null) bilan.ignorees.push(niveau === "communes" ? "ifn-communes" : "ifn-epci");
      else bilan.parNature[niveau === "communes" ? "ifn-communes" : "ifn-epci"] = nombre;
    }
    const existants = [...(await jeuxDe(connexion.db, "lieux")), ...(await jeuxDe(connexion.db, "data-inclusion"))];
    if (existants.some((j) => j.provenance === "import")) {
      bilan.ignorees.push("lieux");
      progression("Lieux d'inclusion numérique : des données réelles sont chargées, aucune donnée de démonstration n'est ajoutée.");
      return succes(bilan);
    }

    const lieux = genererLieuxDeDemonstration(sources.map((s) => ({ ...s, population: s.population ?? 0 })));
    await connexion.db.transaction(async (tx) => {
      // Loading again replaces the previous demonstration rows: the command is idempotent.
      await tx.delete(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, "lieux"), eq(jeuxDeDonnees.provenance, "demonstration")));
      const [jeu] = await tx
        .insert(jeuxDeDonnees)
        .values({ nature: "lieux", provenance: "demonstration", source: LIBELLE_DONNEES_DEMONSTRATION, dateMiseAJour: maintenant, chargeLe: maintenant })
        .returning({ id: jeuxDeDonnees.id });
      for (const lot of enLots(lieux, 1000)) {
        await tx.insert(lieuxInclusionNumerique).values(lot.map((l) => ligneDeLieu(l, (jeu as { id: string }).id, "demonstration")));
        await ceder();
      }
    });
    await analyserTables(connexion.db, ["lieux_inclusion_numerique", "jeux_de_donnees"]);
    const fusion = await dedoublonnerLieux(connexion.db, "demonstration");
    progression(`Lieux de démonstration décrits par les deux sources fictives, fusionnés : ${fusion.fusionnes.toLocaleString("fr-FR")}.`);
    bilan.parNature.lieux = lieux.length;
    progression(`Lieux d'inclusion numérique de démonstration : ${lieux.length.toLocaleString("fr-FR")}`);
    return succes(bilan);
  });
}

export async function effacerDemonstration(params: { connexion: Connexion; progression?: Progression }): Promise<BilanDemonstration> {
  const { connexion } = params;
  const progression = params.progression ?? (() => undefined);
  return connexion.sousVerrouExclusif(async () => {
    const bilan: BilanDemonstration = { parNature: {}, ignorees: [] };
    await connexion.db.transaction(async (tx) => {
      const [lieux] = await tx
        .select({ nombre: compter() })
        .from(lieuxInclusionNumerique)
        .where(eq(lieuxInclusionNumerique.provenance, "demonstration"));
      await tx.delete(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.provenance, "demonstration"));
      await tx.delete(jeuxDeDonnees).where(eq(jeuxDeDonnees.provenance, "demonstration"));
      await tx.delete(utilisateurs).where(eq(utilisateurs.email, EMAIL_ADMINISTRATEUR_DEMONSTRATION));
      bilan.parNature.lieux = lieux?.nombre ?? 0;
      bilan.candidatures = await supprimerCandidaturesDeDemonstration(tx);
      bilan.tauxPublics = (await tx.delete(tauxPublics).where(eq(tauxPublics.provenance, "demonstration")).returning({ id: tauxPublics.id })).length;
      bilan.gouvernances = await effacerGouvernancesDeDemonstration(tx);
    });
    progression(`Lieux d'inclusion numérique de démonstration effacés : ${(bilan.parNature.lieux ?? 0).toLocaleString("fr-FR")}`);
    return bilan;
  });
}

export interface EtatJeuDeDonnees {
  nature: NatureJeuDeDonnees;
  provenance: "demonstration" | "import" | null;
  source: string | null;
  dateMiseAJour: Date | null;
  lignes: number;
}

/**
 * The places counted: those of the active sets, one per place described by several sources (the
 * merged ones are left out), real ones only as soon as a real set is loaded.
 */
async function lieuxComptes(db: Executeur) {
  const retenus = await jeuxRetenus(db, ["lieux", "data-inclusion"]);
  const jeu = [...retenus].sort((a, b) => b.dateMiseAJour.getTime() - a.dateMiseAJour.getTime())[0];
  const condition = and(inArray(lieuxInclusionNumerique.jeuDeDonneesId, retenus.length ? retenus.map((j) => j.id) : ["00000000-0000-0000-0000-000000000000"]), isNull(lieuxInclusionNumerique.doublonDe));
  return { jeu, condition };
}

/** What the dashboard and the home page show for the lieux: the count, its source and its provenance. */
export async function etatDesLieux(db: Executeur): Promise<EtatJeuDeDonnees> {
  const { jeu, condition } = await lieuxComptes(db);
  const [total] = await db.select({ nombre: compter() }).from(lieuxInclusionNumerique).where(condition);
  return {
    nature: "lieux",
    provenance: (jeu?.provenance as EtatJeuDeDonnees["provenance"]) ?? null,
    source: jeu?.source ?? null,
    dateMiseAJour: jeu?.dateMiseAJour ?? null,
    lignes: total?.nombre ?? 0,
  };
}
