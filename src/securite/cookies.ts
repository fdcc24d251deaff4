/*
 * Defaults of every cookie the product sets: not readable by scripts, not sent on cross-site
 * sub-requests, secure whenever the site is served over HTTPS.
 */

export interface OptionsCookie {
  httpOnly: boolean;
  secure: boolean;
  sameSite: "lax" | "strict";
  path: string;
  maxAge?: number;
}

export function optionsCookie(params: { https: boolean; maxAge?: number; sameSite?: "lax" | "strict" }): OptionsCookie {
  return {
    httpOnly: true,
    secure: params.https,
    sameSite: params.sameSite ?? "lax",
    path: "/",
    ...(params.maxAge !== undefined ? { maxAge: params.maxAge } : {}),
  };
}

/** Cookie names carry the __Host- prefix over HTTPS: bound to this host, path / and Secure. */
export function nomCookie(nom: string, https: boolean): string {
  return https ? `__Host-${nom}` : nom;
}
