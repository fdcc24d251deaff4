"use server";

import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { ETAPES_PORTER, type EtapePorter } from "@/domain/candidatures/etapes";
import { brouillonDepuisChamps, enregistrerBrouillon, type ErreursDeChamps } from "@/services/manifestations";
import {
  enregistrerContactPartenaire,
  enregistrerStructure,
  envoyerFeuilleDeRoute,
  modifierPerimetre,
  rechercherCollectivites,
  supprimerStructure,
  terminerEtape,
  type CollectiviteTrouvee,
} from "@/services/porter";
import { messageErreur } from "@/ui/messages-erreur";
import { envoyerLesCourrielsApresLaReponse } from "../courrier";
import { sessionCourante } from "../session";
import type { EtatEnvoi } from "./actions";

/*
 * The "porter" form's actions. Each one finds the person from the session; the services check that
 * the form is theirs, still a draft, a "porter" one, and validate every value.
 */

const ADRESSE = "/gouvernance/formulaire";
const versEtape = (etape: EtapePorter, erreur?: string) => `${ADRESSE}?etape=${etape}${erreur ? `&erreur=${erreur}` : ""}`;

async function contexte() {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  return { db, acteur: session?.acteur ?? null, session };
}

function etapeSuivante(etape: EtapePorter): EtapePorter {
  return ETAPES_PORTER[Math.min(ETAPES_PORTER.indexOf(etape) + 1, ETAPES_PORTER.length - 1)] as EtapePorter;
}

function echecEnEtat(resultat: { erreur: Parameters<typeof messageErreur>[0]; details?: Record<string, unknown> }): EtatEnvoi {
  return { erreur: messageErreur(resultat.erreur, resultat.details), erreurs: (resultat.details?.erreurs as ErreursDeChamps | undefined) ?? undefined };
}

/** Step 1, "Étape suivante": saves the fields, then checks them strictly. */
export async function terminerInformations(id: string, _etat: EtatEnvoi, donnees: FormData): Promise<EtatEnvoi> {
  const { db, acteur, session } = await contexte();
  if (!session) redirect("/connexion");
  const maintenant = new Date();
  const enregistre = await enregistrerBrouillon({ db, acteur, id, brouillon: brouillonDepuisChamps(donnees.entries()), maintenant });
  if (!enregistre.ok) return echecEnEtat(enregistre);
  const resultat = await terminerEtape({ db, acteur, id, etape: "informations", maintenant });
  if (!resultat.ok) return echecEnEtat(resultat);
  redirect(versEtape("perimetre"));
}

/** Steps 2 to 4, "Étape suivante" (or "Passer cette étape"). */
export async function terminerLEtape(id: string, etape: "perimetre" | "contacts" | "structures", donnees: FormData) {
  const { db, acteur, session } = await contexte();
  if (!session) redirect("/connexion");
  const contactsPlusTard = donnees.get("contactsPlusTard") === "on";
  const resultat = await terminerEtape({ db, acteur, id, etape, contactsPlusTard, maintenant: new Date() });
  if (!resultat.ok) {
    const nombre = resultat.details?.nombre;
    redirect(`${versEtape(etape, resultat.erreur)}${typeof nombre === "number" ? `&nombre=${nombre}` : ""}`);
  }
  redirect(versEtape(etapeSuivante(etape)));
}

/** Step 2: one tick, or a batch of them, saved at once. */
export async function modifierLePerimetre(id: string, modification: unknown): Promise<{ ok: true; collectivites: number } | { ok: false; erreur: string }> {
  const { db, acteur } = await contexte();
  const resultat = await modifierPerimetre({ db, acteur, id, modification, maintenant: new Date() });
  if (!resultat.ok) return { ok: false, erreur: messageErreur(resultat.erreur, resultat.details) };
  return { ok: true, collectivites: resultat.valeur.collectivites };
}

/** Step 2: the "hors territoire" search (for a logged-in person). */
export async function rechercherHorsTerritoire(texte: unknown): Promise<{ ok: true; resultats: CollectiviteTrouvee[] } | { ok: false; erreur: string }> {
  const { db, acteur } = await contexte();
  if (!acteur) return { ok: false, erreur: messageErreur("nonConnecte") };
  const resultat = await rechercherCollectivites(db, texte);
  if (!resultat.ok) return { ok: false, erreur: messageErreur(resultat.erreur) };
  return { ok: true, resultats: resultat.valeur };
}

export interface EtatContact extends EtatEnvoi {
  enregistre?: boolean;
  /** What was typed, shown again after the answer (React resets a form after its action). */
  valeurs?: Record<string, string>;
}

const texte = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.slice(0, 1000) : "");
const champsContact = (donnees: FormData) => ({
  nom: texte(donnees.get("nom")),
  prenom: texte(donnees.get("prenom")),
  fonction: texte(donnees.get("fonction")),
  email: texte(donnees.get("email")),
});

/** Step 3: the contact of one partner collectivité ("Enregistrer"). */
export async function enregistrerLeContact(id: string, cle: string, _etat: EtatContact, donnees: FormData): Promise<EtatContact> {
  const { db, acteur } = await contexte();
  const valeurs = champsContact(donnees);
  const resultat = await enregistrerContactPartenaire({ db, acteur, id, cle, contact: valeurs, maintenant: new Date() });
  if (!resultat.ok) return { ...echecEnEtat(resultat), valeurs };
  return { enregistre: true, valeurs: resultat.valeur };
}

/** Step 4: adds a structure (code null) or changes one. */
export async function enregistrerLaStructure(id: string, code: string | null, _etat: EtatContact, donnees: FormData): Promise<EtatContact> {
  const { db, acteur } = await contexte();
  const valeurs = { ...champsContact(donnees), nomStructure: texte(donnees.get("nomStructure")) };
  const resultat = await enregistrerStructure({
    db,
    acteur,
    id,
    ...(code === null ? {} : { code }),
    structure: { nom: valeurs.nomStructure, contact: champsContact(donnees) },
    maintenant: new Date(),
  });
  if (!resultat.ok) {
    const etat: EtatContact = { ...echecEnEtat(resultat), valeurs };
    // The page names the structure's field "nomStructure" and the contact's fields without prefix.
    if (etat.erreurs) etat.erreurs = Object.fromEntries(Object.entries(etat.erreurs).map(([k, v]) => [k === "nom" ? "nomStructure" : k.replace(/^contact\./, ""), v]));
    return etat;
  }
  redirect(versEtape("structures"));
}

export async function supprimerLaStructure(id: string, code: string) {
  const { db, acteur, session } = await contexte();
  if (!session) redirect("/connexion");
  const resultat = await supprimerStructure({ db, acteur, id, code, maintenant: new Date() });
  redirect(versEtape("structures", resultat.ok ? undefined : resultat.erreur));
}

/** Step 5: "Confirmer & envoyer". */
export async function envoyerLaFeuilleDeRoute(id: string) {
  const { session } = await contexte();
  if (!session) redirect("/connexion");
  const resultat = await envoyerFeuilleDeRoute({ connexion: await connexionApplication(), acteur: session.acteur, email: session.utilisateur.email, id, maintenant: new Date() });
  if (!resultat.ok) redirect(versEtape("recapitulatif", resultat.erreur));
  envoyerLesCourrielsApresLaReponse();
  redirect(ADRESSE);
}
