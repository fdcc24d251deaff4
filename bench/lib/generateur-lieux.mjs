/*
 * Deterministic generator of a "lieux de médiation numérique" file in the national standard v1.0.x
 * (CSV, the 32 columns in the standard's order, multi-values joined with `|`), for measure 7 of the
 * benchmark and for anyone who needs a large file of places:
 *
 *   node bench/lib/generateur-lieux.mjs <fichier.csv> [nombre=20000] [graine=1]
 *
 * The places sit in real current communes of @etalab/decoupage-administratif ("commune-actuelle"),
 * drawn with a probability proportional to their population, with a postal code of that commune.
 * Everything else is invented: every name ends in "(lieu fictif de banc d'essai)", the e-mail
 * addresses and websites are under .invalid, the SIRET-like pivots are random digits.
 *
 * Coordinates: each commune gets a fixed pseudo-position derived from its code (a point of a rough
 * box of its zone: metropolitan France, Corsica or the overseas département), NOT its real
 * location; each place is a uniform point within ±0.01° of it. So the places of a commune are
 * close together, as the deduplication expects, but the map would show them in the wrong place.
 *
 * The mix: typologies as the national files show them (libraries, town halls, CCAS, EPN,
 * associations, France Services, social centres, tiers-lieux…, some with two codes, a few with
 * none), 1 to 5 services, the national programmes that go with the type (France Services for an
 * RFS, Conseillers numériques, Aidants Connect), a date_maj within 2024-01-01 … 2026-10-31.
 * About 5 % of the rows describe again a place written earlier in the file, as another producer
 * would: a different id and `source`, the same commune, the same name in another case, the same
 * address and coordinates within about 20 m, so that the deduplication has pairs to merge. About
 * 0.1 % of the rows are invalid (no id, or a commune that does not exist) and about 1 % carry a
 * fixable defect (telephone written "01 23 45 67 89", an unknown typology code), so that the
 * import's report has rejections and corrections to write.
 *
 * Same seed and same number → the same bytes.
 */
import { createWriteStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The 32 columns of the standard v1.0.x, in file order. */
export const COLONNES = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "code_insee",
  "adresse",
  "complement_adresse",
  "latitude",
  "longitude",
  "typologie",
  "telephone",
  "courriels",
  "site_web",
  "horaires",
  "presentation_resume",
  "presentation_detail",
  "source",
  "itinerance",
  "structure_parente",
  "date_maj",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "autres_formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
  "fiche_acces_libre",
  "prise_rdv",
];

const SUFFIXE = "(lieu fictif de banc d'essai)";

/** Kinds of places, weighted as in the national files: typology codes, the name's start, programmes likely. */
const GENRES = [
  { poids: 14, typologies: ["BIB"], libelle: "Médiathèque", cn: 0.3, ac: 0.05 },
  { poids: 3, typologies: ["BIB", "EPN"], libelle: "Médiathèque et espace numérique", cn: 0.4, ac: 0.05 },
  { poids: 11, typologies: ["MUNI"], libelle: "Espace numérique municipal", cn: 0.35, ac: 0.2 },
  { poids: 3, typologies: ["MUNI", "RFS"], libelle: "Mairie et France services", fs: 1, cn: 0.3, ac: 0.6 },
  { poids: 8, typologies: ["CCAS"], libelle: "CCAS", cn: 0.25, ac: 0.45 },
  { poids: 9, typologies: ["EPN"], libelle: "Espace public numérique", cn: 0.5, ac: 0.1 },
  { poids: 16, typologies: ["ASSO"], libelle: "Association numérique", cn: 0.45, ac: 0.1 },
  { poids: 10, typologies: ["RFS"], libelle: "France services", fs: 1, cn: 0.2, ac: 0.7 },
  { poids: 7, typologies: ["CS"], libelle: "Centre social", cn: 0.4, ac: 0.25 },
  { poids: 2, typologies: ["CS", "ASSO"], libelle: "Centre social associatif", cn: 0.4, ac: 0.2 },
  { poids: 4, typologies: ["TIERS_LIEUX"], libelle: "Tiers-lieu", cn: 0.35, ac: 0.05 },
  { poids: 2, typologies: ["TIERS_LIEUX", "ASSO"], libelle: "Tiers-lieu associatif", cn: 0.4, ac: 0.05 },
  { poids: 2, typologies: ["CSC"], libelle: "Centre socioculturel", cn: 0.3, ac: 0.1 },
  { poids: 2, typologies: ["MJC"], libelle: "Maison des jeunes et de la culture", cn: 0.3, ac: 0.02 },
  { poids: 2, typologies: ["PIMMS"], libelle: "Point d'information médiation multi-services", cn: 0.2, ac: 0.5 },
  { poids: 1, typologies: ["ML"], libelle: "Mission locale", cn: 0.2, ac: 0.1 },
  { poids: 1, typologies: ["FABLAB"], libelle: "Fablab", cn: 0.2, ac: 0 },
  { poids: 1, typologies: ["LA_POSTE"], libelle: "Bureau de poste", cn: 0, ac: 0.1 },
  { poids: 1, typologies: ["CIAS"], libelle: "CIAS", cn: 0.2, ac: 0.4 },
  { poids: 3, typologies: [], libelle: "Point numérique", cn: 0.3, ac: 0.1 },
];

/** Producers of the files; the duplicates take another one than their original. */
const SOURCES = ["Conseiller Numérique", "France Services", "Aidants Connect", "Hinaura", "Mednum BFC", "Les Assembleurs", "Hub du Sud", "Département (banc d'essai)", "Coop de la médiation numérique"];
const POIDS_SOURCES = [30, 12, 8, 10, 6, 8, 6, 10, 10];

const SERVICES = [
  "Aide aux démarches administratives",
  "Maîtrise des outils numériques du quotidien",
  "Insertion professionnelle via le numérique",
  "Utilisation sécurisée du numérique",
  "Parentalité et éducation avec le numérique",
  "Loisirs et créations numériques",
  "Compréhension du monde numérique",
  "Accès internet et matériel informatique",
  "Acquisition de matériel informatique à prix solidaire",
];
const POIDS_SERVICES = [40, 45, 15, 20, 8, 10, 12, 25, 4];
const PUBLICS = ["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"];
const PRISES_EN_CHARGE = ["Surdité", "Handicaps moteurs", "Handicaps mentaux", "Illettrisme", "Langues étrangères (anglais)", "Langues étrangères (autres)", "Déficience visuelle"];
const FRAIS = ["Gratuit", "Gratuit sous condition", "Payant"];
const MODALITES_ACCES = ["Se présenter", "Téléphoner", "Contacter par mail", "Envoyer un mail avec une fiche de prescription", "Prendre un RDV en ligne"];
const MODALITES_ACCOMPAGNEMENT = ["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"];
const FORMATIONS = ["Formé à « Mon Espace Santé »", "Formé à « DUPLEX » (illettrisme)", "Étapes numériques (La Poste)", "Fabriques de Territoire"];
const AUTRES_DISPOSITIFS = ["Certification PIX", "Point d'accès numérique CAF", "Promeneurs du net", "Bibliothèques numérique de référence", "Emmaüs Connect"];
const STRUCTURES_PARENTES = ["Réseau fictif des médiathèques", "Fédération fictive des centres sociaux", "Réseau fictif France services", "Coopérative fictive des tiers-lieux"];
const VOIES = ["rue", "rue", "avenue", "place", "boulevard", "chemin", "allée", "impasse", "quai", "route"];
const NOMS_DE_VOIES = [
  "des Tilleuls",
  "de la Mairie",
  "du Marché",
  "Victor Hugo",
  "Jean Jaurès",
  "de l'Église",
  "des Écoles",
  "de la Gare",
  "du Général de Gaulle",
  "Pasteur",
  "de la République",
  "des Acacias",
  "du Moulin",
  "Jules Ferry",
  "de la Liberté",
  "des Lilas",
  "du Stade",
  "Gambetta",
  "de Verdun",
  "du 8 Mai 1945",
];
const COMPLEMENTS = ["Bâtiment B", "Rez-de-chaussée", "1er étage", "Entrée par la cour", "Salle polyvalente", "Résidence des Fleurs"];
const QUALIFICATIFS = ["du centre", "des quartiers", "du bourg", "de la gare", "du parc", "des Tilleuls", "Jean Moulin", "Louise Michel", "des Sources", "du Val", "Simone Veil", "des Arts"];
const HORAIRES = ["Mo-Fr 09:00-12:00,14:00-18:00", "Tu-Sa 10:00-18:00", "Mo,We,Fr 14:00-17:30", "Mo-Th 08:30-12:30; Fr 08:30-12:00", "We 09:00-12:00,14:00-18:00; Sa 09:00-12:30"];

/** Rough boxes (latitude, longitude ranges) in which each zone's communes get their pseudo-position. */
const BOITES = {
  metropole: [43.2, 50.6, -1.2, 7.2],
  corse: [41.5, 42.9, 8.6, 9.4],
  971: [15.9, 16.4, -61.7, -61.2],
  972: [14.45, 14.85, -61.2, -60.85],
  973: [3.8, 5.6, -54.3, -51.9],
  974: [-21.35, -20.9, 55.25, 55.75],
  976: [-13.0, -12.65, 45.05, 45.25],
};

/** mulberry32: a small seeded generator, the same sequence on every platform. */
export function aleatoire(graine) {
  let etat = graine >>> 0;
  return () => {
    etat = (etat + 0x6d2b79f5) >>> 0;
    let t = etat;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a text, 32 bits: the fixed pseudo-position of a commune comes from its code. */
function hachage(texte) {
  let h = 0x811c9dc5;
  for (let i = 0; i < texte.length; i++) {
    h ^= texte.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The current communes with a population, from the installed @etalab/decoupage-administratif. */
export function chargerCommunes() {
  const require = createRequire(import.meta.url);
  const chemin = require.resolve("@etalab/decoupage-administratif/data/communes.json");
  const toutes = JSON.parse(readFileSync(chemin, "utf8"));
  return toutes.filter((c) => c.type === "commune-actuelle" && c.population > 0 && c.codesPostaux?.length);
}

function pseudoPosition(commune) {
  const boite = BOITES[commune.departement] ?? (commune.departement === "2A" || commune.departement === "2B" ? BOITES.corse : BOITES.metropole);
  const h = hachage(commune.code);
  const u = (h & 0xffff) / 0xffff;
  const v = (h >>> 16) / 0xffff;
  return { latitude: boite[0] + u * (boite[1] - boite[0]), longitude: boite[2] + v * (boite[3] - boite[2]) };
}

/** Picks by cumulative weights (binary search). */
function tirage(poids) {
  const cumuls = [];
  let total = 0;
  for (const p of poids) cumuls.push((total += p));
  return (r) => {
    const cible = r * total;
    let bas = 0;
    let haut = cumuls.length - 1;
    while (bas < haut) {
      const milieu = (bas + haut) >> 1;
      if (cumuls[milieu] > cible) haut = milieu;
      else bas = milieu + 1;
    }
    return bas;
  };
}

function cellule(valeur) {
  const texte = valeur === null || valeur === undefined ? "" : String(valeur);
  return `"${texte.replace(/"/g, '""')}"`;
}

/**
 * The rows, one object per row keyed by column (generator: the caller writes them as they come).
 * `bilan` is filled on the way: rows, planted duplicates, invalid rows, rows with a fixable defect,
 * communes used.
 */
export function* genererLieux({ nombre, graine, communes, bilan }) {
  const r = aleatoire(graine * 7919 + 17);
  const entre = (min, max) => min + Math.floor(r() * (max - min + 1));
  const un = (liste) => liste[Math.floor(r() * liste.length)];
  const plusieurs = (liste, min, max, poids) => {
    const n = entre(min, max);
    const pris = new Set();
    const choisir = poids ? tirage(poids) : null;
    for (let essais = 0; pris.size < n && essais < 50; essais++) pris.add(choisir ? choisir(r()) : Math.floor(r() * liste.length));
    return [...pris].sort((a, b) => a - b).map((i) => liste[i]);
  };
  const choisirCommune = tirage(communes.map((c) => c.population));
  const choisirGenre = tirage(GENRES.map((g) => g.poids));
  const choisirSource = tirage(POIDS_SOURCES);
  const dateMaj = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 1035) * 86_400_000).toISOString().slice(0, 10);
  const telephone = () => `+33${entre(1, 5)}${String(entre(0, 99_999_999)).padStart(8, "0")}`;

  /** Valid places written so far, for the duplicates to describe again. */
  const originaux = [];
  const communesVues = new Set();
  Object.assign(bilan, { lignes: 0, doublons: 0, sansId: 0, communeInconnue: 0, defauts: 0, communes: 0 });

  for (let i = 1; i <= nombre; i++) {
    const id = `banc-${graine}-${String(i).padStart(6, "0")}`;
    const tirageLigne = r();

    // A second description of an earlier place, by another producer.
    if (tirageLigne < 0.05 && originaux.length > 50) {
      const o = originaux[Math.floor(r() * originaux.length)];
      let source = o.source;
      while (source === o.source) source = SOURCES[choisirSource(r())];
      const nom = r() < 0.5 ? o.nom.toUpperCase() : o.nom.toLowerCase();
      bilan.doublons += 1;
      bilan.lignes += 1;
      yield {
        ...o,
        id,
        pivot: r() < 0.5 ? o.pivot : "00000000000000",
        nom,
        latitude: (Number(o.latitude) + (r() - 0.5) * 0.0003).toFixed(6),
        longitude: (Number(o.longitude) + (r() - 0.5) * 0.0003).toFixed(6),
        telephone: r() < 0.5 ? o.telephone : "",
        source,
        date_maj: dateMaj(),
        presentation_resume: `Fiche de la même structure décrite par ${source}.`,
        services: plusieurs(SERVICES, 1, 3, POIDS_SERVICES).join("|"),
      };
      continue;
    }

    const commune = communes[choisirCommune(r())];
    const genre = GENRES[choisirGenre(r())];
    const centre = pseudoPosition(commune);
    const source = SOURCES[choisirSource(r())];
    const voie = `${entre(1, 120)}${r() < 0.08 ? " bis" : ""} ${un(VOIES)} ${un(NOMS_DE_VOIES)}`;
    const dispositifs = [];
    if (genre.fs) dispositifs.push("France Services");
    if (r() < genre.cn) dispositifs.push("Conseillers numériques");
    if (r() < genre.ac) dispositifs.push("Aidants Connect");
    if (r() < 0.08) dispositifs.push(un(AUTRES_DISPOSITIFS));
    const autres = [];
    if (r() < 0.12) autres.push("QPV");
    if (commune.population < 3500 && r() < 0.3) autres.push("FRR");
    const numero = String(i).padStart(5, "0");
    const lieu = {
      id,
      pivot: r() < 0.25 ? "00000000000000" : String(entre(100_000_000, 999_999_999)) + String(entre(10_000, 99_999)),
      nom: `${genre.libelle} ${un(QUALIFICATIFS)} ${numero} — ${commune.nom} ${SUFFIXE}`,
      commune: commune.nom,
      code_postal: un(commune.codesPostaux),
      code_insee: commune.code,
      adresse: voie,
      complement_adresse: r() < 0.15 ? un(COMPLEMENTS) : "",
      latitude: (centre.latitude + (r() * 2 - 1) * 0.01).toFixed(6),
      longitude: (centre.longitude + (r() * 2 - 1) * 0.01).toFixed(6),
      typologie: genre.typologies.join("|"),
      telephone: r() < 0.8 ? telephone() : "",
      courriels: r() < 0.7 ? `contact-${numero}@lieu-fictif.invalid${r() < 0.1 ? `|accueil-${numero}@lieu-fictif.invalid` : ""}` : "",
      site_web: r() < 0.4 ? `https://lieu-${numero}.banc-essai.invalid/` : "",
      horaires: r() < 0.6 ? un(HORAIRES) : "",
      presentation_resume: r() < 0.7 ? `Lieu fictif (${genre.libelle.toLowerCase()}) : accompagnement au numérique pour les habitants de ${commune.nom}.` : "",
      presentation_detail: r() < 0.3 ? "Lieu inventé pour le banc d'essai des imports : ateliers collectifs, accompagnement individuel sur rendez-vous et accès libre aux ordinateurs." : "",
      source,
      itinerance: r() < 0.06 ? "Itinérant" : r() < 0.5 ? "Fixe" : "",
      structure_parente: r() < 0.15 ? un(STRUCTURES_PARENTES) : "",
      date_maj: dateMaj(),
      services: plusieurs(SERVICES, 1, 5, POIDS_SERVICES).join("|"),
      publics_specifiquement_adresses: r() < 0.35 ? plusieurs(PUBLICS, 1, 2).join("|") : "",
      prise_en_charge_specifique: r() < 0.2 ? plusieurs(PRISES_EN_CHARGE, 1, 2).join("|") : "",
      frais_a_charge: r() < 0.85 ? (r() < 0.75 ? "Gratuit" : plusieurs(FRAIS, 1, 2).join("|")) : "",
      dispositif_programmes_nationaux: dispositifs.join("|"),
      formations_labels: r() < 0.05 ? un(FORMATIONS) : "",
      autres_formations_labels: autres.join("|"),
      modalites_acces: r() < 0.8 ? plusieurs(MODALITES_ACCES, 1, 3).join("|") : "",
      modalites_accompagnement: r() < 0.75 ? plusieurs(MODALITES_ACCOMPAGNEMENT, 1, 3).join("|") : "",
      fiche_acces_libre: r() < 0.05 ? `https://acceslibre.beta.gouv.fr/app/banc-essai/a/lieu/erp/lieu-${numero}/` : "",
      prise_rdv: r() < 0.1 ? `https://rdv.banc-essai.invalid/lieu-${numero}` : "",
    };

    // Invalid rows: the import must reject them and say why.
    if (tirageLigne > 0.9995) {
      bilan.sansId += 1;
      bilan.lignes += 1;
      yield { ...lieu, id: "" };
      continue;
    }
    if (tirageLigne > 0.999) {
      bilan.communeInconnue += 1;
      bilan.lignes += 1;
      yield { ...lieu, commune: "Commune inexistante du banc d'essai", code_insee: "99999", code_postal: "99999" };
      continue;
    }
    // Defects the import fixes (and reports as corrections).
    if (tirageLigne > 0.985) {
      bilan.defauts += 1;
      if (tirageLigne > 0.9925) lieu.telephone = `0${entre(1, 5)} ${entre(10, 99)} ${entre(10, 99)} ${entre(10, 99)} ${entre(10, 99)}`;
      else lieu.typologie = [lieu.typologie, "CODE_INCONNU"].filter(Boolean).join("|");
    }
    originaux.push(lieu);
    communesVues.add(commune.code);
    bilan.lignes += 1;
    yield lieu;
  }
  bilan.communes = communesVues.size;
}

/**
 * Writes `nombre` rows (seed `graine`) as CSV to `chemin` and resolves with the bilan:
 * { lignes, doublons, sansId, communeInconnue, defauts, communes, octets, dureeMs }.
 */
export async function ecrireFichierLieux(chemin, { nombre = 20_000, graine = 1, communes = chargerCommunes() } = {}) {
  const debut = performance.now();
  const bilan = {};
  const flux = createWriteStream(chemin, { encoding: "utf8" });
  let octets = 0;
  const ecrire = (texte) =>
    new Promise((resoudre, rejeter) => {
      octets += Buffer.byteLength(texte);
      flux.write(texte, (erreur) => (erreur ? rejeter(erreur) : resoudre()));
    });
  await ecrire(`${COLONNES.join(",")}\n`);
  let tampon = "";
  for (const lieu of genererLieux({ nombre, graine, communes, bilan })) {
    tampon += `${COLONNES.map((c) => cellule(lieu[c])).join(",")}\n`;
    if (tampon.length > 1 << 20) {
      await ecrire(tampon);
      tampon = "";
    }
  }
  if (tampon) await ecrire(tampon);
  await new Promise((resoudre, rejeter) => flux.end((erreur) => (erreur ? rejeter(erreur) : resoudre())));
  return { ...bilan, octets, dureeMs: performance.now() - debut };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [chemin, nombreBrut = "20000", graineBrute = "1"] = process.argv.slice(2);
  const nombre = Number(nombreBrut);
  const graine = Number(graineBrute);
  if (!chemin || !Number.isSafeInteger(nombre) || nombre < 1 || !Number.isSafeInteger(graine) || graine < 0) {
    console.error("Usage : node bench/lib/generateur-lieux.mjs <fichier.csv> [nombre=20000] [graine=1]");
    process.exit(2);
  }
  const bilan = await ecrireFichierLieux(chemin, { nombre, graine });
  console.log(
    `${bilan.lignes} lignes écrites dans ${chemin} (${(bilan.octets / 1e6).toFixed(1)} MB, ${bilan.communes} communes) : ${bilan.doublons} redescriptions d'un lieu par une autre source, ${bilan.sansId} sans id, ${bilan.communeInconnue} à la commune inexistante, ${bilan.defauts} avec un défaut corrigible.`,
  );
}
