import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { eq } from "drizzle-orm";
import { campagnes, gouvernances, sectionsGouvernance, utilisateurs } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import type { Acteur, Perimetre } from "@/domain/identite/roles";
import { StockageDisque } from "@/integrations/stockage/disque";
import { dispositionPieceJointe, repondreDepot, repondreTelechargement, TAILLE_MAX_REQUETE_DEPOT } from "./documents";

const base = utiliserBaseDeTest();
const maintenant = new Date("2026-11-29T10:00:00Z");
const repertoire = mkdtempSync(join(tmpdir(), "efne-documents-routes-"));
const stockage = new StockageDisque(repertoire);
afterAll(() => rmSync(repertoire, { recursive: true, force: true }));

const SITE = "http://localhost:3000";
const CHEMIN = "/api/v1/departements/58/feuilles-de-route/fdr-1/documents";
const PDF = new TextEncoder().encode("%PDF-1.7\nune feuille de route\n%%EOF\n");

async function acteur(connexion: Connexion, role: Acteur["role"], perimetres: Perimetre[]): Promise<Acteur> {
  const [u] = await connexion.db.insert(utilisateurs).values({ email: `${randomUUID()}@test.gouv.fr`, role, creeLe: maintenant }).returning({ id: utilisateurs.id });
  return { id: (u as { id: string }).id, role, perimetres };
}

async function feuille(connexion: Connexion) {
  await connexion.db.insert(gouvernances).values({ codeDepartement: "58", creeLe: maintenant, modifieLe: maintenant });
  const contenu = { feuilles: [{ id: "fdr-1", nom: "Feuille de route", porteur: null, perimetre: { type: "departemental" }, contrat: { existe: false } }] };
  await connexion.db.insert(sectionsGouvernance).values({ codeDepartement: "58", section: "feuillesDeRoute", contenu, version: 1, modifieLe: maintenant });
}

function requeteDepot(fichier: Blob | null, nom = "Feuille de route.pdf", enTetes: Record<string, string> = { origin: SITE }) {
  const formulaire = new FormData();
  if (fichier) formulaire.append("fichier", fichier, nom);
  return new Request(`${SITE}${CHEMIN}`, { method: "POST", body: formulaire, headers: { host: "localhost:3000", ...enTetes } });
}

describe("POST …/feuilles-de-route/{feuille}/documents puis GET …/documents/{id}", () => {
  it("la préfecture dépose (201, le document en JSON), puis le télécharge à l'identique, en pièce jointe", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuille(connexion);
      const reponse = await repondreDepot({ requete: requeteDepot(new Blob([PDF], { type: "application/pdf" }), "Feuille de route « Nièvre » 2026.pdf"), acteur: prefecture, code: "58", feuilleId: "fdr-1", maintenant, connexion, stockage });
      expect(reponse.status).toBe(201);
      const corps = (await reponse.json()) as { ok: true; document: { id: string; url: string } };
      expect(corps).toEqual({
        ok: true,
        document: { id: corps.document.id, feuilleId: "fdr-1", version: 1, nomFichier: "Feuille de route « Nièvre » 2026.pdf", typeMime: "application/pdf", taille: PDF.length, deposeLe: maintenant.toISOString(), url: `/gouvernances/departements/58/documents/${corps.document.id}` },
      });

      const fichier = await repondreTelechargement({ acteur: prefecture, code: "58", id: corps.document.id, connexion, stockage });
      expect(fichier.status).toBe(200);
      expect(Object.fromEntries(fichier.headers)).toMatchObject({
        "content-type": "application/pdf",
        "content-length": String(PDF.length),
        "content-disposition": "attachment; filename=\"Feuille de route _ Nievre _ 2026.pdf\"; filename*=UTF-8''Feuille%20de%20route%20%C2%AB%20Ni%C3%A8vre%20%C2%BB%202026.pdf",
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      });
      expect(Buffer.compare(Buffer.from(await fichier.arrayBuffer()), Buffer.from(PDF))).toBe(0);

      const seconde = await repondreDepot({ requete: requeteDepot(new Blob([PDF])), acteur: prefecture, code: "58", feuilleId: "fdr-1", maintenant, connexion, stockage });
      expect(((await seconde.json()) as { document: { version: number } }).document.version).toBe(2);
    });
  });

  it("chaque refus a son statut et son message en français", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      const autre = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "89" }]);
      await feuille(connexion);
      const deposer = async (requete: Request, p: { acteur?: Acteur | null; feuilleId?: string } = {}) => {
        const r = await repondreDepot({ requete, acteur: p.acteur === undefined ? prefecture : p.acteur, code: "58", feuilleId: p.feuilleId ?? "fdr-1", maintenant, connexion, stockage });
        return [r.status, ((await r.json()) as { message: string }).message];
      };
      const pdf = () => new Blob([PDF]);
      expect(await deposer(requeteDepot(pdf(), "a.pdf", { origin: "https://ailleurs.example" }))).toEqual([403, "Requête refusée : elle ne vient pas de ce site."]);
      expect(await deposer(requeteDepot(pdf(), "a.pdf", {}))).toEqual([403, "Requête refusée : elle ne vient pas de ce site."]);
      expect(await deposer(requeteDepot(pdf()), { acteur: null })).toEqual([401, "Connectez-vous pour déposer un document."]);
      expect(await deposer(requeteDepot(pdf()), { acteur: autre })).toEqual([403, "Votre compte ne permet pas de déposer un document pour ce département."]);
      expect((await deposer(requeteDepot(pdf()), { feuilleId: "inconnue" }))[0]).toBe(404);
      // After the campaign closed (in this transaction only).
      const [close] = await connexion.db.insert(campagnes).values({ nom: "Close", ouverture: new Date("2026-10-01T00:00:00Z"), cloture: new Date("2026-11-28T22:59:59.999Z"), creeLe: maintenant }).returning({ id: campagnes.id });
      expect(await deposer(requeteDepot(pdf()))).toEqual([409, "La proposition n'est plus modifiable depuis le 28 novembre 2026 : le document n'a pas été déposé."]);
      await connexion.db.delete(campagnes).where(eq(campagnes.id, (close as { id: string }).id));
      expect(await deposer(requeteDepot(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), "photo.png"))).toEqual([400, "Format non accepté : déposez un PDF ou un fichier bureautique (Word, Excel, PowerPoint, OpenDocument)."]);
      expect(await deposer(requeteDepot(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), "photo.pdf"))).toEqual([400, "Le contenu du fichier ne correspond pas à son extension."]);
      expect(await deposer(requeteDepot(new Blob([]), "vide.pdf"))).toEqual([400, "Le fichier est vide."]);
      expect(await deposer(requeteDepot(null))).toEqual([400, "Choisissez le fichier à déposer."]);
      const json = new Request(`${SITE}${CHEMIN}`, { method: "POST", body: "{}", headers: { origin: SITE, host: "localhost:3000", "content-type": "application/json" } });
      expect(await deposer(json)).toEqual([400, "Envoyez le document dans le champ « fichier » d'un formulaire multipart/form-data."]);
      // A file just over 25 Mo: the body fits in the envelope, the domain refuses it.
      const tropGros = new Uint8Array(25 * 1024 * 1024 + 1);
      tropGros.set(PDF);
      expect(await deposer(requeteDepot(new Blob([tropGros])))).toEqual([413, "Le fichier dépasse 25 Mo."]);
    });
  });

  it("un corps trop long est refusé en 413 : d'après Content-Length avant d'être lu, sinon dès qu'il dépasse", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuille(connexion);
      let lus = 0;
      const flux = (total: number) =>
        new ReadableStream<Uint8Array>({
          pull(c) {
            const morceau = new Uint8Array(Math.min(1024 * 1024, total - lus));
            lus += morceau.length;
            if (morceau.length) c.enqueue(morceau);
            if (lus >= total) c.close();
          },
        }, { highWaterMark: 0 });
      const requete = (enTetes: Record<string, string>, total: number) =>
        new Request(`${SITE}${CHEMIN}`, { method: "POST", body: flux(total), duplex: "half", headers: { origin: SITE, host: "localhost:3000", "content-type": "multipart/form-data; boundary=x", ...enTetes } } as RequestInit);

      const annonce = await repondreDepot({ requete: requete({ "content-length": String(TAILLE_MAX_REQUETE_DEPOT + 1) }, TAILLE_MAX_REQUETE_DEPOT + 1), acteur: prefecture, code: "58", feuilleId: "fdr-1", maintenant, connexion, stockage });
      expect([annonce.status, await annonce.json()]).toEqual([413, { ok: false, message: "Le fichier dépasse 25 Mo." }]);
      expect(lus).toBe(0);

      const sansLongueur = await repondreDepot({ requete: requete({}, 40 * 1024 * 1024), acteur: prefecture, code: "58", feuilleId: "fdr-1", maintenant, connexion, stockage });
      expect([sansLongueur.status, await sansLongueur.json()]).toEqual([413, { ok: false, message: "Le fichier dépasse 25 Mo." }]);
      expect(lus).toBeLessThan(40 * 1024 * 1024);
    });
  });

  it("le téléchargement répond 404 à qui ne peut pas lire l'espace du département, comme pour un document inconnu", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const prefecture = await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "58" }]);
      await feuille(connexion);
      const depot = await repondreDepot({ requete: requeteDepot(new Blob([PDF])), acteur: prefecture, code: "58", feuilleId: "fdr-1", maintenant, connexion, stockage });
      const { document } = (await depot.json()) as { document: { id: string } };
      const message = { erreur: "Ce document n'existe pas, ou votre compte ne donne pas accès aux documents de ce département." };
      for (const [lecteur, code, id] of [
        [await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "89" }]), "58", document.id],
        [await acteur(connexion, "contact", []), "58", document.id],
        [null, "58", document.id],
        [prefecture, "58", randomUUID()],
        [prefecture, "58", "x"],
        [await acteur(connexion, "prefecture-departement", [{ type: "departement", code: "89" }]), "89", document.id],
      ] as const) {
        const r = await repondreTelechargement({ acteur: lecteur, code, id, connexion, stockage });
        expect([r.status, await r.json()]).toEqual([404, message]);
      }
      const region = await repondreTelechargement({ acteur: await acteur(connexion, "prefecture-region", [{ type: "region", code: "27" }]), code: "58", id: document.id, connexion, stockage });
      expect(region.status).toBe(200);
      await region.body?.cancel();
    });
  });

  it("le nom proposé au navigateur : ASCII dans filename, UTF-8 encodé (RFC 5987) dans filename*", () => {
    expect(dispositionPieceJointe("budget.xlsx")).toBe("attachment; filename=\"budget.xlsx\"; filename*=UTF-8''budget.xlsx");
    expect(dispositionPieceJointe("l'état (final) 100%.pdf")).toBe("attachment; filename=\"l'etat (final) 100_.pdf\"; filename*=UTF-8''l%27%C3%A9tat%20%28final%29%20100%25.pdf");
  });
});
