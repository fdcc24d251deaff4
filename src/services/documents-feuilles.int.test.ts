import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { campagnes, documentsFeuillesDeRoute, gouvernances, journalAudit, sectionsGouvernance, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur, Perimetre } from "@/domain/identite/roles";
import { StockageDisque } from "@/integrations/stockage/disque";
import { deposerDocumentFeuille, lireDocumentFeuille, listerDocumentsFeuilles, verifierDepotDocument } from "./documents-feuilles";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T10:00:00Z");
const repertoire = mkdtempSync(join(tmpdir(), "efne-documents-"));
const stockage = new StockageDisque(repertoire);
afterAll(() => rmSync(repertoire, { recursive: true, force: true }));

const PDF = (texte: string) => new TextEncoder().encode(`%PDF-1.7\n${texte}\n%%EOF\n`);
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);

/** A person in the database (documents name who deposited them), as the services see them. */
async function acteur(connexion: Connexion, role: Acteur["role"], perimetres: Perimetre[]): Promise<Acteur> {
  const [u] = await connexion.db
    .insert(utilisateurs)
    .values({ email: `${randomUUID()}@test.gouv.fr`, role, creeLe: maintenant })
    .returning({ id: utilisateurs.id });
  return { id: (u as { id: string }).id, role, perimetres };
}

/** The saved section "feuillesDeRoute" of a département, as the gouvernance form leaves it. */
async function feuilles(connexion: Connexion, code: string, liste: Array<{ id: string; nom: string }>) {
  await connexion.db.insert(gouvernances).values({ codeDepartement: code, creeLe: maintenant, modifieLe: maintenant }).onConflictDoNothing();
  const contenu = { feuilles: liste.map((f) => ({ ...f, porteur: null, perimetre: { type: "departemental" }, contrat: { existe: false } })) };
  await connexion.db
    .insert(sectionsGouvernance)
    .values({ codeDepartement: code, section: "feuillesDeRoute", contenu, version: 1, modifieLe: maintenant })
    .onConflictDoUpdate({ target: [sectionsGouvernance.codeDepartement, sectionsGouvernance.section], set: { contenu } });
}

async function lireTout(flux: Readable): Promise<Buffer> {
  const morceaux: Buffer[] = [];
  for await (const m of flux) morceaux.push(m as Buffer);
  return Buffer.concat(morceaux);
}

const fichiersStockes = () => (readdirSync(repertoire, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{8}-[0-9a-f-]{27}$/.test(f));

describe("document d'une feuille de route", () => {
  it("la préfecture dépose un document, puis une nouvelle version : chaque version est gardée, numérotée, inscrite au journal, et se relit à l'identique", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuilles(connexion, "58", [
        { id: "fdr-1", nom: "Feuille de route départementale" },
        { id: "fdr-2", nom: "Feuille de route du Morvan" },
      ]);
      const deposer = (feuilleId: string, nom: string, octets: Uint8Array, le = maintenant) =>
        deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId, fichier: { nom, type: "application/octet-stream", octets }, maintenant: le, stockage });

      const premier = await deposer("fdr-1", "C:\\Documents\\Feuille de route v1.PDF", PDF("première"));
      if (!premier.ok) throw new Error(premier.erreur);
      expect(premier.valeur).toMatchObject({ codeDepartement: "58", feuilleId: "fdr-1", version: 1, nomFichier: "Feuille de route v1.pdf", typeMime: "application/pdf", taille: PDF("première").length, deposePar: prefecture.id });
      expect(premier.valeur.empreinteSha256).toMatch(/^[0-9a-f]{64}$/);
      const second = await deposer("fdr-1", "Feuille de route v2.docx", DOCX, new Date("2026-11-30T08:00:00Z"));
      expect(second).toMatchObject({ ok: true, valeur: { version: 2, typeMime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } });
      expect(await deposer("fdr-2", "Morvan.pdf", PDF("morvan"))).toMatchObject({ ok: true, valeur: { feuilleId: "fdr-2", version: 1 } });

      const liste = await listerDocumentsFeuilles({ db: connexion.db, acteur: prefecture, code: "58" });
      if (!liste.ok) throw new Error(liste.erreur);
      expect(Object.fromEntries(Object.entries(liste.valeur).map(([f, versions]) => [f, versions.map((v) => [v.version, v.nomFichier])]))).toEqual({
        "fdr-1": [
          [2, "Feuille de route v2.docx"],
          [1, "Feuille de route v1.pdf"],
        ],
        "fdr-2": [[1, "Morvan.pdf"]],
      });

      const lu = await lireDocumentFeuille({ db: connexion.db, acteur: prefecture, code: "58", id: premier.valeur.id, stockage });
      if (!lu.ok) throw new Error(lu.erreur);
      expect(lu.valeur.document).toEqual(premier.valeur);
      expect(Buffer.compare(await lireTout(lu.valeur.flux), Buffer.from(PDF("première")))).toBe(0);

      const audit = await connexion.db.select().from(journalAudit).where(eq(journalAudit.cible, "gouvernance:58:feuillesDeRoute:fdr-1"));
      expect(audit.map((a) => [a.action, a.acteur, (a.apres as { version: number }).version]).sort()).toEqual([
        ["gouvernance.deposerDocument", prefecture.id, 1],
        ["gouvernance.deposerDocument", prefecture.id, 2],
      ]);
    });
  });

  it("la préfecture de région et l'équipe nationale lisent ; seule la préfecture du département dépose ; une autre préfecture ne voit rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture58 = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      const prefecture89 = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "89" }]);
      const region27 = await acteur(connexion, "prefecture-region", [{ type: "region", code: "27" }]);
      const national = await acteur(connexion, "administrateur", []);
      await feuilles(connexion, "58", [{ id: "fdr-1", nom: "Feuille de route" }]);
      await feuilles(connexion, "89", [{ id: "fdr-1", nom: "Feuille de route de l'Yonne" }]);
      const deposer = (a: Acteur | null, code = "58") =>
        deposerDocumentFeuille({ connexion, acteur: a, code, feuilleId: "fdr-1", fichier: { nom: "a.pdf", type: "application/pdf", octets: PDF("x") }, maintenant, stockage });

      const avant = fichiersStockes().length;
      expect(await deposer(prefecture89)).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await deposer(region27)).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await deposer(null)).toEqual({ ok: false, erreur: "nonConnecte" });
      expect(await deposer(prefecture58, "99")).toMatchObject({ ok: false, erreur: "departementInconnu" });
      expect(await deposer(prefecture58, "x")).toMatchObject({ ok: false, erreur: "codeDepartementInvalide" });
      expect(fichiersStockes().length).toBe(avant);
      expect(await connexion.db.select().from(documentsFeuillesDeRoute)).toHaveLength(0);

      const depose = await deposer(prefecture58);
      if (!depose.ok) throw new Error(depose.erreur);
      expect(fichiersStockes().length).toBe(avant + 1);
      const yonne = await deposer(await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "89" }]), "89");
      if (!yonne.ok) throw new Error(yonne.erreur);
      expect(yonne.valeur.version).toBe(1);

      for (const lecteur of [region27, national]) {
        const liste = await listerDocumentsFeuilles({ db: connexion.db, acteur: lecteur, code: "58" });
        expect(liste.ok && liste.valeur["fdr-1"]?.map((d) => d.id)).toEqual([depose.valeur.id]);
        const lu = await lireDocumentFeuille({ db: connexion.db, acteur: lecteur, code: "58", id: depose.valeur.id, stockage });
        expect(lu.ok && lu.valeur.document.id).toBe(depose.valeur.id);
        if (lu.ok) lu.valeur.flux.destroy();
      }
      expect(await listerDocumentsFeuilles({ db: connexion.db, acteur: prefecture89, code: "58" })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: prefecture89, code: "58", id: depose.valeur.id, stockage })).toEqual({ ok: false, erreur: "nonAutorise" });
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: null, code: "58", id: depose.valeur.id, stockage })).toEqual({ ok: false, erreur: "nonConnecte" });
      // The document of the Yonne asked through the Nièvre: unknown there.
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: national, code: "58", id: yonne.valeur.id, stockage })).toEqual({ ok: false, erreur: "documentInconnu" });
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: national, code: "58", id: "pas-un-uuid", stockage })).toEqual({ ok: false, erreur: "documentInconnu" });
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: national, code: "58", id: randomUUID(), stockage })).toEqual({ ok: false, erreur: "documentInconnu" });
    });
  });

  it("après la clôture de la campagne, le serveur refuse le dépôt ; rien n'est écrit", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuilles(connexion, "58", [{ id: "fdr-1", nom: "Feuille de route" }]);
      const dateLimite = new Date("2026-11-28T22:59:59.999Z");
      await connexion.db.insert(campagnes).values({ nom: "Campagne close", ouverture: new Date("2026-10-01T00:00:00Z"), cloture: dateLimite, creeLe: maintenant });
      const avant = fichiersStockes().length;
      const r = await deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId: "fdr-1", fichier: { nom: "a.pdf", type: "", octets: PDF("x") }, maintenant, stockage });
      expect(r).toEqual({ ok: false, erreur: "horsDelai", details: { dateLimite, raison: "close" } });
      expect(fichiersStockes().length).toBe(avant);
      const avantLaDate = await deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId: "fdr-1", fichier: { nom: "a.pdf", type: "", octets: PDF("x") }, maintenant: new Date("2026-11-28T20:00:00Z"), stockage });
      expect(avantLaDate.ok).toBe(true);
    });
  });

  it("une feuille de route qui n'est pas dans la section enregistrée est refusée (identifiant inconnu, mal formé, ou aucune feuille enregistrée)", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      const deposer = (feuilleId: string) =>
        deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId, fichier: { nom: "a.pdf", type: "", octets: PDF("x") }, maintenant, stockage });
      expect(await deposer("fdr-1")).toEqual({ ok: false, erreur: "feuilleInconnue", details: { feuilleId: "fdr-1" } });
      await feuilles(connexion, "58", [{ id: "fdr-1", nom: "Feuille de route" }]);
      expect(await deposer("fdr-2")).toMatchObject({ ok: false, erreur: "feuilleInconnue" });
      expect(await deposer("../fdr-1")).toMatchObject({ ok: false, erreur: "feuilleInconnue" });
      expect(await deposer("fdr-1")).toMatchObject({ ok: true });
      // The feuille removed from the form: no new version, the earlier ones stay readable.
      await feuilles(connexion, "58", [{ id: "fdr-3", nom: "Autre feuille" }]);
      expect(await deposer("fdr-1")).toMatchObject({ ok: false, erreur: "feuilleInconnue" });
      const liste = await listerDocumentsFeuilles({ db: connexion.db, acteur: prefecture, code: "58" });
      expect(liste.ok && liste.valeur["fdr-1"]).toHaveLength(1);
      expect(await verifierDepotDocument({ db: connexion.db, acteur: prefecture, code: "58", feuilleId: "fdr-3", maintenant })).toEqual({
        ok: true,
        valeur: { code: "58", feuille: { id: "fdr-3", nom: "Autre feuille" } },
      });
    });
  });

  it("un fichier refusé par le domaine est refusé avec son message en français, sans rien écrire", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuilles(connexion, "58", [{ id: "fdr-1", nom: "Feuille de route" }]);
      const deposer = (nom: string, octets: Uint8Array) => deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId: "fdr-1", fichier: { nom, type: "application/pdf", octets }, maintenant, stockage });
      const avant = fichiersStockes().length;
      expect(await deposer("photo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({
        ok: false,
        erreur: "fichierInvalide",
        details: { raison: "formatNonAccepte", message: "Format non accepté : déposez un PDF ou un fichier bureautique (Word, Excel, PowerPoint, OpenDocument)." },
      });
      expect(await deposer("photo.pdf", new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toMatchObject({ details: { message: "Le contenu du fichier ne correspond pas à son extension." } });
      expect(await deposer("vide.pdf", new Uint8Array())).toMatchObject({ details: { message: "Le fichier est vide." } });
      const tropGros = new Uint8Array(25 * 1024 * 1024 + 1);
      tropGros.set(PDF(""));
      expect(await deposer("gros.pdf", tropGros)).toMatchObject({ details: { raison: "tropGros", message: "Le fichier dépasse 25 Mo." } });
      expect(fichiersStockes().length).toBe(avant);
      expect(await connexion.db.select().from(documentsFeuillesDeRoute)).toHaveLength(0);
    });
  });

  it("un document dont le fichier a disparu du stockage est signalé comme indisponible", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuilles(connexion, "58", [{ id: "fdr-1", nom: "Feuille de route" }]);
      const depose = await deposerDocumentFeuille({ connexion, acteur: prefecture, code: "58", feuilleId: "fdr-1", fichier: { nom: "a.pdf", type: "", octets: PDF("x") }, maintenant, stockage });
      if (!depose.ok) throw new Error(depose.erreur);
      const ailleurs = new StockageDisque(mkdtempSync(join(tmpdir(), "efne-documents-vide-")));
      expect(await lireDocumentFeuille({ db: connexion.db, acteur: prefecture, code: "58", id: depose.valeur.id, stockage: ailleurs })).toEqual({ ok: false, erreur: "fichierIndisponible", details: { id: depose.valeur.id } });
      rmSync(ailleurs.repertoire, { recursive: true, force: true });
    });
  });
});
