import { eq, sql } from "drizzle-orm";
import type { BaseDeDonnees } from "@/db/client";
import { ceder } from "@/db/lots";
import { candidats, contactsManifestation, departements, formulairesManifestation, utilisateurs } from "@/db/schema";
import { cleDuCandidat } from "@/domain/candidatures/cle";
import type { Persona, TypeCandidat } from "@/domain/candidatures/personas";
import { EMAIL_DECLARANT_DEMONSTRATION } from "@/services/demonstration";
import type { Contact, ContenuFormulaire, PartenaireEnvoye } from "@/services/manifestations";

/*
 * Deterministic generator of contact lines for the benchmarks (measure 6 and the performance work
 * that follows): N lines of the préfectures' contacts table spread over the 101 départements, with
 * the candidates and the sent forms they come from, shaped as enregistrerCandidature() writes them
 * (porteurs with their partners, collectivités with a political and sometimes a technical contact,
 * structures with one contact). Every row is demonstration data (`demonstration = true`), every name
 * says it is fictitious and every address ends in @efne.invalid; the forms belong to the
 * demonstration declarant, so "demonstration:effacer" removes them with the rest.
 *
 * Same seed, same reference date, same départements → the same rows, ids included (ids come from
 * the seed, not from gen_random_uuid()), so that two runs of a benchmark export the same file.
 */

export interface OptionsGeneration {
  /** Contact lines to insert (exactly). */
  nombre: number;
  /** Seed of the pseudo-random sequence, 0 to 99,999; also part of every key, so two seeds never collide. */
  graine: number;
  /** End of the year over which the forms were sent (default: a fixed date, for determinism). */
  fin?: Date;
  /** Contact lines per insert and per transaction (default 1,000). */
  lignesParLot?: number;
  /** Called after each committed batch with the lines inserted so far. */
  progression?: (lignes: number) => void;
  /** Stops after the batch under way (the rows already committed stay). */
  signal?: AbortSignal;
}

export interface BilanGeneration {
  lignes: number;
  formulaires: number;
  candidats: number;
  departements: number;
  lots: number;
  dureeMs: number;
  /** False when `signal` stopped it before the end. */
  complet: boolean;
}

/** The fixed end of the sending period: the generated dates never depend on the day of the run. */
export const FIN_PAR_DEFAUT = new Date("2026-11-30T00:00:00.000Z");
const UN_AN_MS = 365 * 24 * 60 * 60 * 1000;

const PRENOMS = ["Élodie", "François", "Hélène", "Jérôme", "Françoise", "Noël", "Maëlle", "Benoît", "Zoé", "Loïc", "Camille", "Gaëtan", "Chloé", "Jean", "Inès", "Anaïs"];
const FONCTIONS = [
  "Maire",
  "Adjointe au maire chargée du numérique",
  "Président",
  "Vice-présidente déléguée à l'inclusion numérique",
  "Directeur général des services",
  "Chargée de mission « cœur de ville »",
  "Responsable de la médiation numérique",
  "Conseiller numérique",
  "Directrice, pôle solidarités",
  "Coordinateur France services",
];
const STRUCTURES = ["Association fictive", "Œuvre fictive", "Fabrique numérique fictive", "Société coopérative fictive", "Médiathèque fictive", "Centre social fictif"];
const NOMS_COLLECTIVITES: Record<Exclude<TypeCandidat, "structure">, string> = {
  region: "Région fictive",
  departement: "Département fictif",
  epci: "Communauté de communes fictive",
  commune: "Commune fictive",
};
const PERSONAS: Record<TypeCandidat, Persona> = { region: "conseil-regional", departement: "conseil-departemental", epci: "epci", commune: "commune", structure: "structure" };

/** mulberry32: small, fast, and the same sequence on every platform. */
function aleatoire(graine: number) {
  let etat = graine >>> 0;
  const suivant = () => {
    etat = (etat + 0x6d2b79f5) >>> 0;
    let t = etat;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const entier = (n: number) => Math.floor(suivant() * n);
  const choisir = <T>(liste: readonly T[]): T => liste[entier(liste.length)] as T;
  /** A version 4 UUID drawn from the sequence. */
  const uuid = () => {
    const octets = Array.from({ length: 16 }, () => entier(256));
    octets[6] = ((octets[6] as number) & 0x0f) | 0x40;
    octets[8] = ((octets[8] as number) & 0x3f) | 0x80;
    const hex = octets.map((o) => o.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return { suivant, entier, choisir, uuid };
}

type Ligne = typeof contactsManifestation.$inferInsert;
type Candidat = typeof candidats.$inferInsert;
type Formulaire = typeof formulairesManifestation.$inferInsert;

interface Lot {
  candidats: Candidat[];
  formulaires: Formulaire[];
  lignes: Ligne[];
}

/** The départements of the gouvernance scope (the 101, without the collectivités d'outre-mer), by code. */
export async function departementsDuPerimetre(db: BaseDeDonnees): Promise<string[]> {
  const lignes = await db.select({ code: departements.code }).from(departements).where(eq(departements.collectiviteOutreMer, false)).orderBy(departements.code);
  return lignes.map((l) => l.code);
}

/** The account that "sent" the demonstration forms: the generated forms belong to it too. */
async function declarant(db: BaseDeDonnees, maintenant: Date): Promise<string> {
  const [existant] = await db.select({ id: utilisateurs.id }).from(utilisateurs).where(eq(utilisateurs.email, EMAIL_DECLARANT_DEMONSTRATION));
  if (existant) return existant.id;
  const [cree] = await db
    .insert(utilisateurs)
    .values({ email: EMAIL_DECLARANT_DEMONSTRATION, role: "contact", prenom: "Déclarant", nom: "de démonstration", creeLe: maintenant })
    .returning({ id: utilisateurs.id });
  return (cree as { id: string }).id;
}

/**
 * Inserts exactly `nombre` contact lines (and their candidates and sent forms), one transaction per
 * batch of about `lignesParLot` lines. Fails before writing anything when the territories are not
 * loaded or when this seed was already generated in the database.
 */
export async function genererContacts(db: BaseDeDonnees, options: OptionsGeneration): Promise<BilanGeneration> {
  const debut = performance.now();
  const { nombre, graine } = options;
  if (!Number.isInteger(nombre) || nombre < 0) throw new Error(`nombre de lignes invalide : ${nombre}`);
  if (!Number.isInteger(graine) || graine < 0 || graine >= 100_000) throw new Error(`graine invalide : ${graine} (un entier de 0 à 99999)`);
  const fin = options.fin ?? FIN_PAR_DEFAUT;
  const lignesParLot = options.lignesParLot ?? 1000;
  const codes = await departementsDuPerimetre(db);
  if (codes.length === 0) throw new Error("la table departements est vide : démarrer l'application une fois (import des territoires) avant de générer des contacts.");
  const prefixe = `bench-contacts-${graine}`;
  const [deja] = await db
    .select({ n: sql<number>`count(*)` })
    .from(candidats)
    .where(sql`${candidats.nom} like ${`%(${prefixe})`}`);
  if (Number(deja?.n ?? 0) > 0) throw new Error(`des contacts de la graine ${graine} sont déjà dans cette base : choisir une autre graine.`);

  const proprietaire = await declarant(db, fin);
  const hasard = aleatoire(graine);
  const bilan: BilanGeneration = { lignes: 0, formulaires: 0, candidats: 0, departements: codes.length, lots: 0, dureeMs: 0, complet: true };
  let envoiPrecedent = fin;

  /** A contact; a few values start with "=" or "-" (the exports must neutralise them). */
  const contact = (k: number): Contact => {
    const tirage = hasard.suivant();
    return {
      nom: tirage < 0.002 ? `=Contact fictif n° ${k}` : `Contact fictif n° ${k}`,
      prenom: hasard.choisir(PRENOMS),
      fonction: tirage > 0.997 ? `-Chef de projet fictif n° ${k}` : tirage > 0.994 ? `=1+1 (fonction fictive n° ${k})` : hasard.choisir(FONCTIONS),
      email: tirage > 0.002 && tirage < 0.004 ? `-contact.fictif.${graine}.${k}@efne.invalid` : `contact.fictif.${graine}.${k}@efne.invalid`,
    };
  };
  const organisation = (type: TypeCandidat, n: number) => {
    const tirage = hasard.suivant();
    if (tirage < 0.003) return `=HYPERLINK("https://efne.invalid/${n}";"Structure fictive n° ${n}")`;
    if (tirage < 0.006) return `-Collectif fictif n° ${n}, « tirets » et virgules`;
    return type === "structure" ? `${hasard.choisir(STRUCTURES)} n° ${n}` : `${NOMS_COLLECTIVITES[type]} n° ${n}`;
  };
  const departementsDe = () => {
    const premier = hasard.choisir(codes);
    // About one candidate in 20 counts for two départements (an EPCI across a border).
    if (hasard.suivant() < 0.05) {
      const second = hasard.choisir(codes);
      if (second !== premier) return [premier, second].sort();
    }
    return [premier];
  };

  /** One sent form (its candidate and contact lines), at most `reste` lines. */
  const formulaire = (n: number, reste: number, prochainContact: number): Lot => {
    const tirage = hasard.suivant();
    const porteur = tirage < 0.25;
    const type: TypeCandidat = porteur
      ? hasard.choisir(["region", "departement", "departement", "epci", "epci", "epci", "epci", "epci", "epci", "epci"] as const)
      : tirage < 0.6
        ? hasard.choisir(["commune", "commune", "commune", "epci", "departement"] as const)
        : "structure";
    const deps = departementsDe();
    const premier = deps[0] as string;
    // Spread over the year before `fin`; one form in 50 sent at the very millisecond of the previous one (ties of the keyset).
    const envoyeLe = hasard.suivant() < 0.02 ? envoiPrecedent : new Date(fin.getTime() - hasard.entier(UN_AN_MS));
    envoiPrecedent = envoyeLe;
    const creeLe = new Date(envoyeLe.getTime() - hasard.entier(7 * 24 * 60 * 60 * 1000));
    // The suffix names the generator and its seed: the nom stays fictitious and the key unique.
    const nom = `${organisation(type, n)} (${prefixe})`;
    const code = type === "structure" ? (hasard.suivant() < 0.5 ? `0${String(graine).padStart(5, "0")}${String(n).padStart(8, "0")}` : null) : `F${graine}-${n}`;
    const candidatId = hasard.uuid();
    const formulaireId = hasard.uuid();
    const candidat: Candidat = {
      id: candidatId,
      cle: cleDuCandidat({ type, code, nom, codeDepartement: type === "structure" ? premier : null }),
      type,
      code,
      nom,
      codeDepartement: type === "structure" ? premier : null,
      siretVerifie: null,
      departements: deps,
      demonstration: true,
      creeLe,
      modifieLe: envoyeLe,
    };
    const commun = { formulaireId, candidatId, deposeLe: envoyeLe, demonstration: true };
    const dUnCandidat = {
      ...commun,
      organisation: nom,
      typologie: type,
      codeSiret: type === "structure" ? code : null,
      codeInsee: type === "structure" ? null : code,
      manifestation: porteur ? "porteur" : "participant",
      departements: deps,
    };
    let k = prochainContact;
    const lignes: Ligne[] = [];
    let contenu: ContenuFormulaire;
    if (type === "structure") {
      const c = contact(k++);
      lignes.push({ id: hasard.uuid(), ...dUnCandidat, role: "structure", ...c });
      contenu = { type: "structure", nom, siret: code, siretVerifie: null, departement: premier, contactStructure: c };
    } else {
      const politique = contact(k++);
      const technique = porteur || hasard.suivant() < 0.5 ? contact(k++) : null;
      lignes.push({ id: hasard.uuid(), ...dUnCandidat, role: "politique", ...politique });
      if (technique) lignes.push({ id: hasard.uuid(), ...dUnCandidat, role: "technique", ...technique });
      const identite = { type, code: code as string, nom, contactPolitique: politique, contactTechnique: technique };
      if (porteur) {
        // 0 to 12 partners named with their contact (collectivités of the perimeter and structures).
        const partenaires: PartenaireEnvoye[] = [];
        const nombrePartenaires = hasard.entier(13);
        for (let p = 1; p <= nombrePartenaires && lignes.length < reste; p++) {
          const typePartenaire = hasard.choisir(["commune", "commune", "commune", "epci", "structure"] as const);
          const nomPartenaire = `${organisation(typePartenaire, n * 100 + p)} (${prefixe})`;
          const codePartenaire = typePartenaire === "structure" ? null : `F${graine}-${n}-${p}`;
          const c = contact(k++);
          partenaires.push({
            type: typePartenaire,
            code: codePartenaire,
            nom: nomPartenaire,
            cle: cleDuCandidat({ type: typePartenaire, code: codePartenaire, nom: nomPartenaire, codeDepartement: null }),
            departements: deps,
            horsTerritoire: false,
            contact: c,
          });
          lignes.push({
            id: hasard.uuid(),
            ...commun,
            ...c,
            role: "partenaire",
            organisation: nomPartenaire,
            typologie: typePartenaire,
            codeSiret: null,
            codeInsee: codePartenaire,
            manifestation: "partenaire",
            nomPorteur: nom,
            departements: deps,
          });
        }
        contenu = { ...identite, type: type as "region" | "departement" | "epci", gouvernanceLocale: null, partenaires, contactsManquants: 0 };
      } else {
        contenu = identite as ContenuFormulaire;
      }
    }
    const formulaireEnvoye: Formulaire = {
      id: formulaireId,
      utilisateurId: proprietaire,
      persona: PERSONAS[type],
      intention: porteur ? "porter" : "participer",
      etat: "envoye",
      brouillon: {},
      contenu,
      candidatId,
      demonstration: true,
      creeLe,
      modifieLe: envoyeLe,
      envoyeLe,
    };
    // The last form is cut to the exact number asked.
    return { candidats: [candidat], formulaires: [formulaireEnvoye], lignes: lignes.slice(0, reste) };
  };

  let n = 0;
  while (bilan.lignes < nombre) {
    if (options.signal?.aborted) {
      bilan.complet = false;
      break;
    }
    const lot: Lot = { candidats: [], formulaires: [], lignes: [] };
    while (lot.lignes.length < lignesParLot && bilan.lignes + lot.lignes.length < nombre) {
      n += 1;
      const f = formulaire(n, Math.min(lignesParLot - lot.lignes.length, nombre - bilan.lignes - lot.lignes.length), bilan.lignes + lot.lignes.length + 1);
      lot.candidats.push(...f.candidats);
      lot.formulaires.push(...f.formulaires);
      lot.lignes.push(...f.lignes);
    }
    await db.transaction(async (tx) => {
      await tx.insert(candidats).values(lot.candidats);
      await tx.insert(formulairesManifestation).values(lot.formulaires);
      await tx.insert(contactsManifestation).values(lot.lignes);
    });
    bilan.lignes += lot.lignes.length;
    bilan.formulaires += lot.formulaires.length;
    bilan.candidats += lot.candidats.length;
    bilan.lots += 1;
    options.progression?.(bilan.lignes);
    // PGlite runs in this thread: let timers and signals through between batches.
    await ceder();
  }
  bilan.dureeMs = performance.now() - debut;
  return bilan;
}

/** Contact lines the national export holds: every line of the 101 départements (the export's own filter). */
export async function compterLignesNationales(db: BaseDeDonnees): Promise<number> {
  const codes = await departementsDuPerimetre(db);
  if (codes.length === 0) return 0;
  const [ligne] = await db
    .select({ n: sql<number>`count(*)` })
    .from(contactsManifestation)
    .where(sql`${contactsManifestation.departements} && array[${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )}]::text[]`);
  return Number(ligne?.n ?? 0);
}
