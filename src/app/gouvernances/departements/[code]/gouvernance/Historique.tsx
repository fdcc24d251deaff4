"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { TITRES_SECTIONS, type Section } from "@/domain/gouvernance/formulaire";
import { lireHistoriqueDeSection, type EntreeHistoriqueTransmise } from "./actions-historique";

/*
 * "Historique des modifications" under a section (PRODUCT §6: who, when, what changed): a DSFR
 * accordion, closed at first, that asks the server on its first opening and again when the
 * section's version has changed since. Each version says when (Paris time), who, and what changed.
 */

type Etat =
  /** Not read yet (or to read again). */
  | { etat: "aLire" }
  | { etat: "chargement" }
  | { etat: "erreur"; message: string }
  | {
      etat: "charge";
      /** The section's version these entries were read for. */
      version: number;
      entrees: EntreeHistoriqueTransmise[];
      suite: number | null;
      suivantes: { etat: "repos" } | { etat: "chargement" } | { etat: "erreur"; message: string };
    };

const FORMAT = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h23" });

/** "le 29 novembre 2026 à 14 h 32", "le 1er décembre 2026 à 9 h 05", at Paris time whatever the browser's. */
export function dateDeVersion(iso: string): string {
  const parties = Object.fromEntries(FORMAT.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const jour = parties.day === "1" ? "1er" : parties.day;
  return `le ${jour} ${parties.month} ${parties.year} à ${Number(parties.hour)} h ${parties.minute}`;
}

/** « Version 3 — le 29 novembre 2026 à 14 h 32 — par Claire Dupont ». */
export function libelleVersion(e: Pick<EntreeHistoriqueTransmise, "version" | "modifieLe" | "auteur">): string {
  return `Version ${e.version} — ${dateDeVersion(e.modifieLe)} — par ${e.auteur}`;
}

const nombreDeVersions = (n: number) => (n <= 0 ? "aucune version" : `${n} version${n > 1 ? "s" : ""}`);

export function Historique({ code, section, version }: { code: string; section: Section; version: number }) {
  const id = useId();
  const idContenu = `${id}-contenu`;
  const [ouvert, setOuvert] = useState(false);
  const [etat, setEtat] = useState<Etat>({ etat: "aLire" });
  /** Only the answer to the last request counts (the version may change while one is on its way). */
  const demande = useRef(0);

  const charger = useCallback(async () => {
    const numero = ++demande.current;
    const pour = version;
    setEtat({ etat: "chargement" });
    let reponse: Awaited<ReturnType<typeof lireHistoriqueDeSection>>;
    try {
      reponse = await lireHistoriqueDeSection(code, section);
    } catch {
      reponse = { ok: false, message: "L'historique n'a pas pu être chargé : vérifiez votre connexion." };
    }
    if (numero !== demande.current) return;
    setEtat(reponse.ok ? { etat: "charge", version: pour, entrees: reponse.entrees, suite: reponse.suite, suivantes: { etat: "repos" } } : { etat: "erreur", message: reponse.message });
  }, [code, section, version]);

  const chargerLesSuivantes = useCallback(async () => {
    if (etat.etat !== "charge" || etat.suite === null) return;
    const numero = ++demande.current;
    const precedent = etat;
    setEtat({ ...precedent, suivantes: { etat: "chargement" } });
    let reponse: Awaited<ReturnType<typeof lireHistoriqueDeSection>>;
    try {
      reponse = await lireHistoriqueDeSection(code, section, precedent.suite ?? undefined);
    } catch {
      reponse = { ok: false, message: "Les versions précédentes n'ont pas pu être chargées : vérifiez votre connexion." };
    }
    if (numero !== demande.current) return;
    setEtat(
      reponse.ok
        ? { ...precedent, entrees: [...precedent.entrees, ...reponse.entrees], suite: reponse.suite, suivantes: { etat: "repos" } }
        : { ...precedent, suivantes: { etat: "erreur", message: reponse.message } },
    );
  }, [code, section, etat]);

  // Opened for the first time, or the section was saved since the history was read: (re)load it.
  const aJour = etat.etat === "charge" && etat.version === version;
  const enCours = etat.etat === "chargement";
  const enErreur = etat.etat === "erreur";
  useEffect(() => {
    if (ouvert && version > 0 && !aJour && !enCours && !enErreur) void charger();
  }, [ouvert, version, aJour, enCours, enErreur, charger]);
  // A newer version makes an error stale too: the next opening tries again.
  useEffect(() => {
    setEtat((e) => (e.etat === "erreur" ? { etat: "aLire" } : e));
  }, [version]);

  return (
    <section className="fr-accordion fr-mt-3w">
      <h3 className="fr-accordion__title">
        <button type="button" className="fr-accordion__btn" aria-expanded={ouvert} aria-controls={idContenu} onClick={() => setOuvert((o) => !o)}>
          Historique des modifications<span className="fr-sr-only"> de la section « {TITRES_SECTIONS[section]} »</span> ({nombreDeVersions(version)})
        </button>
      </h3>
      <div id={idContenu} hidden={!ouvert} className="fr-px-2w fr-pt-2w fr-pb-1w">
        {/* Present before it speaks, so that "Chargement…" is announced. */}
        <p className="fr-text--sm fr-mb-0" role="status">
          {ouvert && etat.etat === "chargement" && "Chargement…"}
        </p>
        {ouvert && version <= 0 && <p className="fr-text--sm">Aucune modification enregistrée.</p>}
        {ouvert && version > 0 && (
          <>
            {etat.etat === "erreur" && (
              <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
                <p>
                  {etat.message}{" "}
                  <button type="button" className="fr-link" onClick={() => void charger()}>
                    Réessayer
                  </button>
                </p>
              </div>
            )}
            {etat.etat === "charge" && <Entrees etat={etat} chargerLesSuivantes={() => void chargerLesSuivantes()} />}
          </>
        )}
      </div>
    </section>
  );
}

function Entrees({ etat, chargerLesSuivantes }: { etat: Extract<Etat, { etat: "charge" }>; chargerLesSuivantes: () => void }) {
  if (etat.entrees.length === 0) return <p className="fr-text--sm">Aucune modification enregistrée.</p>;
  return (
    <>
      <ol className="fr-raw-list">
        {etat.entrees.map((e) => (
          <li key={e.version} className="fr-mb-2w">
            <p className="fr-text--sm fr-text--bold fr-mb-1v">{libelleVersion(e)}</p>
            <ul className="fr-text--sm fr-mb-0">
              {e.lignes.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {etat.suivantes.etat === "erreur" && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{etat.suivantes.message}</p>
        </div>
      )}
      {etat.suite !== null && (
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-mb-2w" disabled={etat.suivantes.etat === "chargement"} onClick={chargerLesSuivantes}>
          {etat.suivantes.etat === "chargement" ? "Chargement…" : etat.suivantes.etat === "erreur" ? "Réessayer d'afficher les versions précédentes" : "Afficher les versions précédentes"}
        </button>
      )}
    </>
  );
}
