import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { ouvrirPostgresql } from "@/db/client";
import { taches } from "@/db/schema";
import { executerTachesDues, planifier, reclamerTaches } from "./taches";

/* PostgreSQL only (the integration-postgresql project): two app instances, two connections, one task. */

const t0 = new Date("2026-11-29T09:00:00Z");
const heures = (h: number) => new Date(t0.getTime() + h * 3600_000);

describe("deux exécutants en même temps (PostgreSQL)", () => {
  it("ne prennent jamais la même tâche : le résumé part une seule fois", async () => {
    const base = inject("efneBase");
    if (base.type !== "postgresql") throw new Error("Ce scénario demande le serveur PostgreSQL.");
    const url = base.url;
    const [a, b] = [await ouvrirPostgresql(url, { max: 2 }), await ouvrirPostgresql(url, { max: 2 })];
    const cle = `concurrence:${Date.now()}`;
    try {
      let executions = 0;
      const executants = {
        concurrence: async () => {
          executions += 1;
          await new Promise((r) => setTimeout(r, 200));
        },
      };
      for (let essai = 0; essai < 10; essai += 1) {
        await planifier({ db: a.db, type: "concurrence", cle: `${cle}:${essai}`, executerApres: t0 });
        const [ra, rb] = await Promise.all([
          executerTachesDues({ connexion: a, executants, maintenant: heures(1) }),
          executerTachesDues({ connexion: b, executants, maintenant: heures(1) }),
        ]);
        expect(ra.faites + rb.faites).toBe(1);
      }
      expect(executions).toBe(10);
      expect(await reclamerTaches({ db: a.db, maintenant: heures(2) })).toEqual([]);
    } finally {
      await a.db.delete(taches).where(eq(taches.type, "concurrence"));
      await a.fermer();
      await b.fermer();
    }
  });
});

