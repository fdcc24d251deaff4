import type { Connexion } from "@/db/client";
import { migrer } from "@/db/migrer";
import { sourceCogInstallee } from "@/integrations/cog/decoupage-administratif";
import { chargerDemonstration } from "./demonstration";
import { etatReferentielTerritoires, importerTerritoires, type Progression } from "./territoires";

export interface BilanDemarrage {
  migrations: number;
  territoires: "importes" | "a-jour";
  premierDemarrage: boolean;
  demonstrationChargee: boolean;
}

/**
 * Brings a database to the state the application needs: migrations, the reference territories
 * (loaded on first start, reloaded when the installed COG package changes) and, on the first start
 * of an embedded database, the demonstration dataset.
 */
export async function preparerBase(params: {
  connexion: Connexion;
  maintenant: () => Date;
  chargerDemonstrationAuPremierDemarrage: boolean;
  progression?: Progression;
}): Promise<BilanDemarrage> {
  const { connexion, maintenant } = params;
  const progression = params.progression ?? (() => undefined);
  const migrations = await migrer(connexion);
  const premierDemarrage = (await etatReferentielTerritoires(connexion.db)) === null;
  const bilan = await importerTerritoires({ connexion, source: sourceCogInstallee(), maintenant: maintenant(), progression });
  let demonstrationChargee = false;
  if (premierDemarrage && params.chargerDemonstrationAuPremierDemarrage) {
    const resultat = await chargerDemonstration({ connexion, maintenant: maintenant(), progression });
    demonstrationChargee = resultat.ok;
  }
  return { migrations, territoires: bilan.importe ? "importes" : "a-jour", premierDemarrage, demonstrationChargee };
}
