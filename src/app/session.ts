import { cookies, headers } from "next/headers";
import { connexionApplication } from "@/db/connexion-application";
import { nomCookie, optionsCookie } from "@/securite/cookies";
import { DUREE_SESSION_MS, lireSession, type SessionOuverte } from "@/services/identite";

/* The session of the current request, read from its cookie; the database holds the rest. */

export async function estHttps(): Promise<boolean> {
  const enTetes = await headers();
  return enTetes.get("x-forwarded-proto") === "https" || (process.env.EFNE_URL_PUBLIQUE ?? "").startsWith("https:");
}

export async function nomDuCookieDeSession(): Promise<string> {
  return nomCookie("efne_session", await estHttps());
}

/** The session identifier the browser sent, if any. */
export async function identifiantDeSession(): Promise<string | undefined> {
  return (await cookies()).get(await nomDuCookieDeSession())?.value;
}

export async function sessionCourante(): Promise<SessionOuverte | null> {
  const valeur = await identifiantDeSession();
  if (!valeur) return null;
  const { db } = await connexionApplication();
  return lireSession({ db, session: valeur, maintenant: new Date() });
}

export async function poserCookieDeSession(session: string) {
  const https = await estHttps();
  (await cookies()).set(await nomDuCookieDeSession(), session, optionsCookie({ https, maxAge: Math.floor(DUREE_SESSION_MS / 1000) }));
}

export async function retirerCookieDeSession() {
  (await cookies()).delete(await nomDuCookieDeSession());
}

/** Short-lived cookies of the login steps (ProConnect state, access request), with the same defaults. */
export async function poserCookie(nom: "efne_proconnect" | "efne_demande_acces", valeur: string, dureeMs: number) {
  const https = await estHttps();
  (await cookies()).set(nomCookie(nom, https), valeur, optionsCookie({ https, maxAge: Math.floor(dureeMs / 1000) }));
}

export async function lireCookie(nom: "efne_proconnect" | "efne_demande_acces"): Promise<string | undefined> {
  return (await cookies()).get(nomCookie(nom, await estHttps()))?.value;
}

export async function retirerCookie(nom: "efne_proconnect" | "efne_demande_acces") {
  (await cookies()).delete(nomCookie(nom, await estHttps()));
}

/** The address links in mails point to: EFNE_URL_PUBLIQUE, or the address the request came to. */
export async function urlDuSite(): Promise<string> {
  if (process.env.EFNE_URL_PUBLIQUE) return process.env.EFNE_URL_PUBLIQUE;
  const enTetes = await headers();
  const hote = enTetes.get("x-forwarded-host") ?? enTetes.get("host") ?? `localhost:${process.env.PORT || "3000"}`;
  return `${(await estHttps()) ? "https" : "http"}://${hote}`;
}

/** The client's address as the reverse proxy reports it; null when the app is reached directly. */
export async function adresseDuClient(): Promise<string | null> {
  const enTetes = await headers();
  return enTetes.get("x-forwarded-for")?.split(",")[0]?.trim() || enTetes.get("x-real-ip") || null;
}
