"use client";

import { useRef, useState, type ReactNode } from "react";
import styles from "./carte.module.css";

/*
 * The details panel of a map: the drawing (rendered on the server, passed as children) is left
 * alone; pointing at a zone or focusing it shows its name and detail lines beside the map and
 * outlines it on top of its neighbours. Leaving keeps the last zone shown; Escape clears it.
 * Each zone carries its text itself (see CarteIfn): its accessible name (aria-label) is the
 * panel's heading, `data-details` its lines; a place's name is its <title>. Nothing else is sent.
 */

/* Exports of a client module reach server components as references, not values: the markup
 * contract is spelled in both files. `data-details`: one line per detail, label and value split
 * by a tab; `data-surlignage`: the empty path the outline of the active zone is copied into. */

interface Affiche {
  nom: string;
  lignes: Array<[string, string]>;
}

function lire(element: Element): Affiche | null {
  const zone = element.closest("[data-zone]");
  if (zone) {
    const details = zone.getAttribute("data-details") ?? "";
    return {
      nom: zone.getAttribute("aria-label") ?? zone.getAttribute("data-zone") ?? "",
      lignes: details === "" ? [] : details.split("\n").map((l) => (l.includes("\t") ? (l.split("\t", 2) as [string, string]) : [l, ""])),
    };
  }
  const lieu = element.closest("[data-lieux] circle");
  if (lieu) return { nom: `Lieu d'inclusion numérique : ${lieu.querySelector("title")?.textContent ?? ""}`, lignes: [] };
  return null;
}

export function DetailsCarte({ children, consigne }: { children: ReactNode; consigne: string }) {
  const [affiche, setAffiche] = useState<Affiche | null>(null);
  const conteneur = useRef<HTMLDivElement>(null);

  function surligner(element: Element | null) {
    const surlignage = conteneur.current?.querySelector("[data-surlignage]");
    if (!surlignage) return;
    const zone = element?.closest("[data-zone]");
    const forme = zone ? (zone.matches("path") ? zone : zone.querySelector("path")) : null;
    surlignage.setAttribute("d", forme?.getAttribute("d") ?? "");
  }

  function montrer(cible: EventTarget) {
    if (!(cible instanceof Element)) return;
    const lu = lire(cible);
    if (!lu) return;
    surligner(cible);
    setAffiche((avant) => (avant && avant.nom === lu.nom && avant.lignes.join("\n") === lu.lignes.join("\n") ? avant : lu));
  }

  return (
    <div
      ref={conteneur}
      className={styles.conteneur}
      onMouseOver={(e) => montrer(e.target)}
      onFocus={(e) => montrer(e.target)}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        surligner(null);
        setAffiche(null);
      }}
    >
      <div>{children}</div>
      <div className={styles.panneau} aria-live="polite">
        {affiche ? (
          <>
            <p className="fr-text--bold fr-mb-1v">{affiche.nom}</p>
            {affiche.lignes.length > 0 && (
              <dl className="fr-text--sm fr-mb-0">
                {affiche.lignes.map(([libelle, valeur], i) => (
                  <div key={i}>
                    <dt>{libelle}</dt>
                    <dd>{valeur}</dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        ) : (
          <p className="fr-text--sm fr-mb-0">{consigne}</p>
        )}
      </div>
    </div>
  );
}
