import { describe, expect, it } from "vitest";
import type { Acteur } from "@/domain/identite/roles";
import { utiliserBaseDeTest } from "@/db/test/base-de-test";
import { ouvrirEspaceDepartement, peutAdministrer } from "./espaces";

const base = utiliserBaseDeTest();

const prefecture58: Acteur = { id: "p58", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] };
const prefectureRegion27: Acteur = { id: "r27", role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] };
const administrateur: Acteur = { id: "a", role: "administrateur", perimetres: [] };

async function vue(acteur: Acteur | null, code: string) {
  const r = await ouvrirEspaceDepartement({ db: base.connexion().db, acteur, code });
  return r.ok ? { vue: r.valeur.vue, peutModifier: r.valeur.peutModifier } : r.erreur;
}

describe("espace gouvernance d'un département", () => {
  it("la préfecture de la Nièvre a l'espace préfecture de la Nièvre, et seulement la vue publique de l'Yonne", async () => {
    expect(await vue(prefecture58, "58")).toEqual({ vue: "prefecture", peutModifier: true });
    expect(await vue(prefecture58, "89")).toEqual({ vue: "publique", peutModifier: false });
  });

  it("la préfecture de région lit ses départements sans les modifier, et pas ceux d'une autre région", async () => {
    expect(await vue(prefectureRegion27, "58")).toEqual({ vue: "prefecture", peutModifier: false });
    expect(await vue(prefectureRegion27, "01")).toEqual({ vue: "publique", peutModifier: false });
  });

  it("une personne non connectée n'a que la vue publique ; l'équipe nationale a tout", async () => {
    expect(await vue(null, "58")).toEqual({ vue: "publique", peutModifier: false });
    expect(await vue(administrateur, "2A")).toEqual({ vue: "prefecture", peutModifier: true });
  });

  it("un code inconnu, mal formé ou d'une collectivité d'outre-mer n'ouvre aucun espace", async () => {
    expect(await vue(administrateur, "99")).toBe("departementInconnu");
    expect(await vue(administrateur, "975")).toBe("departementInconnu");
    expect(await vue(administrateur, "x")).toBe("codeDepartementInvalide");
  });

  it("seule l'équipe nationale administre", () => {
    expect(peutAdministrer(administrateur).autorise).toBe(true);
    expect(peutAdministrer(prefecture58)).toEqual({ autorise: false, raison: "nonAutorise" });
    expect(peutAdministrer(null)).toEqual({ autorise: false, raison: "nonConnecte" });
  });
});
