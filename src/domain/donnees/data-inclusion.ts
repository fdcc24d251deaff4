import type { EnregistrementBrut } from "./lieux";

/*
 * A structure of data·inclusion (its "structures" JSON, schema betagouv/data-inclusion-schema)
 * written as a row of the lieux standard v1, which `lireLieu` then checks like any other row.
 * Slugs of national labels and of digital themes become the standard's values; national labels
 * the standard has no place for are kept among the other labels.
 */

const DISPOSITIFS: Record<string, string> = {
  "aidants-connect": "Aidants Connect",
  "conseiller-numerique": "Conseillers numériques",
  "france-service": "France Services",
  "france-services": "France Services",
  "grandes-ecoles-du-numerique": "Grande école du numérique",
  caf: "Point d'accès numérique CAF",
};

const FORMATIONS: Record<string, string> = {
  "mon-espace-sante": "Formé à « Mon Espace Santé »",
  duplex: "Formé à « DUPLEX » (illettrisme)",
  arnia: "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
  "ressources-reemploi": "Collectif ressources et acteurs réemploi (Normandie)",
  "etapes-numeriques": "Étapes numériques (La Poste)",
  "fabrique-de-territoire": "Fabriques de Territoire",
  "les-eclaireurs": "Les Éclaireurs du numérique (Drôme)",
  "mes-papiers": "Mes Papiers (Métropole de Lyon)",
  "ordi-3": "ORDI 3.0",
  "sud-labs": "SUD LABS (PACA)",
};

const THEMATIQUES: Record<string, string> = {
  "numerique--devenir-autonome-dans-les-demarches-administratives": "Aide aux démarches administratives",
  "numerique--realiser-des-demarches-administratives-avec-un-accompagnement": "Aide aux démarches administratives",
  "numerique--accompagner-les-demarches-de-sante": "Aide aux démarches administratives",
  "numerique--prendre-en-main-un-smartphone-ou-une-tablette": "Maîtrise des outils numériques du quotidien",
  "numerique--prendre-en-main-un-ordinateur": "Maîtrise des outils numériques du quotidien",
  "numerique--utiliser-le-numerique-au-quotidien": "Maîtrise des outils numériques du quotidien",
  "numerique--approfondir-ma-culture-numerique": "Compréhension du monde numérique",
  "numerique--promouvoir-la-citoyennete-numerique": "Compréhension du monde numérique",
  "numerique--favoriser-mon-insertion-professionnelle": "Insertion professionnelle via le numérique",
  "numerique--creer-et-developper-mon-entreprise": "Insertion professionnelle via le numérique",
  "numerique--acceder-a-une-connexion-internet": "Accès internet et matériel informatique",
  "numerique--acceder-a-du-materiel": "Accès internet et matériel informatique",
  "numerique--s-equiper-en-materiel-informatique": "Acquisition de matériel informatique à prix solidaire",
  "numerique--creer-avec-le-numerique": "Loisirs et créations numériques",
  "numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique": "Parentalité et éducation avec le numérique",
};

const liste = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? v.split(/[|,;]/).map((s) => s.trim()) : []);

export function versLieuV1(structure: Record<string, unknown>): EnregistrementBrut {
  const labels = liste(structure.labels_nationaux);
  const dispositifs = labels.map((l) => DISPOSITIFS[l]).filter((l): l is string => Boolean(l));
  const formations = labels.map((l) => FORMATIONS[l]).filter((l): l is string => Boolean(l));
  const autres = [...labels.filter((l) => !DISPOSITIFS[l] && !FORMATIONS[l]), ...liste(structure.labels_autres)];
  const services = [...new Set(liste(structure.thematiques).map((t) => THEMATIQUES[t]).filter((t): t is string => Boolean(t)))];
  return {
    id: structure.id,
    pivot: structure.siret || structure.rna,
    nom: structure.nom,
    commune: structure.commune,
    code_postal: structure.code_postal,
    code_insee: structure.code_insee || structure._di_geocodage_code_insee,
    adresse: structure.adresse,
    complement_adresse: structure.complement_adresse,
    latitude: structure.latitude,
    longitude: structure.longitude,
    typologie: structure.typologie,
    telephone: structure.telephone,
    courriels: structure.courriel,
    site_web: structure.site_web,
    horaires: structure.horaires_ouverture,
    presentation_resume: structure.presentation_resume,
    presentation_detail: structure.presentation_detail,
    source: structure.source,
    structure_parente: structure.structure_parente,
    date_maj: structure.date_maj,
    services,
    dispositif_programmes_nationaux: dispositifs,
    formations_labels: formations,
    autres_formations_labels: autres,
    fiche_acces_libre: structure.accessibilite,
  };
}
