import type { NextConfig } from "next";

const config: NextConfig = {
  // Packages that must run as plain Node modules on the server (WASM, native drivers, JSON data read from disk).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@etalab/decoupage-administratif"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The database path and the internal control server live outside the bundle: never trace them.
  outputFileTracingExcludes: { "*": [".donnees/**"] },
};

export default config;
