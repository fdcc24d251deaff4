"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ACCEPT_DOCUMENT, formaterTaille, MESSAGES_DOCUMENT, OCTETS_DE_SIGNATURE, verifierDocument } from "@/domain/gouvernance/documents";

/*
 * The document of one feuille de route (PRODUCT §6): its versions, newest first, each a download
 * link, and, for the préfecture before the deadline, a DSFR upload group. The file is checked here
 * by the same domain rules as on the server (instant message), then sent with XMLHttpRequest so
 * that the progress can be shown; the server's French message is shown when it refuses.
 */

export interface VersionDocumentFeuille {
  id: string;
  version: number;
  nomFichier: string;
  taille: number;
  /** ISO 8601 */
  deposeLe: string;
}

const jour = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Paris" });
const heure = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

export function libelleVersion(v: VersionDocumentFeuille): string {
  const date = new Date(v.deposeLe);
  return `Version ${v.version} — ${v.nomFichier} — ${formaterTaille(v.taille)} — déposé le ${jour.format(date)} à ${heure.format(date)}`;
}

const urlDepot = (code: string, feuille: string) => `/api/v1/departements/${encodeURIComponent(code)}/feuilles-de-route/${encodeURIComponent(feuille)}/documents`;
const urlTelechargement = (code: string, id: string) => `/gouvernances/departements/${encodeURIComponent(code)}/documents/${encodeURIComponent(id)}`;

/** The French sentence of a refused upload: the server's, else one that says what happened. */
function messageDeRefus(statut: number, texte: string): string {
  try {
    const corps = JSON.parse(texte) as { message?: unknown; erreur?: unknown };
    if (typeof corps.message === "string" && corps.message) return corps.message;
    if (typeof corps.erreur === "string" && corps.erreur) return corps.erreur;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (statut === 413) return MESSAGES_DOCUMENT.tropGros;
  if (statut === 0) return "Le document n'a pas pu être envoyé : vérifiez votre connexion, puis réessayez.";
  return "Le document n'a pas pu être déposé. Réessayez dans quelques minutes.";
}

export function DocumentsFeuille({
  codeDepartement,
  feuilleId,
  nomFeuille,
  versions,
  peutDeposer,
}: {
  codeDepartement: string;
  feuilleId: string;
  nomFeuille: string;
  versions: VersionDocumentFeuille[];
  peutDeposer: boolean;
}) {
  const id = useId();
  const idChamp = `${id}-fichier`;
  const idMessages = `${id}-messages`;
  const idProgression = `${id}-progression`;
  const champ = useRef<HTMLInputElement>(null);
  const requete = useRef<XMLHttpRequest | null>(null);
  /** Versions deposited from this page, until the page's own list has them. */
  const [ajoutees, setAjoutees] = useState<VersionDocumentFeuille[]>([]);
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState<{ nom: string; pourcentage: number } | null>(null);
  const [statut, setStatut] = useState("");

  useEffect(() => () => requete.current?.abort(), []);

  const toutes = [...ajoutees.filter((a) => !versions.some((v) => v.id === a.id)), ...versions].sort((a, b) => b.version - a.version);

  async function verifier(fichier: File): Promise<string | null> {
    const premiersOctets = new Uint8Array(await fichier.slice(0, OCTETS_DE_SIGNATURE).arrayBuffer());
    const v = verifierDocument({ nom: fichier.name, taille: fichier.size, premiersOctets });
    return v.ok ? null : v.message;
  }

  async function choisir() {
    setStatut("");
    const fichier = champ.current?.files?.[0];
    setErreur(fichier ? await verifier(fichier) : null);
  }

  async function deposer(evenement: FormEvent<HTMLFormElement>) {
    evenement.preventDefault();
    if (envoi) return;
    const fichier = champ.current?.files?.[0];
    if (!fichier) {
      setErreur("Choisissez le fichier à déposer.");
      champ.current?.focus();
      return;
    }
    const refus = await verifier(fichier);
    if (refus) {
      setErreur(refus);
      champ.current?.focus();
      return;
    }
    setErreur(null);
    setEnvoi({ nom: fichier.name, pourcentage: 0 });
    setStatut(`Envoi de « ${fichier.name} » en cours…`);

    const donnees = new FormData();
    donnees.append("fichier", fichier);
    const xhr = new XMLHttpRequest();
    requete.current = xhr;
    xhr.open("POST", urlDepot(codeDepartement, feuilleId));
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setEnvoi({ nom: fichier.name, pourcentage: Math.min(100, Math.floor((e.loaded / e.total) * 100)) });
    };
    const terminer = (message: string | null, version: VersionDocumentFeuille | null) => {
      requete.current = null;
      setEnvoi(null);
      if (version) {
        setAjoutees((a) => [version, ...a]);
        if (champ.current) champ.current.value = "";
        setStatut(`Version ${version.version} déposée : ${version.nomFichier}.`);
      } else {
        setErreur(message);
        setStatut("");
        champ.current?.focus();
      }
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          const corps = JSON.parse(xhr.responseText) as { ok: true; document: VersionDocumentFeuille };
          terminer(null, corps.document);
          return;
        } catch {
          // Fall through: an unreadable answer is a failure.
        }
      }
      terminer(messageDeRefus(xhr.status, xhr.responseText), null);
    };
    xhr.onerror = () => terminer(messageDeRefus(0, ""), null);
    xhr.onabort = () => {
      requete.current = null;
    };
    xhr.send(donnees);
  }

  return (
    <div className="fr-mt-2w">
      {peutDeposer ? (
        <form onSubmit={deposer} noValidate>
          <div className={`fr-upload-group${erreur ? " fr-upload-group--error" : ""}`}>
            <label className="fr-label" htmlFor={idChamp}>
              Document de la feuille de route<span className="fr-sr-only"> « {nomFeuille} »</span>
              <span className="fr-hint-text">Format libre : PDF ou fichier bureautique (Word, Excel, PowerPoint, OpenDocument). Taille maximale : 25 Mo.</span>
            </label>
            <input
              ref={champ}
              className="fr-upload"
              type="file"
              id={idChamp}
              name="fichier"
              accept={ACCEPT_DOCUMENT}
              aria-describedby={idMessages}
              aria-invalid={erreur ? true : undefined}
              onChange={choisir}
            />
            <div className="fr-messages-group" id={idMessages} aria-live="polite">
              {erreur ? <p className="fr-message fr-message--error">{erreur}</p> : null}
            </div>
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-upload-line fr-btn--icon-left fr-mt-2w" aria-disabled={envoi ? true : undefined}>
            Déposer le document
          </button>
          {envoi ? (
            <div className="fr-mt-2w">
              <label className="fr-label" htmlFor={idProgression}>
                Envoi de « {envoi.nom} » : {envoi.pourcentage} %
              </label>
              <progress id={idProgression} max={100} value={envoi.pourcentage} style={{ width: "100%", height: "0.5rem", accentColor: "var(--background-action-high-blue-france)" }}>
                {envoi.pourcentage} %
              </progress>
            </div>
          ) : null}
          <p role="status" aria-live="polite" className="fr-text--sm fr-mt-1w fr-mb-0">
            {statut}
          </p>
        </form>
      ) : (
        <p className="fr-text--bold fr-mb-1w">Document de la feuille de route</p>
      )}
      {toutes.length === 0 ? (
        <p className="fr-text--sm fr-mt-1w">Aucun document déposé pour cette feuille de route.</p>
      ) : (
        <ul className="fr-mt-1w">
          {toutes.map((v) => (
            <li key={v.id}>
              <a className="fr-link fr-link--download" href={urlTelechargement(codeDepartement, v.id)} download={v.nomFichier}>
                {libelleVersion(v)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
