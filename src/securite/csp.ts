/*
 * Security headers of every response. The Content-Security-Policy allows no inline script but
 * those carrying the request's nonce (Next.js adds it to its own scripts; react-dsfr to its
 * colour-scheme script). Pure functions: src/proxy.ts and next.config.ts apply them.
 */

export const EN_TETE_NONCE = "x-nonce";

export function creerNonce(): string {
  const octets = new Uint8Array(16);
  crypto.getRandomValues(octets);
  return btoa(String.fromCharCode(...octets));
}

export function politiqueDeSecuriteDuContenu(params: {
  nonce: string;
  developpement: boolean;
  https: boolean;
  /** Other origins forms may lead to (the ProConnect provider, for the logout that ends there). */
  formulairesVers?: ReadonlyArray<string>;
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${params.nonce}' 'strict-dynamic'${params.developpement ? " 'unsafe-eval'" : ""}`,
    // Style attributes of the design system's components need 'unsafe-inline' (styles cannot run code).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${params.developpement ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...(params.formulairesVers ?? [])].join(" "),
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  if (params.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** For answers that are not HTML documents (JSON, scripts, styles, fonts): nothing may run or embed them. */
export const POLITIQUE_SANS_DOCUMENT = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Headers that do not depend on the request: on every response, static files included. */
export const EN_TETES_DE_SECURITE: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];
