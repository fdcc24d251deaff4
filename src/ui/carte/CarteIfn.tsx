import type { Anneau } from "@/domain/donnees/geometrie";
import { CLASSES_IFN, COULEUR_NON_DISPONIBLE, HAUTEUR_LIBELLE_ENCART_PX, LIBELLE_NON_DISPONIBLE, classeIfn, couleurIfn, dessinerCarte } from "@/domain/donnees/carte";
import { DetailsCarte } from "./DetailsCarte";
import styles from "./carte.module.css";
import { echapperHtml } from "@/domain/html";

/*
 * The choropleth of the indice de fragilité numérique, drawn on the server as SVG (no tile
 * server, no script needed to read it). Every zone is reachable with the keyboard and named
 * ("Nièvre : IFN 6,2 sur 10"); a link before the drawing leads to the table that says the same
 * in text, which the caller renders with the id `idTableau`. Places (lieux d'inclusion numérique)
 * are dots, not focusable: the table lists them.
 */

export interface DetailZone {
  libelle: string;
  /** Already formatted in French. */
  valeur: string;
}

export interface ZoneCarteIfn {
  code: string;
  nom: string;
  anneaux: readonly Anneau[];
  /** 1 to 10; null: "Non disponible". */
  score: number | null;
  /** Shown in the details panel under the zone's name and IFN. */
  details?: readonly DetailZone[];
  /** The zone becomes a link (national map: "/donnees/departements/58"). */
  lien?: string;
}

export interface LieuCarte {
  id: string;
  nom: string;
  longitude: number;
  latitude: number;
}

export interface ProprietesCarteIfn {
  titre: string;
  zones: readonly ZoneCarteIfn[];
  points?: readonly LieuCarte[];
  /** National map: the overseas départements in insets on the left. */
  encartsOutreMer?: boolean;
  /** The id of the table that gives the same data (the skip link leads to it). */
  idTableau: string;
  /** Width of the drawing in SVG units (600 by default); it is then scaled to the page. */
  largeur?: number;
  /**
   * When given, the SVG is kept in memory under this key and reused: the key must identify
   * everything drawn (shapes, points, scores, details, options), e.g. the ids of their sets.
   */
  cleCache?: string;
}

const SCORE = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COULEUR_LIEU = "#000091";
const RAYON_LIEU = 2.5;

/** "Nièvre : IFN 6,2 sur 10", or "Nièvre : IFN non disponible". */
export function nomAccessibleZone(nom: string, score: number | null): string {
  const valeur = valeurIfn(score);
  return `${nom} : IFN ${valeur === LIBELLE_NON_DISPONIBLE ? "non disponible" : valeur}`;
}

function valeurIfn(score: number | null): string {
  return score === null || classeIfn(score) === null ? LIBELLE_NON_DISPONIBLE : `${SCORE.format(score)} sur 10`;
}

/** `data-details` (read by DetailsCarte): one line per detail, label and value split by a tab. */
function encoderDetails(lignes: readonly DetailZone[]): string {
  const propre = (t: string) => t.replace(/[\t\n\r]+/g, " ");
  return lignes.map((l) => `${propre(l.libelle)}\t${propre(l.valeur)}`).join("\n");
}

/*
 * The SVG is written as one string, kept in memory under the caller's key (`cleCache`, which must
 * change whenever anything drawn does: the ids of the sets of shapes, points and scores). Drawing
 * the 887 communes of the Pas-de-Calais (projection, simplification) takes tens of milliseconds,
 * and thousands of elements rendered by React on every request, twice (the page and its payload),
 * took hundreds; a string is copied as it is.
 */
const TAILLE_CACHE = 32;
const CLE_CACHE = Symbol.for("efne.cache-svg-cartes");
const svgs = ((globalThis as Record<symbol, Map<string, { svg: string; avecLieux: boolean }>>)[CLE_CACHE] ??= new Map());


/** The map's SVG markup (the contract DetailsCarte reads: data-zone, data-details, data-surlignage, data-lieux). */
export function balisageSvg({ titre, zones, points = [], encartsOutreMer = false, largeur }: Omit<ProprietesCarteIfn, "idTableau" | "cleCache">): { svg: string; avecLieux: boolean } {
  const carte = dessinerCarte({
    zones: zones.map((z) => ({ code: z.code, nom: z.nom, anneaux: z.anneaux })),
    points: points.map((p) => ({ id: p.id, longitude: p.longitude, latitude: p.latitude })),
    encartsOutreMer,
    largeur,
  });
  const zonesParCode = new Map(zones.map((z) => [z.code, z]));
  const nomsDesLieux = new Map(points.map((p) => [p.id, p.nom]));
  const morceaux: string[] = [`<svg class="${styles.svg}" viewBox="0 0 ${carte.largeur} ${carte.hauteur}" width="100%" role="group" aria-label="${echapperHtml(titre)}">`];
  if (carte.encarts.length > 0) {
    morceaux.push("<g>");
    for (const e of carte.encarts) {
      morceaux.push(
        `<g><rect x="${e.x}" y="${e.y}" width="${e.largeur}" height="${e.hauteur}" fill="none" stroke="#929292" stroke-width="0.75"></rect>`,
        `<text class="${styles.libelleEncart}" x="${e.x + 3}" y="${e.y + HAUTEUR_LIBELLE_ENCART_PX - 3}">${echapperHtml(e.libelle)}</text></g>`,
      );
    }
    morceaux.push("</g>");
  }
  morceaux.push(`<g class="${styles.zones}" fill-rule="evenodd" stroke="#fff" stroke-width="0.5" stroke-linejoin="round">`);
  for (const dessin of carte.zones) {
    const zone = zonesParCode.get(dessin.code);
    if (!zone || dessin.d === "") continue;
    const nom = echapperHtml(nomAccessibleZone(zone.nom, zone.score));
    // The panel's heading is the accessible name: the data attributes carry only the rest.
    const donnees = `data-zone="${echapperHtml(zone.code)}"${zone.details?.length ? ` data-details="${echapperHtml(encoderDetails(zone.details))}"` : ""}`;
    const couleur = couleurIfn(zone.score);
    morceaux.push(
      zone.lien
        ? `<a href="${echapperHtml(zone.lien)}" aria-label="${nom}" ${donnees}><title>${nom}</title><path d="${dessin.d}" fill="${couleur}"></path></a>`
        : `<path d="${dessin.d}" fill="${couleur}" tabindex="0" role="img" aria-label="${nom}" ${donnees}><title>${nom}</title></path>`,
    );
  }
  morceaux.push("</g>", `<path class="${styles.surlignage}" data-surlignage="" d="" aria-hidden="true"></path>`);
  if (carte.points.length > 0) {
    morceaux.push(`<g fill="${COULEUR_LIEU}" stroke="#fff" stroke-width="0.75" aria-hidden="true" data-lieux="">`);
    for (const p of carte.points) morceaux.push(`<circle cx="${p.x}" cy="${p.y}" r="${RAYON_LIEU}"><title>${echapperHtml(nomsDesLieux.get(p.id) ?? "")}</title></circle>`);
    morceaux.push("</g>");
  }
  morceaux.push("</svg>");
  return { svg: morceaux.join(""), avecLieux: carte.points.length > 0 };
}

export function CarteIfn(proprietes: ProprietesCarteIfn) {
  const { titre, idTableau, cleCache } = proprietes;
  let rendu = cleCache === undefined ? undefined : svgs.get(cleCache);
  if (!rendu) {
    rendu = balisageSvg(proprietes);
    if (cleCache !== undefined) {
      svgs.set(cleCache, rendu);
      while (svgs.size > TAILLE_CACHE) svgs.delete(svgs.keys().next().value as string);
    }
  }

  return (
    <figure className={styles.carte}>
      <figcaption className="fr-text--lead fr-text--bold fr-mb-1w">{titre}</figcaption>
      <p className="fr-mb-1w">
        <a className="fr-link fr-text--sm" href={`#${idTableau}`}>
          Passer la carte : voir le tableau des données
        </a>
      </p>
      <DetailsCarte consigne="Survolez un territoire ou parcourez la carte au clavier (touche Tab) pour en afficher le détail ici.">
        <div dangerouslySetInnerHTML={{ __html: rendu.svg }} />
      </DetailsCarte>
      <Legende avecLieux={rendu.avecLieux} />
    </figure>
  );
}

function Legende({ avecLieux }: { avecLieux: boolean }) {
  return (
    <div className={styles.legende}>
      <p className="fr-text--sm fr-text--bold fr-mb-1w">Légende : indice de fragilité numérique, de 1 (risque faible) à 10 (risque fort)</p>
      <div className={styles.rampe}>
        <span className={`fr-text--sm fr-mb-0 ${styles.extremite}`}>Risque faible</span>
        <ul className={styles.echelle}>
          {CLASSES_IFN.map((c) => (
            <li key={c.index} className={styles.classe}>
              <span className={styles.pastille} style={{ backgroundColor: c.couleur }} aria-hidden="true" />
              <span className="fr-text--xs fr-mb-0">{c.libelle}</span>
            </li>
          ))}
        </ul>
        <span className={`fr-text--sm fr-mb-0 ${styles.extremite}`}>Risque fort</span>
      </div>
      <ul className={styles.autres}>
        <li>
          <span className={styles.pastille} style={{ backgroundColor: COULEUR_NON_DISPONIBLE }} aria-hidden="true" />
          <span className="fr-text--sm fr-mb-0">{LIBELLE_NON_DISPONIBLE}</span>
        </li>
        {avecLieux && (
          <li>
            <svg className={styles.pastilleLieu} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle cx="7" cy="7" r="5" fill={COULEUR_LIEU} stroke="#fff" strokeWidth="1.5" />
            </svg>
            <span className="fr-text--sm fr-mb-0">Lieu d&apos;inclusion numérique</span>
          </li>
        )}
      </ul>
    </div>
  );
}
