import { describe, expect, it } from "vitest";
import { analyserArguments } from "./arguments";

describe("arguments de la ligne de commande", () => {
  it("sépare commande, positionnels, options répétables et drapeaux", () => {
    const a = analyserArguments(["utilisateurs:creer", "--email", "a@b.fr", "--departement", "58", "--departement=89", "fichier.csv", "--forcer"]);
    expect(a.commande).toBe("utilisateurs:creer");
    expect(a.positionnels).toEqual(["fichier.csv"]);
    expect(a.options.get("departement")).toEqual(["58", "89"]);
    expect(a.options.get("email")).toEqual(["a@b.fr"]);
    expect([...a.drapeaux]).toEqual(["forcer"]);
  });
  it("comprend --help et -h sans commande", () => {
    expect(analyserArguments(["--help"]).drapeaux.has("help")).toBe(true);
    expect(analyserArguments(["-h"]).commande).toBeNull();
  });
});
