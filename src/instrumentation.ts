/*
 * Runs once when the Next.js server starts, before it serves requests: database, migrations,
 * reference territories, demonstration data and the operators' control endpoint.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` never opens the database: every page that reads data is dynamic.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { demarrerServeur } = await import("@/serveur/demarrage");
  await demarrerServeur();
}
