import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lieuxInclusionNumerique } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { COLONNES_V1 } from "@/domain/donnees/lieux-standard";
import { ouvrirSource, type SourceDeFichier } from "@/integrations/fichiers/source";
import type { Connexion } from "@/db/client";
import { importerAidantsConnect } from "./import-aidants-connect";
import { importerConseillersNumeriques } from "./import-conseillers-numeriques";
import { importerIfn } from "./import-ifn";
import { importerLieux } from "./import-lieux";

/*
 * Every importer against hostile files: random bytes, broken encodings, huge fields, wrong
 * separators, formula and HTML content. An import may refuse the file (a French reason) or keep
 * what it can; it never throws, its counts always add up, and text is stored as given (never
 * interpreted).
 */

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T09:00:00Z");
const ERREURS_CONNUES = ["enteteInvalide", "fichierVide", "territoiresAbsents"];

function fichier(nom: string, octets: Uint8Array, morceau = 7): SourceDeFichier {
  return {
    nom,
    octets: (async function* () {
      for (let i = 0; i < octets.length; i += morceau) yield octets.subarray(i, i + morceau);
      if (octets.length === 0) yield new Uint8Array();
    })(),
  };
}

const texteHostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('=HYPERLINK("http://exemple.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE lieux_inclusion_numerique; --", "\u202Eevil", "😀 Médiathèque", '"', '""', "a\nb", "a\r\nb", ";", "|", "\t"),
  fc.string({ minLength: 2000, maxLength: 4000 }),
);

const encoder = (t: string, latin1: boolean) => (latin1 ? Uint8Array.from([...t].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63))) : new TextEncoder().encode(t));
const cellule = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** A CSV with the expected header, hostile cells, a chosen separator and encoding. */
function csvHostile(entete: readonly string[], fixes: Record<number, fc.Arbitrary<string>> = {}) {
  const ligne = fc.tuple(...entete.map((_, i) => fixes[i] ?? texteHostile));
  return fc.record({
    lignes: fc.array(ligne, { maxLength: 6 }),
    separateur: fc.constantFrom(",", ";", "\t"),
    latin1: fc.boolean(),
    fin: fc.constantFrom("\n", "\r\n"),
    morceau: fc.integer({ min: 1, max: 64 }),
  }).map(({ lignes, separateur, latin1, fin, morceau }) => ({
    octets: encoder([entete.join(separateur), ...lignes.map((l) => l.map(cellule).join(separateur))].join(fin) + fin, latin1),
    lignes,
    morceau,
    latin1,
  }));
}

async function verifier(connexion: Connexion, resultat: Awaited<ReturnType<typeof importerIfn>>) {
  if (!resultat.ok) {
    expect(ERREURS_CONNUES).toContain(resultat.erreur);
    return;
  }
  const b = resultat.valeur;
  if (b.inchange) return;
  expect(b.acceptees + b.rejetees).toBe(b.lignesLues);
  expect(b.corrigees).toBeLessThanOrEqual(b.acceptees);
  void connexion;
}

describe("imports de fichiers hostiles", () => {
  it("un tableau JSON ouvert et jamais fermé, sans élément, est refusé en entier (il comptait une ligne rejetée sur zéro lue)", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      for (const texte of ["[", "[ ", "[\n\n"]) {
        const r = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.json", new TextEncoder().encode(texte)), maintenant, forcer: true });
        expect(r).toMatchObject({ ok: false, erreur: "enteteInvalide" });
      }
    });
  });

  it("octets quelconques : chaque importeur refuse ou garde ce qu'il peut, sans exception", async () => {
    // One transaction per case: the embedded database was seen hanging at close after one transaction
    // had held the savepoints of some forty imports.
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 512 }), async (octets, morceau) => {
        await dansUneTransaction(base.connexion(), async (connexion) => {
          for (const importer of [
            () => importerLieux({ connexion, nature: "lieux", source: fichier("x", octets, morceau), maintenant, forcer: true }),
            () => importerLieux({ connexion, nature: "data-inclusion", source: fichier("x", octets, morceau), maintenant, forcer: true }),
            () => importerIfn({ connexion, niveau: "communes", source: fichier("x", octets, morceau), maintenant, forcer: true }),
            () => importerAidantsConnect({ connexion, source: fichier("x", octets, morceau), maintenant, forcer: true }),
            () => importerConseillersNumeriques({ connexion, source: fichier("x", octets, morceau), maintenant, forcer: true }),
          ]) {
            await verifier(connexion, (await importer()) as Awaited<ReturnType<typeof importerIfn>>);
          }
        });
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("lieux : un en-tête du standard et des cellules hostiles (formules, HTML, très longues, mauvais séparateur, Windows-1252) : le texte gardé est celui du fichier", async () => {
    // Half the rows situated in Nevers with an id, so that hostile names and fields do get stored.
    const colonne = (nom: string) => COLONNES_V1.indexOf(nom as (typeof COLONNES_V1)[number]);
    const fixes = { [colonne("id")]: fc.oneof(fc.uuid(), texteHostile), [colonne("code_insee")]: fc.oneof(fc.constant("58194"), texteHostile) };
    let lieuxGardes = 0;
    await fc.assert(
      fc.asyncProperty(csvHostile(COLONNES_V1, fixes), async ({ octets, lignes, morceau, latin1 }) => {
        await dansUneTransaction(base.connexion(), async (connexion) => {
          const r = await importerLieux({ connexion, nature: "lieux", source: fichier("lieux.csv", octets, morceau), maintenant, forcer: true });
          await verifier(connexion, r);
          if (!r.ok || r.valeur.inchange) return;
          const gardes = await connexion.db.select({ nom: lieuxInclusionNumerique.nom }).from(lieuxInclusionNumerique).where(eq(lieuxInclusionNumerique.jeuDeDonneesId, r.valeur.jeu as string));
          expect(gardes.length).toBe(r.valeur.enregistrees);
          expect(gardes.length).toBeLessThanOrEqual(lignes.length);
          // What the file says, as its bytes say it (a Windows-1252 file cannot hold an emoji: "?").
          const ecrit = (t: string) => (latin1 ? [...t].map((c) => (c.charCodeAt(0) < 256 ? c : "?")).join("") : t).replace(/\s+/g, " ").trim();
          const noms = new Set(lignes.map((l) => ecrit(String(l[colonne("nom")]))));
          for (const g of gardes) expect(noms).toContain(g.nom);
          lieuxGardes += gardes.length;
        });
      }),
      { numRuns: 40 },
    );
    // The property was checked on stored places, not only on refused files.
    expect(lieuxGardes).toBeGreaterThan(10);
  }, 120_000);

  it("IFN, Aidants Connect, conseillers numériques : cellules hostiles sous le bon en-tête", async () => {
    {
      const enteteIfn = ["name", "division", "code", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate", "total"];
      const enteteAc = ["Name", "UUID", "Is Active", "City Insee Code", "Zip Code", "Siret", "France Services Label", "City", "Nombre d'aidants", "Question 110 → Nombre D'usagers Uniques", "Question 109 → Nombre De Demarche Par Structure"];
      const enteteCn = ["code_departement", "conseillers_numeriques", "coordinateurs", "date_des_donnees", "source"];
      await fc.assert(
        fc.asyncProperty(csvHostile(enteteIfn), csvHostile(enteteAc), csvHostile(enteteCn), (ifn, ac, cn) =>
          dansUneTransaction(base.connexion(), async (connexion) => {
          await verifier(connexion, await importerIfn({ connexion, niveau: "communes", source: fichier("ifn.csv", ifn.octets, ifn.morceau), maintenant, forcer: true }));
          await verifier(connexion, await importerAidantsConnect({ connexion, source: fichier("ac.csv", ac.octets, ac.morceau), maintenant, forcer: true }));
          await verifier(connexion, await importerConseillersNumeriques({ connexion, source: fichier("cn.csv", cn.octets, cn.morceau), maintenant, forcer: true }));
          }),
        ),
        { numRuns: 25 },
      );
    }
  }, 120_000);

  it("un fichier de lieux se lit aussi depuis une adresse web (serveur local)", async () => {
    const contenu = `${COLONNES_V1.join(",")}\nweb-1,,Médiathèque <b>en ligne</b>,Nevers,58000,58194,1 rue,,,,,,,,,,,,,,2024-01-01,,,,,,,,,,,\n`;
    const serveur = createServer((requete, reponse) => {
      if (requete.url === "/lieux.csv") reponse.writeHead(200, { "content-type": "text/csv" }).end(contenu);
      else reponse.writeHead(404).end();
    });
    await new Promise<void>((resolve) => serveur.listen(0, "127.0.0.1", resolve));
    const { port } = serveur.address() as AddressInfo;
    try {
      await dansUneTransaction(base.connexion(), async (connexion) => {
        const absente = await ouvrirSource(`http://127.0.0.1:${port}/absent.csv`);
        expect(absente).toMatchObject({ ok: false, erreur: { code: "telechargementImpossible", detail: "HTTP 404" } });
        const source = await ouvrirSource(`http://127.0.0.1:${port}/lieux.csv`);
        if (!source.ok) throw new Error(source.erreur.code);
        const r = await importerLieux({ connexion, nature: "lieux", source: source.source, maintenant });
        expect(r.ok && r.valeur).toMatchObject({ fichier: "lieux.csv", acceptees: 1 });
        const [lieu] = await connexion.db.select().from(lieuxInclusionNumerique);
        expect(lieu?.nom).toBe("Médiathèque <b>en ligne</b>");
      });
    } finally {
      serveur.close();
    }
  });
});
