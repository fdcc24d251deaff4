import { NextResponse, type NextRequest } from "next/server";
import { connexionApplication } from "@/db/connexion-application";
import { configurationProConnect, DUREE_DEMANDE_ACCES_MS, terminerConnexionProConnect } from "@/services/proconnect";
import { fermerSession } from "@/services/identite";
import { identifiantDeSession, lireCookie, poserCookie, poserCookieDeSession, retirerCookie, urlDuSite } from "../../../session";

/* The provider sends the browser back here with the code and the state. */

export const dynamic = "force-dynamic";

export async function GET(requete: NextRequest) {
  const site = await urlDuSite();
  const vers = (chemin: string) => NextResponse.redirect(new URL(chemin, site), 303);
  const parametres = configurationProConnect();
  if (!parametres) return vers("/connexion/erreur?motif=configuration");
  const etat = await lireCookie("efne_proconnect");
  await retirerCookie("efne_proconnect");
  const connexion = await connexionApplication();
  // The address as the provider knows it (behind a reverse proxy, the public one).
  const urlCourante = new URL(`${requete.nextUrl.pathname}${requete.nextUrl.search}`, site);
  const resultat = await terminerConnexionProConnect({ connexion, parametres, urlCourante, etat, maintenant: new Date() });
  if (!resultat.ok) return vers(`/connexion/erreur?motif=${resultat.erreur}`);
  if (resultat.valeur.type === "accesNonAttribue") {
    await poserCookie("efne_demande_acces", resultat.valeur.jeton, DUREE_DEMANDE_ACCES_MS);
    return vers("/connexion/acces-non-attribue");
  }
  await fermerSession({ db: connexion.db, session: await identifiantDeSession() });
  await poserCookieDeSession(resultat.valeur.session);
  return vers("/profil");
}
