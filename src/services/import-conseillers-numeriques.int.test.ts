import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { effectifsConseillersNumeriques, jeuxDeDonnees } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import { importerConseillersNumeriques } from "./import-conseillers-numeriques";
import { rapportDImport } from "./import-ifn";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T09:00:00Z");

function fichier(contenu: string): SourceDeFichier {
  return { nom: "conseillers.csv", octets: (async function* () { yield new TextEncoder().encode(contenu); })() };
}

describe("import des conseillers numériques par département (modèle CSV du projet)", () => {
  it("le modèle documenté s'importe tel quel ; le jeu est daté de ses données", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const source = await ouvrirSource(join(process.cwd(), "docs/modeles/conseillers-numeriques.csv"));
      if (!source.ok) throw new Error(source.erreur.code);
      const r = await importerConseillersNumeriques({ connexion, source: source.source, maintenant });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ lignesLues: 3, acceptees: 3, rejetees: 0, enregistrees: 3, sansDonnees: 98 });
      const lignes = await connexion.db.select().from(effectifsConseillersNumeriques).orderBy(effectifsConseillersNumeriques.codeDepartement);
      expect(lignes.map((l) => [l.codeDepartement, l.conseillers, l.coordinateurs])).toEqual([
        ["2A", 18, 1],
        ["58", 42, 3],
        ["971", 25, null],
      ]);
      const [jeu] = await connexion.db.select().from(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, r.valeur.jeu as string));
      expect(jeu?.dateMiseAJour.toISOString()).toBe("2026-10-31T00:00:00.000Z");
      expect(jeu?.source).toBe("Exemple — remplacez par vos chiffres");
    });
  });

  it("rejette chaque ligne fautive avec sa raison et garde les autres ; refuse un fichier sans les colonnes du modèle", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerConseillersNumeriques({
        connexion,
        source: fichier("code_departement;conseillers_numeriques;coordinateurs;date_des_donnees\n58;42;3;2026-10-31\n99;1;;2026-10-31\n21;-4;;2026-10-31\n89;10;x;2026-02-30\n58;40;;2026-10-31\n1;5;;2026-09-01\n"),
        maintenant,
      });
      if (!r.ok) throw new Error(r.erreur);
      expect(r.valeur).toMatchObject({ lignesLues: 6, acceptees: 2, rejetees: 4 });
      const rapport = (await rapportDImport(connexion.db, r.valeur.jeu as string)).map((l) => `${l.ligne}:${l.champ}`);
      expect(rapport).toEqual(["3:code_departement", "4:conseillers_numeriques", "5:coordinateurs", "5:date_des_donnees", "6:code_departement"]);
      expect((await connexion.db.select().from(effectifsConseillersNumeriques)).map((l) => l.codeDepartement).sort()).toEqual(["01", "58"]);
      const mauvais = await importerConseillersNumeriques({ connexion, source: fichier("departement,nombre\n58,4\n"), maintenant });
      expect(!mauvais.ok && mauvais.details?.detail).toBe("colonnes manquantes : code_departement, conseillers_numeriques, date_des_donnees");
    });
  });
});
