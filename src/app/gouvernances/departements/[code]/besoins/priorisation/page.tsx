import type { Metadata } from "next";
import { PageEtape, TITRE_PRIORISATION, chargerBesoins, cheminBesoins, dateEnFrancais, phraseEcheance, raisonLectureSeule } from "../commun";
import { Priorisation } from "./Priorisation";

export const metadata: Metadata = { title: TITRE_PRIORISATION };

/** PRODUCT §7, step 2 of 2: the needs ranked from the most to the least important. */
export default async function PriorisationBesoins({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const charges = await chargerBesoins(code, TITRE_PRIORISATION);
  if ("refus" in charges) return charges.refus;
  const b = charges.besoins;
  const lectureSeule = raisonLectureSeule(b);
  return (
    <PageEtape besoins={b} numero={2}>
      <p>Classez vos besoins par ordre d&apos;importance, du plus au moins important, avec les boutons « Augmenter la priorité » et « Diminuer la priorité », puis confirmez.</p>
      {lectureSeule && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{lectureSeule}</p>
        </div>
      )}
      {!lectureSeule && b.cartes.length > 0 && (
        <div className="fr-notice fr-notice--info fr-mb-4w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {b.complete && b.classementEnregistreLe
                  ? `Classement enregistré le ${dateEnFrancais(b.classementEnregistreLe)}. Vous pouvez le modifier ${phraseEcheance(b)}.`
                  : "Classement à confirmer : vos besoins sont proposés dans l'ordre de la liste, ceux ajoutés depuis un classement précédent à la fin."}
              </p>
            </div>
          </div>
        </div>
      )}
      <Priorisation
        code={b.departement.code}
        cartes={b.cartes}
        version={b.version}
        modifiable={lectureSeule === null}
        cheminBesoins={cheminBesoins(b.departement.code)}
        cheminDepartement={`/gouvernances/departements/${b.departement.code}`}
        echeance={phraseEcheance(b)}
      />
    </PageEtape>
  );
}
