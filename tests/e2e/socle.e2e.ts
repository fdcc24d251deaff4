import { describe, expect, it } from "vitest";
import { cli, url, utiliserNavigateur, visiter } from "./outils";

const nouvelleSession = utiliserNavigateur();

describe("le socle, servi par l'application construite", () => {
  it("répond sur la base embarquée, avec les 101 départements et leur population", async () => {
    expect(await (await fetch(url("/api/health"))).json()).toMatchObject({ statut: "ok", baseDeDonnees: "pglite" });
    const departements = (await (await fetch(url("/api/v1/territoires/departements"))).json()) as { population: number }[];
    expect(departements).toHaveLength(101);
    expect(departements.reduce((s, d) => s + d.population, 0)).toBe(68_350_798);
    const nievre = await (await fetch(url("/api/v1/territoires/departements/58"))).json();
    expect(nievre).toMatchObject({ nom: "Nièvre", region: { nom: "Bourgogne-Franche-Comté" } });
    expect((await fetch(url("/api/v1/territoires/departements/99"))).status).toBe(404);
  });

  it("une commande des opérateurs écrit pendant que l'application tourne, et les pages le montrent aussitôt", async () => {
    const session = await nouvelleSession();
    await visiter(session, "/");
    expect(await session.page.getByText("Données de démonstration — fictives").count()).toBeGreaterThan(0);

    const effacement = cli("demo:effacer");
    expect(effacement.code, effacement.erreurs).toBe(0);
    expect(effacement.erreurs).toContain("exécutée par l'application en cours");
    await visiter(session, "/");
    expect(await session.page.getByText("Données de démonstration — fictives").count()).toBe(0);
    expect(await session.page.getByText("Aucune donnée de lieux n'est chargée.").isVisible()).toBe(true);

    const chargement = cli("demo:charger");
    expect(chargement.code, chargement.erreurs).toBe(0);
    await visiter(session, "/donnees");
    expect(await session.page.getByText("Données de démonstration — fictives").count()).toBeGreaterThan(0);
    await session.contexte.close();
  });
});
