import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appliquer, lireCleDePartenaire, modificationDe, noterTicks, reprendre, type TicksEnAttente } from "./perimetre";

describe("clés du périmètre", () => {
  it("lit les clés bien formées et refuse les autres", () => {
    expect(lireCleDePartenaire("commune:58194")).toEqual({ type: "commune", code: "58194" });
    expect(lireCleDePartenaire("commune:2A004")).toEqual({ type: "commune", code: "2A004" });
    expect(lireCleDePartenaire("epci:200067213")).toEqual({ type: "epci", code: "200067213" });
    expect(lireCleDePartenaire("departement:971")).toEqual({ type: "departement", code: "971" });
    expect(lireCleDePartenaire("region:27")).toEqual({ type: "region", code: "27" });
    for (const mauvaise of ["commune:5819", "commune:58194:x", "structure:abc", "epci:12", "departement:1", "", 42, null, "commune:" + "1".repeat(30)]) {
      expect(lireCleDePartenaire(mauvaise)).toBeNull();
    }
  });
});

describe("ticks en attente", () => {
  const cles = fc.constantFrom("commune:58001", "commune:58002", "commune:58003", "epci:200067213", "departement:58");
  const tick = fc.record({ cles: fc.array(cles, { minLength: 1, maxLength: 3 }), coche: fc.boolean() });

  it("envoyés par paquets à n'importe quel moment, donnent l'ensemble des dernières cases cochées", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ tick, envoyer: fc.boolean() }), { maxLength: 40 }), (suite) => {
        let stocke = new Set<string>();
        let attente: TicksEnAttente = new Map();
        const ecran = new Set<string>();
        for (const { tick: t, envoyer } of suite) {
          for (const c of t.cles) {
            if (t.coche) ecran.add(c);
            else ecran.delete(c);
          }
          attente = noterTicks(attente, t.cles, t.coche);
          if (envoyer) {
            stocke = appliquer(stocke, modificationDe(attente));
            attente = new Map();
          }
        }
        stocke = appliquer(stocke, modificationDe(attente));
        expect([...stocke].sort()).toEqual([...ecran].sort());
      }),
    );
  });

  it("un envoi échoué repasse avant les ticks faits depuis", () => {
    const echoue = noterTicks(new Map(), ["commune:58001", "commune:58002"], true);
    const depuis = noterTicks(new Map(), ["commune:58001"], false);
    expect(modificationDe(reprendre(echoue, depuis))).toEqual({ ajouter: ["commune:58002"], retirer: ["commune:58001"] });
  });
});
