"use server";

import { connexionApplication } from "@/db/connexion-application";
import type { ErreursChamps } from "@/domain/gouvernance/formulaire";
import { deposerGouvernance, enregistrerSection, instruireGouvernance, ouvrirGouvernance } from "@/services/gouvernance";
import { rechercherCollectivites, type CollectiviteTrouvee } from "@/services/porter";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../../../../courrier";
import { sessionCourante, urlDuSite } from "../../../../session";
import { etatTransmis, type EtatTransmis, type SectionTransmise } from "./etat";

/*
 * The actions of "Création d'une gouvernance". Each finds the person from the session and calls one
 * service, which checks the permission policy, the deadline and every value: nothing the browser
 * says is trusted.
 */

export type ReponseEnregistrement =
  /** `version`: the version this save wrote; `etat`: the gouvernance read after it (for the summaries). */
  | { ok: true; version: number; etat: EtatTransmis }
  | { ok: false; message: string; champs?: ErreursChamps; conflit?: SectionTransmise; etat?: EtatTransmis };

/** Saves one section ("Modifier", autosave). `version`: the version the editing started from. */
export async function enregistrerSectionGouvernance(code: string, section: string, contenu: unknown, version: number): Promise<ReponseEnregistrement> {
  const session = await sessionCourante();
  const connexion = await connexionApplication();
  const acteur = session?.acteur ?? null;
  if (typeof code !== "string" || typeof section !== "string" || !Number.isInteger(version)) return { ok: false, message: messageErreur("formulaireInvalide") };
  const resultat = await enregistrerSection({ connexion, acteur, code, section, contenu, version, maintenant: new Date() });
  if (!resultat.ok) {
    const details = (resultat.details ?? {}) as Record<string, unknown>;
    if (resultat.erreur === "conflit") {
      const modifieLe = details.modifieLe instanceof Date ? details.modifieLe.toISOString() : null;
      const ouverte = await ouvrirGouvernance({ db: connexion.db, acteur, code });
      return {
        ok: false,
        message: messageErreur("conflit"),
        conflit: { contenu: details.contenuActuel as never, version: Number(details.versionActuelle), modifieLe },
        ...(ouverte.ok ? { etat: etatTransmis(ouverte.valeur) } : {}),
      };
    }
    if (resultat.erreur === "formulaireInvalide") {
      return { ok: false, message: "Certains champs sont à corriger : vos modifications n'ont pas été enregistrées.", champs: details.champs as ErreursChamps };
    }
    if (resultat.erreur === "perimetresIncompatibles") return { ok: false, message: messageErreur("perimetresIncompatibles", details), champs: details.champs as ErreursChamps };
    return { ok: false, message: messageErreur(resultat.erreur, details) };
  }
  const ouverte = await ouvrirGouvernance({ db: connexion.db, acteur, code });
  if (!ouverte.ok) return { ok: false, message: messageErreur(ouverte.erreur) };
  return { ok: true, version: resultat.valeur.version, etat: etatTransmis(ouverte.valeur) };
}

/** "Ajouter une collectivité": any collectivité of the reference, by name, code or postal code (for who may edit this gouvernance). */
export async function rechercherUneCollectivite(code: string, texte: unknown): Promise<{ ok: true; resultats: CollectiviteTrouvee[] } | { ok: false; message: string }> {
  const session = await sessionCourante();
  if (!session) return { ok: false, message: messageErreur("nonConnecte") };
  const { db } = await connexionApplication();
  const ouverte = await ouvrirGouvernance({ db, acteur: session.acteur, code: String(code) });
  if (!ouverte.ok || !ouverte.valeur.peutModifier) return { ok: false, message: messageErreur("nonAutorise") };
  const resultat = await rechercherCollectivites(db, texte);
  if (!resultat.ok) return { ok: false, message: messageErreur(resultat.erreur) };
  return { ok: true, resultats: resultat.valeur };
}

export type ReponseTransition = { ok: true; message: string } | { ok: false; message: string };

/** "Déposer la proposition": the service checks the window, the state and the completeness. */
export async function deposerLaGouvernance(code: string): Promise<ReponseTransition> {
  const session = await sessionCourante();
  const connexion = await connexionApplication();
  const resultat = await deposerGouvernance({ connexion, acteur: session?.acteur ?? null, code: String(code), maintenant: new Date(), adresseDuSite: await urlDuSite() });
  if (!resultat.ok) return { ok: false, message: messageErreur(resultat.erreur, resultat.details) };
  envoyerLesCourrielsApresLaReponse();
  const n = resultat.valeur.notifies;
  return {
    ok: true,
    message: `Proposition déposée.${n > 0 ? ` ${n === 1 ? "Une personne est prévenue" : `${n} personnes sont prévenues`} par courriel (membres et équipe nationale).` : ""}`,
  };
}

/** The national team's decision: "Valider", or "À compléter" with a message and a reopening date. */
export async function instruireLaGouvernance(code: string, donnees: FormData): Promise<ReponseTransition> {
  const session = await sessionCourante();
  const connexion = await connexionApplication();
  const texte = (nom: string) => {
    const v = donnees.get(nom);
    return typeof v === "string" ? v.slice(0, 5000) : undefined;
  };
  const resultat = await instruireGouvernance({
    connexion,
    acteur: session?.acteur ?? null,
    code: String(code),
    decision: texte("decision"),
    message: texte("message"),
    jusquau: texte("jusquau"),
    maintenant: new Date(),
    adresseDuSite: await urlDuSite(),
  });
  if (!resultat.ok) return { ok: false, message: messageErreur(resultat.erreur, resultat.details) };
  envoyerLesCourrielsApresLaReponse();
  return { ok: true, message: resultat.valeur.etat === "validee" ? "Gouvernance validée : la préfecture est prévenue." : "Gouvernance renvoyée « à compléter » : la préfecture est prévenue." };
}
