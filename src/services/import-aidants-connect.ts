import { communes, structuresAidantsConnect } from "@/db/schema";
import { lireEnteteAidantsConnect, lireLigneAidantsConnect, type StructureAidantsConnect } from "@/domain/donnees/aidants-connect";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { bilanSiInchange, ecrireJeu, enteteAttendu, insererParLots, lignesRejetees, lireCsv, rejeter, type BilanImport, type ErreurImport, type LigneDeRapport, type ParametresImport, bilanDImport } from "./import-commun";
import { resolveurDeCommunes } from "./resolution-communes";

/*
 * Import of the Aidants Connect structures: every line checked (a bad one goes to the report with
 * its reason), the commune found from the INSEE code (arrondissements and former communes brought
 * to the current commune) or else from the postal code and city, one row per structure UUID.
 */

export const NATURE_AIDANTS_CONNECT = "aidants-connect";

export async function importerAidantsConnect(p: ParametresImport): Promise<Resultat<BilanImport, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const [unecommune] = await db.select({ code: communes.code }).from(communes).limit(1);
  if (!unecommune) return echec("territoiresAbsents");
  const resoudre = await resolveurDeCommunes(db);
  const rapports: LigneDeRapport[] = [];
  const structures: Array<StructureAidantsConnect & { codeCommune: string }> = [];
  const vus = new Set<string>();
  let corrigees = 0;
  const lu = await lireCsv({
    source: p.source,
    rapports,
    progression,
    entete: (champs) => enteteAttendu(lireEnteteAidantsConnect(champs)),
    ligne: (champs, numero, positions) => {
      const l = lireLigneAidantsConnect(champs, positions);
      if (!l.ok) {
        rejeter(rapports, numero, l.problemes);
        return;
      }
      const s = l.structure;
      if (vus.has(s.identifiant)) {
        rapports.push({ nature: "rejet", ligne: numero, champ: "UUID", valeur: s.identifiant, raison: "Structure déjà présente plus haut dans le fichier : la première ligne est gardée." });
        return;
      }
      const commune = resoudre({ codeInsee: s.codeInsee, codePostal: s.codePostal, nom: s.ville });
      if (!commune) {
        rapports.push({ nature: "rejet", ligne: numero, champ: "City Insee Code", valeur: s.codeInsee, raison: "Commune introuvable par son code INSEE, ni par son code postal et son nom." });
        return;
      }
      vus.add(s.identifiant);
      const corrections = [...l.corrections, ...(commune.via ? [{ champ: "City Insee Code", valeur: s.codeInsee, raison: commune.via }] : [])];
      if (corrections.length) {
        corrigees += 1;
        for (const c of corrections) rapports.push({ nature: "correction", ligne: numero, ...c });
      }
      structures.push({ ...s, codeCommune: commune.code });
    },
  });
  if (!lu.ok) return echec(lu.erreur, { detail: lu.detail });
  const inchange = p.forcer ? null : await bilanSiInchange({ db, nature: NATURE_AIDANTS_CONNECT, empreinte: lu.empreinte, fichier: p.source.nom, lignesLues: lu.lignesLues, progression });
  if (inchange) return succes(inchange);
  const rejetees = lignesRejetees(rapports);
  const jeu = await ecrireJeu({
    db,
    nature: NATURE_AIDANTS_CONNECT,
    source: "Aidants Connect — statistiques publiques des structures",
    fichier: p.source.nom,
    empreinte: lu.empreinte,
    maintenant: p.maintenant,
    comptes: { acceptees: lu.lignesLues - rejetees, corrigees, rejetees },
    rapports,
    remplir: (jeuId) =>
      insererParLots(structures, (lot) =>
        db.insert(structuresAidantsConnect).values(
          lot.map((s) => ({
            jeuDeDonneesId: jeuId,
            identifiant: s.identifiant,
            nom: s.nom,
            active: s.active,
            codeCommune: s.codeCommune,
            siret: s.siret,
            franceServices: s.franceServices,
            aidants: s.aidants,
            usagersUniques: s.usagersUniques,
            demarches: s.demarches,
            demarchesParTheme: s.demarchesParTheme,
            provenance: "import",
          })),
        ),
      ),
  });
  const bilan = bilanDImport({ jeu, fichier: p.source.nom, lignesLues: lu.lignesLues, corrigees, rejetees, enregistrees: structures.length, sansDonnees: 0, rapports });
  progression(
    `Aidants Connect : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées (dont ${corrigees.toLocaleString("fr-FR")} corrigées), ${rejetees.toLocaleString("fr-FR")} rejetées ; ${structures.length.toLocaleString("fr-FR")} structures.`,
  );
  return succes(bilan);
}
