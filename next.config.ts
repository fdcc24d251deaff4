import type { NextConfig } from "next";
import { EN_TETES_DE_SECURITE, POLITIQUE_SANS_DOCUMENT } from "./src/securite/csp";

const config: NextConfig = {
  // Packages that must run as plain Node modules on the server (WASM, native drivers, JSON data read from disk).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@etalab/decoupage-administratif", "openid-client", "nodemailer"],
  poweredByHeader: false,
  // The proxy (src/proxy.ts) sees every request: it must let through a feuille de route's document
  // (25 MB at most, PRODUCT §6) with its multipart envelope; the route refuses larger ones itself.
  experimental: { proxyClientMaxBodySize: "27mb" },
  reactStrictMode: true,
  // The database path and the internal control server live outside the bundle: never trace them.
  outputFileTracingExcludes: { "*": [".donnees/**"] },
  // On every response, static files included; the Content-Security-Policy comes from src/proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...EN_TETES_DE_SECURITE] },
      // The files src/proxy.ts does not see.
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: POLITIQUE_SANS_DOCUMENT }] },
      { source: "/favicon.ico", headers: [{ key: "Content-Security-Policy", value: POLITIQUE_SANS_DOCUMENT }] },
    ];
  },
};

export default config;
