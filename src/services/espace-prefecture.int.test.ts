import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { remplacerConnexion } from "@/db/connexion-application";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { COLONNES_CONTACTS } from "@/domain/exports/contacts";
import type { Acteur } from "@/domain/identite/roles";
import { repondreExport } from "@/app/gouvernances/_espace/export";
import { chargerDemonstration } from "./demonstration";
import {
  listerCandidats,
  lignesDeContacts,
  memoriserTerritoire,
  ouvrirTerritoire,
  pageDeContacts,
  statistiquesDuTerritoire,
  statistiquesNationales,
  territoireParDefaut,
  territoiresAccessibles,
  type Territoire,
} from "./espace-prefecture";
import { ACTEUR_LIGNE_DE_COMMANDE, creerUtilisateur } from "./identite";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T09:00:00Z");
afterEach(() => remplacerConnexion(undefined));

async function compte(connexion: Connexion, role: Acteur["role"], perimetres: Acteur["perimetres"], email: string): Promise<Acteur> {
  const r = await creerUtilisateur({ connexion, acteur: ACTEUR_LIGNE_DE_COMMANDE, email, role, perimetres, maintenant });
  if (!r.ok) throw new Error(r.erreur);
  return { id: r.valeur.id, role, perimetres };
}

async function avecDemonstration(scenario: (c: Connexion, agents: { d58: Acteur; r27: Acteur; admin: Acteur; contact: Acteur }) => Promise<void>) {
  await dansUneTransaction(base.connexion(), async (connexion) => {
    await chargerDemonstration({ connexion, maintenant });
    const agents = {
      d58: await compte(connexion, "prefecture-departement", [{ type: "departement", code: "58" }], "agent.58@nievre.gouv.fr"),
      r27: await compte(connexion, "prefecture-region", [{ type: "region", code: "27" }], "agent.27@bfc.gouv.fr"),
      admin: await compte(connexion, "administrateur", [], "anct@anct.gouv.fr"),
      contact: await compte(connexion, "contact", [], "contact@exemple.fr"),
    };
    await scenario(connexion, agents);
  });
}

const ouvrir = async (connexion: Connexion, acteur: Acteur | null, demande: Parameters<typeof ouvrirTerritoire>[0]["demande"]) => ouvrirTerritoire({ db: connexion.db, acteur, demande });

describe("espace préfecture : accès", () => {
  it("une préfecture voit ses départements, une préfecture de région ceux de sa région, l'équipe nationale tout", async () => {
    await avecDemonstration(async (connexion, { d58, r27, admin, contact }) => {
      expect(await ouvrir(connexion, d58, { type: "departement", code: "58" })).toMatchObject({ ok: true, valeur: { nom: "Nièvre", departements: ["58"] } });
      expect(await ouvrir(connexion, d58, { type: "departement", code: "21" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrir(connexion, d58, { type: "region", code: "27" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrir(connexion, d58, { type: "national" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrir(connexion, r27, { type: "departement", code: "21" })).toMatchObject({ ok: true });
      expect(await ouvrir(connexion, r27, { type: "departement", code: "75" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrir(connexion, r27, { type: "region", code: "27" })).toMatchObject({ ok: true, valeur: { departements: ["21", "25", "39", "58", "70", "71", "89", "90"] } });
      expect(await ouvrir(connexion, admin, { type: "national" })).toMatchObject({ ok: true, valeur: { type: "national" } });
      expect((await ouvrir(connexion, admin, { type: "national" })).ok && (await ouvrir(connexion, admin, { type: "national" }))).toMatchObject({ valeur: { departements: expect.arrayContaining(["2A", "976"]) } });
      expect(await ouvrir(connexion, contact, { type: "departement", code: "58" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await ouvrir(connexion, null, { type: "departement", code: "58" })).toEqual({ ok: false, erreur: "nonConnecte" });
      expect(await ouvrir(connexion, admin, { type: "departement", code: "99" })).toMatchObject({ ok: false, erreur: "territoireInconnu" });
      expect(await ouvrir(connexion, admin, { type: "departement", code: "975" })).toMatchObject({ ok: false, erreur: "territoireInconnu" });
    });
  });

  it("le sélecteur propose les territoires de la personne ; le dernier ouvert est retenu", async () => {
    await avecDemonstration(async (connexion, { d58, r27, contact }) => {
      const { db } = connexion;
      expect((await territoiresAccessibles(db, d58)).map((t) => t.code)).toEqual(["58"]);
      const region = await territoiresAccessibles(db, r27);
      expect(region.map((t) => `${t.type}:${t.code}`)).toEqual(["region:27", "departement:21", "departement:25", "departement:39", "departement:58", "departement:70", "departement:71", "departement:89", "departement:90"]);
      expect(await territoireParDefaut(db, r27)).toBe("/gouvernances/departements/21");
      const yonne = await ouvrir(connexion, r27, { type: "departement", code: "89" });
      if (!yonne.ok) throw new Error(yonne.erreur);
      await memoriserTerritoire(db, r27, yonne.valeur);
      expect(await territoireParDefaut(db, r27)).toBe("/gouvernances/departements/89");
      expect(await territoireParDefaut(db, contact)).toBeNull();
      expect(await territoireParDefaut(db, null)).toBeNull();
    });
  });
});

describe("espace préfecture : candidats et comptes", () => {
  it("la Nièvre de démonstration : le porteur d'abord, avec ses partenaires, puis ceux qui souhaitent participer ; filtres et recherche", async () => {
    await avecDemonstration(async (connexion, { d58 }) => {
      const { db } = connexion;
      const nievre = (await ouvrir(connexion, d58, { type: "departement", code: "58" })) as { ok: true; valeur: Territoire };
      const stats = await statistiquesDuTerritoire(db, nievre.valeur);
      const liste = await listerCandidats({ db, territoire: nievre.valeur, filtres: {}, page: 1 });
      expect(liste.fiches[0]).toMatchObject({ nom: "Nièvre", manifestation: "porteur", type: "departement", demonstration: true });
      const participants = liste.fiches.filter((f) => f.manifestation === "participant");
      expect(participants.filter((f) => f.type !== "structure")).toHaveLength(stats.souhaitentParticiper.collectivites);
      expect(participants.filter((f) => f.type === "structure")).toHaveLength(stats.souhaitentParticiper.structures);
      // Collectivités before structures.
      const ordre = participants.map((f) => (f.type === "structure" ? 1 : 0));
      expect(ordre).toEqual([...ordre].sort());
      expect((await listerCandidats({ db, territoire: nievre.valeur, filtres: { manifestation: "porteur" }, page: 1 })).total).toBe(1);
      expect((await listerCandidats({ db, territoire: nievre.valeur, filtres: { type: "structure" }, page: 1 })).total).toBe(3);
      expect((await listerCandidats({ db, territoire: nievre.valeur, filtres: { recherche: "association fictive" }, page: 1 })).total).toBe(3);
      expect((await listerCandidats({ db, territoire: nievre.valeur, filtres: { recherche: "100%_" }, page: 1 })).total).toBe(0);
      expect((await listerCandidats({ db, territoire: nievre.valeur, filtres: { depuis: new Date("2030-01-01") }, page: 1 })).total).toBe(0);
      const corse = (await ouvrir(connexion, { id: d58.id, role: "administrateur", perimetres: [] }, { type: "departement", code: "2A" })) as { ok: true; valeur: Territoire };
      expect((await listerCandidats({ db, territoire: corse.valeur, filtres: {}, page: 1 })).total).toBe(0);
    });
  });

  it("la région et la France comptent chaque organisation une fois ; l'API nationale les répartit par type", async () => {
    await avecDemonstration(async (connexion, { r27, admin }) => {
      const { db } = connexion;
      const region = (await ouvrir(connexion, r27, { type: "region", code: "27" })) as { ok: true; valeur: Territoire };
      const france = (await ouvrir(connexion, admin, { type: "national" })) as { ok: true; valeur: Territoire };
      const [distincts] = (await db.execute(sql`select count(distinct c.id)::int as n from candidats c join formulaires_manifestation f on f.candidat_id = c.id and f.etat = 'envoye' where f.intention = 'participer' and c.type <> 'structure'`).then((r) =>
        Array.isArray(r) ? r : (r as { rows: unknown[] }).rows,
      )) as Array<{ n: number }>;
      const nationales = await statistiquesDuTerritoire(db, france.valeur);
      expect(nationales.souhaitentParticiper.collectivites).toBe(Number(distincts?.n));
      expect(nationales).toEqual(await statistiquesDuTerritoire(db, region.valeur));
      const parDepartement = await Promise.all(["21", "58", "89"].map(async (code) => (await statistiquesDuTerritoire(db, { ...france.valeur, departements: [code] })).souhaitentParticiper.structures));
      expect(nationales.souhaitentParticiper.structures).toBe(parDepartement.reduce((a, b) => a + b, 0));
      const api = await statistiquesNationales(db);
      expect(api.candidatsCoPortage).toEqual({ conseilsRegionaux: 0, conseilsDepartementaux: 1, epci: 0 });
      expect(api.souhaitentEtreImpliques.structures).toBe(nationales.souhaitentParticiper.structures);
      expect(api.souhaitentEtreImpliques.conseilsDepartementaux + api.souhaitentEtreImpliques.epci + api.souhaitentEtreImpliques.communes + api.souhaitentEtreImpliques.conseilsRegionaux).toBe(
        nationales.souhaitentParticiper.collectivites,
      );
      expect(api.gouvernances).toEqual({ aucune: 101, brouillon: 0, deposee: 0, validee: 0, aCompleter: 0 });
    });
  });
});

describe("espace préfecture : contacts et exports", () => {
  it("la liste des contacts : une ligne par contact, du plus récent au plus ancien, triable, lue par lots", async () => {
    await avecDemonstration(async (connexion, { d58 }) => {
      const { db } = connexion;
      const nievre = (await ouvrir(connexion, d58, { type: "departement", code: "58" })) as { ok: true; valeur: Territoire };
      const page = await pageDeContacts({ db, territoire: nievre.valeur, tri: "date", sens: "desc", page: 1 });
      // The porteur's contact, its partners with a contact (the last commune has none), the 6 participants.
      expect(page.lignes.filter((l) => l.manifestation === "porteur")).toHaveLength(1);
      expect(page.lignes.filter((l) => l.manifestation === "partenaire").map((l) => l.nomPorteur)).toEqual(["Nièvre", "Nièvre", "Nièvre"]);
      expect(page.lignes.filter((l) => l.manifestation === "participant").length).toBeGreaterThanOrEqual(6);
      const triees = await pageDeContacts({ db, territoire: nievre.valeur, tri: "organisation", sens: "asc", page: 1 });
      const noms = triees.lignes.map((l) => l.organisation);
      expect(noms).toEqual([...noms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const parLots: string[] = [];
      for await (const lot of lignesDeContacts(db, nievre.valeur, 3)) parLots.push(...lot.map((l) => l.id));
      expect(parLots).toHaveLength(page.total);
      expect(new Set(parLots).size).toBe(page.total);
    });
  });

  it("les exports : 401 sans session, 403 hors de son territoire, 404 inconnu, 400 séparateur ; CSV et XLSX complets sinon", async () => {
    await avecDemonstration(async (connexion, { d58 }) => {
      remplacerConnexion(connexion);
      const exporter = (acteur: Acteur | null, code: string, format: "csv" | "xlsx", requete = "") =>
        repondreExport({ acteur, demande: { type: "departement", code }, format, url: `http://localhost/gouvernances/departements/${code}/contacts.${format}${requete}`, maintenant });
      expect((await exporter(null, "58", "csv")).status).toBe(401);
      expect((await exporter(d58, "21", "csv")).status).toBe(403);
      expect((await exporter(d58, "21", "xlsx")).status).toBe(403);
      expect((await exporter(d58, "99", "csv")).status).toBe(404);
      expect((await exporter(d58, "58", "csv", "?separateur=tab")).status).toBe(400);

      const nievre = (await ouvrir(connexion, d58, { type: "departement", code: "58" })) as { ok: true; valeur: Territoire };
      const total = (await pageDeContacts({ db: connexion.db, territoire: nievre.valeur, tri: "date", sens: "desc", page: 1 })).total;
      const csv = await exporter(d58, "58", "csv", "?separateur=virgule");
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-disposition")).toBe('attachment; filename="france-numerique-ensemble_contacts_departement-58_2026-11-29-10-00.csv"');
      const octets = new Uint8Array(await csv.arrayBuffer());
      expect([...octets.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const texte = new TextDecoder().decode(octets.slice(3));
      const lignes = texte.split("\r\n").filter((l) => l !== "");
      expect(lignes[0]).toBe(COLONNES_CONTACTS.map((c) => `"${c}"`).join(","));
      expect(lignes).toHaveLength(total + 1);
      expect(texte).toContain('"Nièvre"');
      expect(texte).toContain('"Porteur d\'une feuille de route"');

      const xlsx = await exporter(d58, "58", "xlsx");
      expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const classeur = new ExcelJS.Workbook();
      await classeur.xlsx.load(await xlsx.arrayBuffer());
      const feuille = classeur.getWorksheet("Contacts");
      expect(feuille?.getRow(1).values).toEqual([undefined, ...COLONNES_CONTACTS]);
      expect(feuille?.rowCount).toBe(total + 1);
      expect(feuille?.getRow(2).getCell(1).value).toBeInstanceOf(Date);
      expect(feuille?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(feuille?.autoFilter).toBeTruthy();
    });
  });
});
