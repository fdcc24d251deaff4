import { describe, expect, it } from "vitest";
import { CAPACITES, decider, type Capacite, type Cible } from "./permissions";
import type { Acteur } from "./roles";

/*
 * The policy as a table: every capability × every kind of actor × targets inside and outside its
 * territory. A new capability without its rows here makes the completeness test fail.
 */

const acteurs: Record<string, Acteur | null> = {
  anonyme: null,
  administrateur: { id: "a", role: "administrateur", perimetres: [] },
  "prefecture 58": { id: "p58", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }] },
  "prefecture 58 et 89": { id: "p5889", role: "prefecture-departement", perimetres: [{ type: "departement", code: "58" }, { type: "departement", code: "89" }] },
  "prefecture région 27": { id: "r27", role: "prefecture-region", perimetres: [{ type: "region", code: "27" }] },
  contact: { id: "c", role: "contact", perimetres: [] },
};

const cibles: Record<string, Cible> = {
  "national": { type: "national" },
  "région 27": { type: "region", code: "27" },
  "région 84": { type: "region", code: "84" },
  "département 58 (région 27)": { type: "departement", code: "58", codeRegion: "27" },
  "département 89 (région 27)": { type: "departement", code: "89", codeRegion: "27" },
  "département 01 (région 84)": { type: "departement", code: "01", codeRegion: "84" },
};

type Ligne = Record<keyof typeof acteurs, string[]>;
/** For each capability and actor: the targets allowed. */
const ATTENDU: Record<Capacite, Ligne> = {
  lireEspaceDepartement: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": ["département 58 (région 27)"],
    "prefecture 58 et 89": ["département 58 (région 27)", "département 89 (région 27)"],
    "prefecture région 27": ["département 58 (région 27)", "département 89 (région 27)"],
    contact: [],
  },
  modifierEspaceDepartement: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": ["département 58 (région 27)"],
    "prefecture 58 et 89": ["département 58 (région 27)", "département 89 (région 27)"],
    "prefecture région 27": [],
    contact: [],
  },
  lireEspaceRegion: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": [],
    "prefecture 58 et 89": [],
    "prefecture région 27": ["région 27"],
    contact: [],
  },
  lireEspaceNational: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": [],
    "prefecture 58 et 89": [],
    "prefecture région 27": [],
    contact: [],
  },
  administrer: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": [],
    "prefecture 58 et 89": [],
    "prefecture région 27": [],
    contact: [],
  },
  lireSonProfil: {
    anonyme: [],
    administrateur: Object.keys(cibles),
    "prefecture 58": Object.keys(cibles),
    "prefecture 58 et 89": Object.keys(cibles),
    "prefecture région 27": Object.keys(cibles),
    contact: Object.keys(cibles),
  },
};

describe("politique de permissions", () => {
  it("a une ligne de la table pour chaque capacité", () => {
    expect(Object.keys(ATTENDU).sort()).toEqual([...CAPACITES].sort());
  });

  for (const capacite of CAPACITES) {
    for (const [nomActeur, acteur] of Object.entries(acteurs)) {
      it(`${capacite} — ${nomActeur}`, () => {
        const autorisees = Object.entries(cibles)
          .filter(([, cible]) => decider(acteur, capacite, cible).autorise)
          .map(([nom]) => nom);
        expect(autorisees).toEqual(ATTENDU[capacite][nomActeur]);
      });
    }
  }

  it("dit pourquoi il refuse : personne n'est connecté, ou la personne n'a pas ce droit", () => {
    expect(decider(null, "lireSonProfil", { type: "national" })).toEqual({ autorise: false, raison: "nonConnecte" });
    expect(decider(acteurs.contact ?? null, "administrer", { type: "national" })).toEqual({ autorise: false, raison: "nonAutorise" });
  });
});
