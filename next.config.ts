import type { NextConfig } from "next";
import { EN_TETES_DE_SECURITE, POLITIQUE_SANS_DOCUMENT } from "./src/securite/csp";

const config: NextConfig = {
  // Packages that must run as plain Node modules on the server (WASM, native drivers, JSON data read from disk).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@etalab/decoupage-administratif", "openid-client", "nodemailer"],
  poweredByHeader: false,
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
