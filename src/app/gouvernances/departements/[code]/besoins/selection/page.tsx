import type { Metadata } from "next";
import { PageEtape, TITRE_SELECTION, chargerBesoins, cheminBesoins, phraseEcheance, raisonLectureSeule } from "../commun";
import { FormulaireSelection } from "./FormulaireSelection";

export const metadata: Metadata = { title: TITRE_SELECTION };

/** PRODUCT §7, step 1 of 2: the needs of the gouvernance and, for each, what would serve it. */
export default async function SelectionBesoins({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const charges = await chargerBesoins(code, TITRE_SELECTION);
  if ("refus" in charges) return charges.refus;
  const b = charges.besoins;
  const lectureSeule = raisonLectureSeule(b);
  return (
    <PageEtape besoins={b} numero={1}>
      <p>Cochez les besoins de votre gouvernance ; pour chaque besoin des trois premiers objectifs, renseignez le type de financement qui pourrait y répondre.</p>
      {lectureSeule ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{lectureSeule}</p>
        </div>
      ) : (
        <div className="fr-notice fr-notice--info fr-mb-4w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                Vous pourrez classer vos besoins par priorité à l&apos;étape suivante. Ils restent modifiables {phraseEcheance(b)}.
              </p>
            </div>
          </div>
        </div>
      )}
      <p className="fr-text--sm">Les champs avec * sont obligatoires.</p>
      <FormulaireSelection code={b.departement.code} besoins={b.besoins} version={b.version} modifiable={lectureSeule === null} cheminBesoins={cheminBesoins(b.departement.code)} />
    </PageEtape>
  );
}
