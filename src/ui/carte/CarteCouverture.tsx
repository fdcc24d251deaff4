"use client";

import { memo, useId, useMemo } from "react";
import {
  COULEUR_CHEVAUCHEMENT,
  COULEUR_NON_COUVERTE,
  LIBELLE_CHEVAUCHEMENT,
  LIBELLE_NON_COUVERTE,
  MESSAGE_AUCUNE_FEUILLE,
  compter,
  resumerCouverture,
  type DessinCommunes,
  type EtatCommune,
  type FeuilleAResumer,
  type FeuilleResumee,
  type GroupeNonCouvert,
  type ResumeCouverture,
  type StyleFeuille,
} from "@/domain/gouvernance/couverture";
import { enumerer, verifierPerimetres, type Perimetre, type ReferentielPerimetre } from "@/domain/gouvernance/perimetres";
import { Tableau } from "../Tableau";
import styles from "./couverture.module.css";

/*
 * The coverage of the feuilles de route on the communes of the département, live: the perimeter
 * engine runs in the browser on every change of the feuilles de route, and only the fills of the
 * communes change (the shapes, drawn on the server, are given once). The drawing is one image with
 * a name that sums it up, not a set of focusable zones: the keyboard route is the text alternative
 * below it (the table of the feuilles de route, the uncovered communes by EPCI, the overlaps),
 * which a link before the drawing leads to. Without imported shapes, only the text is shown.
 */

export type { DessinCommunes };

export interface ProprietesCarteCouverture {
  /** The communes drawn (services/carte-couverture); null when no shape is imported. */
  dessin: DessinCommunes | null;
  referentiel: ReferentielPerimetre;
  feuilles: ReadonlyArray<{ id: string; nom: string; perimetre: Perimetre }>;
  /** The figure's caption and the table's: give each map of a page its own. */
  titre?: string;
}

const nombres = new Intl.NumberFormat("fr-FR");
const dateFr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** One commune of the drawing: re-rendered only when its fill or its tooltip changes. */
const Commune = memo(function Commune({ d, fill, infobulle }: { d: string; fill: string; infobulle: string }) {
  return (
    <path d={d} fill={fill}>
      <title>{infobulle}</title>
    </path>
  );
});

export function CarteCouverture({ dessin, referentiel, feuilles, titre = "Couverture des feuilles de route sur les communes du département" }: ProprietesCarteCouverture) {
  // useId's characters are not all valid in url(#…): kept to letters, digits, - and _.
  const prefixe = `couverture-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const idTexte = `${prefixe}-texte`;

  // A caller rebuilding the list on every render (a form) does not re-run the engine: the list is keyed by its content.
  const cle = JSON.stringify(feuilles);
  const resume = useMemo(() => {
    const liste = JSON.parse(cle) as FeuilleAResumer[];
    return liste.length === 0 ? null : resumerCouverture(referentiel, liste, verifierPerimetres(referentiel, liste));
  }, [referentiel, cle]);

  return (
    <div className={styles.couverture}>
      <div role="status" aria-live="polite" className={styles.statut}>
        {resume === null ? (
          <p className="fr-mb-0">{MESSAGE_AUCUNE_FEUILLE}</p>
        ) : (
          <div className={`fr-alert fr-alert--sm ${resume.valide ? "fr-alert--success" : "fr-alert--error"}`}>
            <p>{resume.phrase}</p>
            {resume.messages.length > 0 && (
              <ul className="fr-mb-0">
                {resume.messages.map((m, i) => (
                  <li key={`${i}:${m}`}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      {resume !== null && (
        <>
          {dessin !== null && dessin.communes.length > 0 ? (
            <Carte dessin={dessin} resume={resume} referentiel={referentiel} titre={titre} prefixe={prefixe} idTexte={idTexte} />
          ) : (
            <p className="fr-text--sm">Aucun contour de commune n&apos;est importé pour ce département : la couverture est présentée en texte.</p>
          )}
          <AlternativeTexte resume={resume} id={idTexte} titre={titre} />
        </>
      )}
    </div>
  );
}

/* ------------------------------------------------------------------------------------------------
 * The drawing and its legend
 * --------------------------------------------------------------------------------------------- */

function Carte({
  dessin,
  resume,
  referentiel,
  titre,
  prefixe,
  idTexte,
}: {
  dessin: DessinCommunes;
  resume: ResumeCouverture;
  referentiel: ReferentielPerimetre;
  titre: string;
  prefixe: string;
  idTexte: string;
}) {
  const idChevauchement = `${prefixe}-chevauchement`;
  const idRayures = (couleur: string) => `${prefixe}-rayures-${couleur.replace(/[^A-Za-z0-9]/g, "")}`;
  const parId = new Map(resume.feuilles.map((f) => [f.id, f]));
  const noms = useMemo(() => new Map(referentiel.communes.map((c) => [c.code, c.nom])), [referentiel]);
  const rayees = [...new Set(resume.feuilles.filter((f) => f.style.rayee).map((f) => f.style.couleur))];

  const remplissage = (style: StyleFeuille) => (style.rayee ? `url(#${idRayures(style.couleur)})` : style.couleur);
  function aspect(etat: EtatCommune | undefined): { fill: string; libelle: string } {
    if (etat === undefined || etat.type === "nonCouverte") return { fill: COULEUR_NON_COUVERTE, libelle: "non couverte" };
    if (etat.type === "chevauchement") return { fill: `url(#${idChevauchement})`, libelle: `chevauchement (${etat.feuilles.map((id) => parId.get(id)?.nom ?? id).join(", ")})` };
    const f = parId.get(etat.feuille);
    return f ? { fill: remplissage(f.style), libelle: f.nom } : { fill: COULEUR_NON_COUVERTE, libelle: "non couverte" };
  }

  return (
    <figure className={styles.carte}>
      <figcaption className="fr-text--lead fr-text--bold fr-mb-1w">{titre}</figcaption>
      <p className="fr-mb-1w">
        <a className="fr-link fr-text--sm" href={`#${idTexte}`}>
          Passer la carte : voir la couverture en texte
        </a>
      </p>
      <div className={styles.conteneur}>
        <svg className={styles.svg} viewBox={`0 0 ${dessin.largeur} ${dessin.hauteur}`} width="100%" role="img" aria-label={resume.nomAccessible}>
          <defs>
            <Rayures id={idChevauchement} couleur={COULEUR_CHEVAUCHEMENT} croisees />
            {rayees.map((couleur) => (
              <Rayures key={couleur} id={idRayures(couleur)} couleur={couleur} />
            ))}
          </defs>
          <g fillRule="evenodd" stroke="#fff" strokeWidth={0.5} strokeLinejoin="round">
            {dessin.communes.map((c) => {
              const { fill, libelle } = aspect(resume.etats.get(c.code));
              return <Commune key={c.code} d={c.d} fill={fill} infobulle={`${noms.get(c.code) ?? c.nom} : ${libelle}`} />;
            })}
          </g>
        </svg>
        <Legende resume={resume} />
      </div>
      <p className="fr-text--xs fr-mb-0">
        Source des contours : {dessin.source}
        {dessin.dateMiseAJour ? `, données du ${dateFr(dessin.dateMiseAJour)}` : ""}.
      </p>
    </figure>
  );
}

/**
 * White diagonal stripes over a colour, in user units so that they keep their width on every
 * commune; crossed for the overlaps, so that they differ from any striped feuille de route.
 */
function Rayures({ id, couleur, croisees = false }: { id: string; couleur: string; croisees?: boolean }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill={couleur} />
      <rect width={croisees ? 1.5 : 2} height="6" fill="#fff" />
      {croisees && <rect width="6" height="1.5" fill="#fff" />}
    </pattern>
  );
}

function Pastille({ style, croisee = false }: { style: StyleFeuille; croisee?: boolean }) {
  const motif = croisee ? ` ${styles.croisee}` : style.rayee ? ` ${styles.rayee}` : "";
  return <span className={`${styles.pastille}${motif}`} style={{ backgroundColor: style.couleur }} aria-hidden="true" />;
}

function libelleLegende(f: FeuilleResumee): string {
  const communes = compter(f.communes, "commune", "communes", "aucune commune");
  return [communes, f.enChevauchement > 0 ? `dont ${nombres.format(f.enChevauchement)} en chevauchement` : null, f.recouverte].filter((x) => x !== null).join(", ");
}

function Legende({ resume }: { resume: ResumeCouverture }) {
  return (
    <div>
      <p className="fr-text--sm fr-text--bold fr-mb-1w">Légende</p>
      <ul className={styles.legende}>
        {resume.feuilles.map((f) => (
          <li key={f.id}>
            <Pastille style={f.style} />
            <span className="fr-text--sm fr-mb-0">
              {f.nom} : {libelleLegende(f)}
            </span>
          </li>
        ))}
        {resume.chevauchements.length > 0 && (
          <li>
            <Pastille style={{ couleur: COULEUR_CHEVAUCHEMENT, rayee: true }} croisee />
            <span className="fr-text--sm fr-mb-0">
              {LIBELLE_CHEVAUCHEMENT} : {compter(resume.chevauchements.length, "commune")}
            </span>
          </li>
        )}
        {resume.nombreNonCouvertes > 0 && (
          <li>
            <Pastille style={{ couleur: COULEUR_NON_COUVERTE, rayee: false }} />
            <span className="fr-text--sm fr-mb-0">
              {LIBELLE_NON_COUVERTE} : {compter(resume.nombreNonCouvertes, "commune")}
            </span>
          </li>
        )}
      </ul>
    </div>
  );
}

/* ------------------------------------------------------------------------------------------------
 * The text alternative
 * --------------------------------------------------------------------------------------------- */

function communesCouvertes(f: FeuilleResumee): string {
  const n = nombres.format(f.communes);
  return f.enChevauchement > 0 ? `${n}, dont ${nombres.format(f.enChevauchement)} en chevauchement` : n;
}

function etendueDuGroupe(g: GroupeNonCouvert): string {
  const n = g.communes.length;
  if (g.code === null) return compter(n, "commune");
  return n === g.total ? (n > 1 ? `toutes ses ${nombres.format(n)} communes` : "sa seule commune") : `${nombres.format(n)} sur ${nombres.format(g.total)}`;
}

function AlternativeTexte({ resume, id, titre }: { resume: ResumeCouverture; id: string; titre: string }) {
  return (
    <div id={id} tabIndex={-1} className={styles.texte}>
      {/* The table's scrolling region is named after its caption: the title, which two maps of one page must not share. */}
      <Tableau
        titre={titre}
        titreVisible
        colonnes={["Feuille de route", "Périmètre", "Communes couvertes"]}
        lignes={resume.feuilles.map((f) => ({ cle: f.id, cellules: [f.nom, f.perimetre, communesCouvertes(f)] }))}
      />
      {resume.nombreNonCouvertes === 0 ? (
        <p className="fr-text--sm">Toutes les communes du département sont couvertes.</p>
      ) : (
        <>
          <p className="fr-text--bold fr-mb-1w">
            {compter(resume.nombreNonCouvertes, "commune non couverte", "communes non couvertes")}, par EPCI :
          </p>
          <ul className={styles.liste}>
            {resume.nonCouvertes.map((g) => (
              <li key={g.code ?? ""}>
                <strong>{g.nom}</strong> ({etendueDuGroupe(g)}) : {g.communes.map((c) => c.nom).join(", ")}
              </li>
            ))}
          </ul>
        </>
      )}
      {resume.chevauchements.length === 0 ? (
        <p className="fr-text--sm">Aucune commune n&apos;est couverte par deux feuilles de route infra-départementales.</p>
      ) : (
        <>
          <p className="fr-text--bold fr-mb-1w">
            {compter(resume.chevauchements.length, "commune en chevauchement", "communes en chevauchement")}, par feuilles de route :
          </p>
          <ul className={styles.liste}>
            {resume.chevauchementsParFeuilles.map(({ feuilles, communes }, i) => (
              <li key={i}>
                <strong>{enumerer(feuilles.map((nom) => `« ${nom} »`), 20)}</strong> ({compter(communes.length, "commune")}) : {communes.map((c) => c.nom).join(", ")}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
