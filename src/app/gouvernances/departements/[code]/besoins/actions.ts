"use server";

import { connexionApplication } from "@/db/connexion-application";
import { enregistrerClassement, enregistrerSelection, type ErreurBesoins } from "@/services/besoins";
import { messageErreur } from "@/ui/messages-erreur";
import { sessionCourante } from "../../../../session";

/*
 * The two saves of the besoins en ingénierie financière. Each finds the person from the session and
 * calls one service, which checks the permission policy, the window, the version and every value.
 */

export type ReponseBesoins =
  | { ok: true; version: number }
  | {
      ok: false;
      message: string;
      /** Step 1: the message of each field, keyed "categorie.item.champ". */
      champs?: Record<string, string>;
      /** Someone saved in between, or the needs changed: the page is to be reloaded. */
      recharger?: boolean;
    };

type Echec = { ok: false; erreur: ErreurBesoins; details?: Record<string, unknown> };

function reponseEchec(resultat: Echec): ReponseBesoins {
  const details = resultat.details ?? {};
  switch (resultat.erreur) {
    case "formulaireInvalide":
      return { ok: false, message: "Certains champs sont à corriger : vos besoins n'ont pas été enregistrés.", champs: details.champs as Record<string, string> };
    case "conflit":
      return { ok: false, message: messageErreur("conflitBesoins"), recharger: true };
    case "classementInvalide":
      return { ok: false, message: messageErreur("classementInvalide", details), recharger: true };
    case "horsDelai":
      return { ok: false, message: messageErreur("besoinsHorsDelai", details) };
    case "nonConnecte":
    case "nonAutorise":
    case "departementInconnu":
    case "codeDepartementInvalide":
      return { ok: false, message: messageErreur(resultat.erreur, details) };
  }
}

const parametresValides = (code: unknown, version: unknown) => typeof code === "string" && Number.isInteger(version) && (version as number) >= 0;

/** Step 1, "Étape suivante": the selection as the form holds it (`{ besoins: [...] }`). */
export async function enregistrerLaSelection(code: string, selection: unknown, version: number): Promise<ReponseBesoins> {
  if (!parametresValides(code, version)) return { ok: false, message: messageErreur("formulaireInvalide") };
  const session = await sessionCourante();
  const connexion = await connexionApplication();
  const resultat = await enregistrerSelection({ connexion, acteur: session?.acteur ?? null, code, selection, version, maintenant: new Date() });
  return resultat.ok ? { ok: true, version: resultat.valeur.version } : reponseEchec(resultat);
}

/** Step 2, "Confirmer": the keys of the cards, from the most to the least important. */
export async function enregistrerLeClassement(code: string, classement: unknown, version: number): Promise<ReponseBesoins> {
  if (!parametresValides(code, version)) return { ok: false, message: messageErreur("formulaireInvalide") };
  const session = await sessionCourante();
  const connexion = await connexionApplication();
  const resultat = await enregistrerClassement({ connexion, acteur: session?.acteur ?? null, code, classement, version, maintenant: new Date() });
  return resultat.ok ? { ok: true, version: resultat.valeur.version } : reponseEchec(resultat);
}
