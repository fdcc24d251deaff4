"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { deplacer, type CarteAClasser } from "@/domain/besoins/besoins";
import { enregistrerLeClassement } from "../actions";
import styles from "./priorisation.module.css";

/*
 * Step 2: the cards in their order, each with "Augmenter la priorité" / "Diminuer la priorité".
 * The buttons name their card (visually hidden text: several cards are titled "Prestation de
 * service"); at the ends they are marked disabled but keep the focus, which stays on the moved
 * card's button after each move; a polite live region says where the card went.
 */

type Statut = { type: "enregistre" } | { type: "erreur"; message: string; recharger?: boolean } | null;

/** How a card is named to a screen reader: its title, and its text when the title is shared. */
const nomDe = (c: CarteAClasser) => (c.cle.startsWith("prestation:") ? `${c.titre} — ${c.texte}` : c.titre);
const idDe = (cle: string) => `carte-${cle.replace(/[^A-Za-z0-9_-]/g, "-")}`;

export function Priorisation(props: { code: string; cartes: CarteAClasser[]; version: number; modifiable: boolean; cheminBesoins: string; cheminDepartement: string; echeance: string }) {
  const parCle = new Map(props.cartes.map((c) => [c.cle, c]));
  const [ordre, setOrdre] = useState(() => props.cartes.map((c) => c.cle));
  const [annonce, setAnnonce] = useState("");
  const [statut, setStatut] = useState<Statut>(null);
  const [enCours, setEnCours] = useState(false);
  const version = useRef(props.version);
  const aFocaliser = useRef<string | null>(null);
  const alerte = useRef<HTMLDivElement>(null);

  // After a move, the focus goes back to the button pressed (the card's node may have moved).
  useEffect(() => {
    if (!aFocaliser.current) return;
    document.getElementById(aFocaliser.current)?.focus();
    aFocaliser.current = null;
  }, [ordre]);

  useEffect(() => {
    if (statut) alerte.current?.focus();
  }, [statut]);

  function bouger(cle: string, sens: -1 | 1) {
    const apres = deplacer(ordre, cle, sens);
    if (!props.modifiable || apres.every((c, i) => c === ordre[i])) return;
    const carte = parCle.get(cle);
    aFocaliser.current = `${idDe(cle)}-${sens < 0 ? "augmenter" : "diminuer"}`;
    setOrdre(apres);
    setStatut(null);
    setAnnonce(`« ${carte ? nomDe(carte) : cle} » passe en position ${apres.indexOf(cle) + 1} sur ${apres.length}`);
  }

  async function confirmer() {
    if (enCours || !props.modifiable) return;
    setEnCours(true);
    const reponse = await enregistrerLeClassement(props.code, ordre, version.current);
    setEnCours(false);
    if (reponse.ok) {
      version.current = reponse.version;
      setStatut({ type: "enregistre" });
    } else {
      setStatut({ type: "erreur", message: reponse.message, recharger: reponse.recharger });
    }
  }

  return (
    <>
      {statut?.type === "enregistre" && (
        <div ref={alerte} tabIndex={-1} className="fr-alert fr-alert--success fr-mb-4w">
          <h2 className="fr-alert__title">Vos besoins en ingénierie financière ont bien été enregistrés</h2>
          <p>
            Ils restent modifiables {props.echeance}. <Link href={props.cheminDepartement}>Retour à la gouvernance du département</Link>
          </p>
        </div>
      )}
      {statut?.type === "erreur" && (
        <div ref={alerte} tabIndex={-1} className="fr-alert fr-alert--error fr-alert--sm fr-mb-4w">
          <p>
            {statut.message}
            {statut.recharger && (
              <>
                {" "}
                <a href={`${props.cheminBesoins}/priorisation`}>Recharger la page</a>
              </>
            )}
          </p>
        </div>
      )}
      {ordre.length === 0 ? (
        <p>Vous n&apos;avez pas sélectionné de besoins à l&apos;étape précédente.</p>
      ) : (
        <ol className={styles.liste} aria-label="Vos besoins, du plus au moins important">
          {ordre.map((cle, index) => {
            const carte = parCle.get(cle);
            if (!carte) return null;
            const id = idDe(cle);
            const nom = nomDe(carte);
            return (
              <li key={cle} className={styles.carte} id={id}>
                <span className={styles.rang} aria-hidden="true">
                  {index + 1}
                </span>
                <div className={styles.contenu}>
                  <h2 className="fr-h6 fr-mb-1v">{carte.titre}</h2>
                  {carte.texte && <p className="fr-text--sm fr-mb-0">{carte.texte}</p>}
                </div>
                {props.modifiable && (
                  <div className={styles.boutons}>
                    <button
                      type="button"
                      id={`${id}-augmenter`}
                      className={`fr-btn fr-btn--secondary fr-btn--sm fr-icon-arrow-up-line fr-btn--icon-left ${styles.bouton}`}
                      aria-disabled={index === 0 || undefined}
                      onClick={() => bouger(cle, -1)}
                    >
                      Augmenter la priorité<span className="fr-sr-only"> de « {nom} »</span>
                    </button>
                    <button
                      type="button"
                      id={`${id}-diminuer`}
                      className={`fr-btn fr-btn--secondary fr-btn--sm fr-icon-arrow-down-line fr-btn--icon-left ${styles.bouton}`}
                      aria-disabled={index === ordre.length - 1 || undefined}
                      onClick={() => bouger(cle, 1)}
                    >
                      Diminuer la priorité<span className="fr-sr-only"> de « {nom} »</span>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p className="fr-sr-only" role="status" aria-live="polite">
        {annonce}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {props.modifiable && (
          <li>
            <button type="button" className="fr-btn" onClick={() => void confirmer()} aria-disabled={enCours || undefined}>
              Confirmer
            </button>
          </li>
        )}
        <li>
          <Link className="fr-btn fr-btn--secondary fr-icon-arrow-left-line fr-btn--icon-left" href={`${props.cheminBesoins}/selection`}>
            {props.modifiable ? "Modifier la sélection" : "Étape précédente"}
          </Link>
        </li>
      </ul>
    </>
  );
}
