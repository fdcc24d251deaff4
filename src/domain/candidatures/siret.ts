import { echec, succes, type Resultat } from "../resultat";

/*
 * SIRET: 14 digits, the SIREN (9 digits) followed by the establishment number (5 digits).
 * The whole number passes the Luhn check, except for La Poste establishments (SIREN 356000000),
 * too many to fit under one Luhn key: theirs is valid when the sum of the digits is a multiple of 5.
 */

export type ErreurSiret = "siretVide" | "siretFormat" | "siretCle";

const SIREN_LA_POSTE = "356000000";

/** Removes the separators people type or paste: spaces (including non-breaking), dots, dashes. */
export function normaliserSiret(saisie: string): string {
  return saisie.replace(/[\s.\-\u00A0\u202F]/g, "");
}

function chiffres(nombre: string): number[] {
  return [...nombre].map(Number);
}

function passeLuhn(nombre: string): boolean {
  const somme = chiffres(nombre)
    .reverse()
    .reduce((total, chiffre, rang) => {
      if (rang % 2 === 0) return total + chiffre;
      const double = chiffre * 2;
      return total + (double > 9 ? double - 9 : double);
    }, 0);
  return somme % 10 === 0;
}

function passeRegleLaPoste(siret: string): boolean {
  if (!siret.startsWith(SIREN_LA_POSTE)) return false;
  const somme = chiffres(siret).reduce((total, chiffre) => total + chiffre, 0);
  return somme % 5 === 0;
}

export function verifierSiret(saisie: string): Resultat<string, ErreurSiret> {
  const siret = normaliserSiret(saisie);
  if (siret === "") return echec("siretVide");
  if (!/^\d{14}$/.test(siret)) return echec("siretFormat");
  if (!passeLuhn(siret) && !passeRegleLaPoste(siret)) return echec("siretCle");
  return succes(siret);
}

/** The SIREN of the legal unit: the first 9 digits of a normalised SIRET. */
export function sirenDe(siret: string): string {
  return siret.slice(0, 9);
}
