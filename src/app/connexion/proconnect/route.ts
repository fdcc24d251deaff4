import { NextResponse } from "next/server";
import { connexionApplication } from "@/db/connexion-application";
import { commencerConnexionProConnect, configurationProConnect, DUREE_AUTORISATION_MS } from "@/services/proconnect";
import { poserCookie, urlDuSite } from "../../session";

/* "S'identifier avec ProConnect": sends the browser to the provider, keeping the state in a cookie. */

export const dynamic = "force-dynamic";

export async function GET() {
  const site = await urlDuSite();
  const parametres = configurationProConnect();
  if (!parametres) return NextResponse.redirect(new URL("/connexion/erreur?motif=configuration", site), 303);
  const { db } = await connexionApplication();
  const resultat = await commencerConnexionProConnect({
    db,
    parametres,
    urlDeRetour: new URL("/connexion/proconnect/retour", site).toString(),
    maintenant: new Date(),
  });
  if (!resultat.ok) return NextResponse.redirect(new URL(`/connexion/erreur?motif=${resultat.erreur}`, site), 303);
  await poserCookie("efne_proconnect", resultat.valeur.etat, DUREE_AUTORISATION_MS);
  return NextResponse.redirect(resultat.valeur.url, 303);
}
