import { and, eq } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { ceder, enLots } from "@/db/lots";
import { communes, departements, jeuxDeDonnees, lieuxInclusionNumerique, utilisateurs } from "@/db/schema";
import { compter } from "@/db/sql";
import { genererLieuxDeDemonstration } from "@/domain/demonstration/lieux";
import { EMAIL_ADMINISTRATEUR_DEMONSTRATION, LIBELLE_DONNEES_DEMONSTRATION, type NatureJeuDeDonnees } from "@/domain/donnees/provenance";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { creerUtilisateur } from "./identite";
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
    const existants = await jeuxDe(connexion.db, "lieux");
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
        await tx.insert(lieuxInclusionNumerique).values(lot.map((l) => ({ ...l, jeuDeDonneesId: (jeu as { id: string }).id, provenance: "demonstration" })));
        await ceder();
      }
    });
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

/** What the dashboard and the home page show for the lieux: the count, its source and its provenance. */
export async function etatDesLieux(db: Executeur): Promise<EtatJeuDeDonnees> {
  const jeux = await jeuxDe(db, "lieux");
  const [total] = await db.select({ nombre: compter() }).from(lieuxInclusionNumerique);
  const jeu = jeux.find((j) => j.provenance === "import") ?? jeux[0];
  return {
    nature: "lieux",
    provenance: (jeu?.provenance as EtatJeuDeDonnees["provenance"]) ?? null,
    source: jeu?.source ?? null,
    dateMiseAJour: jeu?.dateMiseAJour ?? null,
    lignes: total?.nombre ?? 0,
  };
}

/** Number of lieux per département, with the provenance of the dataset they come from. */
export async function lieuxParDepartement(db: Executeur): Promise<{ provenance: EtatJeuDeDonnees["provenance"]; source: string | null; dateMiseAJour: Date | null; parDepartement: Map<string, number> }> {
  const etat = await etatDesLieux(db);
  const lignes = await db
    .select({ code: communes.codeDepartement, nombre: compter() })
    .from(lieuxInclusionNumerique)
    .innerJoin(communes, eq(communes.code, lieuxInclusionNumerique.codeCommune))
    .groupBy(communes.codeDepartement);
  return { provenance: etat.provenance, source: etat.source, dateMiseAJour: etat.dateMiseAJour, parDepartement: new Map(lignes.map((l) => [l.code, l.nombre])) };
}
