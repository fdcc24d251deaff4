import type { Metadata } from "next";
import { connexionApplication } from "@/db/connexion-application";
import { syntheseDesBesoinsNationaux } from "@/services/besoins-nationaux";
import { SyntheseBesoinsNationale } from "@/ui/besoins/SyntheseBesoinsNationale";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../../session";
import { PresentationEspace, TITRE_ESPACE } from "../../_espace/Espace";

/*
 * "Besoins en ingénierie financière — France entière" (PRODUCT §7): what every département
 * selected and how it ranked it, summed per item of the catalogue and per département, with the
 * downloads. The national team only (lireEspaceNational, asked by the service); anyone else reads
 * the space's presentation, like the other national pages.
 */

const TITRE = "Besoins en ingénierie financière — France entière";

export const metadata: Metadata = { title: TITRE };

export default async function BesoinsNationaux() {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const synthese = await syntheseDesBesoinsNationaux({ db, acteur: session?.acteur ?? null });
  if (!synthese.ok) return <PresentationEspace connecte={session !== null} titre={TITRE_ESPACE} />;
  return (
    <Page titre={TITRE} filAriane={[{ libelle: "Gouvernance - France entière", chemin: "/gouvernances/national" }]}>
      <SyntheseBesoinsNationale synthese={synthese.valeur} />
    </Page>
  );
}
