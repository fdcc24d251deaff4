/*
 * Keys of the document store. The application makes them (never from a name a person typed);
 * this rule keeps any key from leaving the store's directory or bucket prefix all the same.
 */

/** Letters, digits, "-", "_", "." and "/" between non-empty segments; no segment starts with a dot. */
const CLE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function verifierCle(cle: string): string {
  if (cle.length > 512 || !CLE.test(cle)) throw new Error(`Clé de stockage invalide : « ${cle.slice(0, 80)} ».`);
  return cle;
}
