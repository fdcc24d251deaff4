import type { Metadata } from "next";
import Link from "next/link";
import { CATEGORIES_BESOINS } from "@/domain/besoins/besoins";
import { Page } from "@/ui/Page";
import { TITRE_BESOINS, chargerBesoins, cheminBesoins, dateEnFrancais, filAriane, phraseEcheance, raisonLectureSeule } from "./commun";

export const metadata: Metadata = { title: TITRE_BESOINS };

/** PRODUCT §7: what the besoins en ingénierie financière are for, before the two steps. */
export default async function IntroductionBesoins({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const charges = await chargerBesoins(code, TITRE_BESOINS);
  if ("refus" in charges) return charges.refus;
  const b = charges.besoins;
  const lectureSeule = raisonLectureSeule(b);
  const chemin = cheminBesoins(b.departement.code);
  return (
    <Page titre={TITRE_BESOINS} filAriane={filAriane(b, false)}>
      <p className="fr-text--lead">
        {b.departement.nom} ({b.departement.code})
      </p>
      <p>Pour accompagner le déploiement des feuilles de route France Numérique Ensemble, l&apos;équipe nationale recense les besoins en ingénierie financière de chaque gouvernance. Ils portent sur quatre objectifs :</p>
      <ol>
        {CATEGORIES_BESOINS.map((c) => (
          <li key={c.id}>{c.libelle}</li>
        ))}
      </ol>
      <p>
        Pour chaque objectif, cochez les besoins de votre gouvernance et précisez, pour les trois premiers, si une ressource humaine ou une prestation de service y répondrait le mieux.
        L&apos;option « Autre » vous permet d&apos;ajouter un besoin qui n&apos;est pas dans la liste. À l&apos;étape suivante, vous classerez vos besoins par ordre de priorité.
      </p>
      <p>Vos réponses n&apos;engagent pas le département : elles permettent à l&apos;équipe nationale de préparer son accompagnement.</p>
      {lectureSeule ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{lectureSeule}</p>
        </div>
      ) : (
        <p className="fr-text--bold">Vos besoins sont modifiables {phraseEcheance(b)}.</p>
      )}
      {b.complete && b.classementEnregistreLe && <p>Besoins complétés le {dateEnFrancais(b.classementEnregistreLe)}.</p>}
      <p>
        <Link className="fr-btn" href={`${chemin}/selection`}>
          {lectureSeule ? "Voir les besoins de la gouvernance" : "Renseigner les besoins de ma gouvernance"}
        </Link>
      </p>
    </Page>
  );
}
