import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * Proves the layer rule fires through the project's real ESLint configuration: a rule whose
 * pattern matches nothing would pass every file silently.
 */

const eslint = new ESLint({ cwd: process.cwd() });

async function erreurs(code: string, fichier: string): Promise<string[]> {
  const [resultat] = await eslint.lintText(code, { filePath: fichier });
  return (resultat?.messages ?? []).filter((m) => m.ruleId === "architecture/couches").map((m) => m.message);
}

describe("règle des couches", () => {
  it("refuse qu'un module du domaine importe la base de données", async () => {
    expect(await erreurs('import { communes } from "@/db/schema";\nexport const x = communes;\n', "src/domain/territoires/violation.ts")).toEqual([
      "La couche « domain » ne peut pas importer « @/db/schema » (couche « db »). Autorisé : domain.",
    ]);
  });

  it("refuse aussi le chemin relatif qui sort du domaine, et tout paquet ou module Node dans le domaine", async () => {
    expect(await erreurs('import { x } from "../../services/territoires";\nexport const y = x;\n', "src/domain/territoires/violation.ts")).toHaveLength(1);
    expect(await erreurs('import { readFileSync } from "node:fs";\nexport const y = readFileSync;\n', "src/domain/violation.ts")).toEqual([
      "Le domaine est pur : il n'importe ni paquet ni module Node (« node:fs »).",
    ]);
  });

  it("refuse qu'une page importe le schéma de la base au lieu de passer par un service", async () => {
    expect(await erreurs('import { communes } from "@/db/schema";\nexport const x = communes;\n', "src/app/violation/page.tsx")).toHaveLength(1);
    expect(await erreurs('export const charger = () => import("@/integrations/cog/decoupage-administratif");\n', "src/ui/violation.tsx")).toHaveLength(1);
  });

  it("laisse passer les dépendances permises", async () => {
    expect(await erreurs('import { listerDepartements } from "@/services/territoires";\nexport const x = listerDepartements;\n', "src/app/exemple/page.tsx")).toEqual([]);
    expect(await erreurs('import { estCodeDepartement } from "@/domain/territoires/codes";\nexport const x = estCodeDepartement;\n', "src/services/exemple.ts")).toEqual([]);
  });
});
