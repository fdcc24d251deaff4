"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { deposerLaGouvernance, instruireLaGouvernance, type ReponseTransition } from "./actions";

/*
 * The state of the proposal (PRODUCT §6) and what can be done with it: the préfecture submits a
 * complete proposal ("Déposer la proposition"); the national team validates it or sends it back
 * "à compléter" with a message and the date editing reopens until. The server decides; this block
 * only asks and says the answer.
 */

export type EtatProposition = "aucune" | "brouillon" | "deposee" | "validee" | "aCompleter";

const LIBELLES: Record<EtatProposition, { texte: string; classe: string }> = {
  aucune: { texte: "Non commencée", classe: "fr-badge--info" },
  brouillon: { texte: "Brouillon", classe: "fr-badge--info" },
  deposee: { texte: "Déposée", classe: "fr-badge--new" },
  validee: { texte: "Validée", classe: "fr-badge--success" },
  aCompleter: { texte: "À compléter", classe: "fr-badge--warning" },
};

const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }) : "");

export function EtatDeLaProposition(props: {
  code: string;
  etat: EtatProposition;
  complete: boolean;
  /** The préfecture may submit now (permission and window). */
  peutDeposer: boolean;
  peutInstruire: boolean;
  deposeeLe: string | null;
  instruiteLe: string | null;
  message: string | null;
  reouvertureJusquau: string | null;
}) {
  const router = useRouter();
  const id = useId();
  const [reponse, setReponse] = useState<ReponseTransition | null>(null);
  const [enCours, setEnCours] = useState(false);
  const [decision, setDecision] = useState<"validee" | "aCompleter" | "">("");
  const annonce = useRef<HTMLDivElement>(null);

  async function executer(action: () => Promise<ReponseTransition>) {
    setEnCours(true);
    try {
      const r = await action();
      setReponse(r);
      if (r.ok) router.refresh();
    } catch {
      setReponse({ ok: false, message: "La demande n'a pas abouti : vérifiez votre connexion, puis réessayez." });
    } finally {
      setEnCours(false);
      requestAnimationFrame(() => annonce.current?.focus());
    }
  }

  function instruire(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const donnees = new FormData(e.currentTarget);
    void executer(() => instruireLaGouvernance(props.code, donnees));
  }

  const libelle = LIBELLES[props.etat];
  const peutEtreDeposee = props.etat === "brouillon" || props.etat === "aCompleter";
  return (
    <section className="fr-mb-4w" aria-labelledby={`${id}-titre`}>
      <h2 className="fr-h5" id={`${id}-titre`}>
        État de la proposition : <span className={`fr-badge ${libelle.classe}`}>{libelle.texte}</span>
      </h2>
      {props.deposeeLe && <p className="fr-mb-1w">Déposée le {date(props.deposeeLe)}.</p>}
      {props.etat === "validee" && props.instruiteLe && <p className="fr-mb-1w">Validée par l&apos;équipe nationale le {date(props.instruiteLe)} : elle ne se modifie plus.</p>}
      {props.etat === "aCompleter" && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p className="fr-text--bold">L&apos;équipe nationale demande de compléter la proposition{props.reouvertureJusquau ? ` (modifiable jusqu'au ${date(props.reouvertureJusquau)})` : ""} :</p>
          <p style={{ whiteSpace: "pre-line" }}>{props.message}</p>
        </div>
      )}
      {props.etat === "deposee" && <p className="fr-mb-1w">Elle reste modifiable jusqu&apos;à la date limite ; l&apos;équipe nationale l&apos;instruit.</p>}

      {props.peutDeposer && peutEtreDeposee && (
        <>
          <button type="button" className="fr-btn fr-btn--icon-left fr-icon-send-plane-line" disabled={!props.complete || enCours} aria-describedby={`${id}-aide`} onClick={() => void executer(() => deposerLaGouvernance(props.code))}>
            {props.etat === "aCompleter" ? "Déposer de nouveau la proposition" : "Déposer la proposition"}
          </button>
          <p className="fr-hint-text fr-mt-1w" id={`${id}-aide`}>
            {props.complete
              ? "Les membres de la gouvernance et l'équipe nationale sont prévenus par courriel au premier dépôt."
              : "Complétez les sept sections pour pouvoir déposer la proposition."}
          </p>
        </>
      )}

      {props.peutInstruire && props.etat === "deposee" && (
        <form onSubmit={instruire} className="fr-mt-3w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
          <fieldset className="fr-fieldset" aria-labelledby={`${id}-decision`}>
            <legend className="fr-fieldset__legend" id={`${id}-decision`}>
              Instruction par l&apos;équipe nationale *
            </legend>
            {(
              [
                ["validee", "Valider la gouvernance"],
                ["aCompleter", "Demander de compléter la proposition"],
              ] as const
            ).map(([valeur, texte]) => (
              <div className="fr-fieldset__element" key={valeur}>
                <div className="fr-radio-group">
                  <input type="radio" id={`${id}-${valeur}`} name="decision" value={valeur} checked={decision === valeur} onChange={() => setDecision(valeur)} required />
                  <label className="fr-label" htmlFor={`${id}-${valeur}`}>
                    {texte}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          {decision === "aCompleter" && (
            <>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor={`${id}-message`}>
                  Ce qui est à compléter *<span className="fr-hint-text">Ce message est envoyé aux agents de la préfecture.</span>
                </label>
                <textarea className="fr-input" id={`${id}-message`} name="message" rows={4} maxLength={2000} required />
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor={`${id}-jusquau`}>
                  Modifiable jusqu&apos;au *<span className="fr-hint-text">La préfecture peut modifier et déposer de nouveau sa proposition jusqu&apos;à la fin de ce jour.</span>
                </label>
                <input className="fr-input" type="date" id={`${id}-jusquau`} name="jusquau" required />
              </div>
            </>
          )}
          <button type="submit" className="fr-btn" disabled={enCours || decision === ""}>
            Enregistrer la décision
          </button>
        </form>
      )}

      <div ref={annonce} tabIndex={-1} className="fr-mt-2w">
        {reponse && (
          <div className={`fr-alert fr-alert--sm ${reponse.ok ? "fr-alert--success" : "fr-alert--error"}`} role={reponse.ok ? "status" : "alert"}>
            <p>{reponse.message}</p>
          </div>
        )}
      </div>
    </section>
  );
}
