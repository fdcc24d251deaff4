import { connexionApplication } from "@/db/connexion-application";
import { prefecturesAyantRemonte } from "@/domain/gouvernance/publique";
import { statistiquesNationales } from "@/services/espace-prefecture";
import { gouvernancesParEtat } from "@/services/gouvernance-publique";
import { reponseJson } from "../../../reponses";

export const dynamic = "force-dynamic";

/**
 * Public aggregates of the nation: distinct organisations by type, and the gouvernances by state.
 * The fields and their order stay those of the contract; the gouvernance counts are read from the
 * gouvernances themselves (statistiquesNationales still gives placeholders for them).
 */
export async function GET() {
  const { db } = await connexionApplication();
  const statistiques = await statistiquesNationales(db);
  const gouvernances = await gouvernancesParEtat(db);
  return reponseJson({ ...statistiques, prefecturesAyantRemonteUneGouvernance: prefecturesAyantRemonte(gouvernances), gouvernances });
}
