import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DEFINITIONS_PERSONAS, estPersona, LIBELLES_INTENTIONS } from "@/domain/candidatures/personas";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../session";
import { commencer, recevoirUnLien } from "../actions";
import { FormulaireConnexion } from "../../connexion/FormulaireConnexion";

export async function generateMetadata({ params }: { params: Promise<{ persona: string }> }): Promise<Metadata> {
  const { persona } = await params;
  return { title: estPersona(persona) ? DEFINITIONS_PERSONAS[persona].libelle : "Formulaire" };
}

export default async function PagePersona({ params }: { params: Promise<{ persona: string }> }) {
  const { persona } = await params;
  if (!estPersona(persona)) notFound();
  const definition = DEFINITIONS_PERSONAS[persona];
  const session = await sessionCourante();
  return (
    <Page titre={definition.libelle} filAriane={[{ libelle: "Participer à l'élaboration des feuilles de routes territoriales", chemin: "/gouvernance" }]} retour="/gouvernance">
      <p>
        {definition.peutPorter
          ? `Votre ${definition.court} peut porter une feuille de route territoriale ou participer à son élaboration. Vous choisirez au début du formulaire.`
          : `Indiquez à la préfecture que votre ${definition.court} souhaite ${LIBELLES_INTENTIONS.participer.toLowerCase()}.`}
      </p>
      <p>Le formulaire s&apos;enregistre à chaque saisie : vous pouvez le quitter et y revenir plus tard.</p>
      {session ? (
        <form action={commencer}>
          <input type="hidden" name="persona" value={persona} />
          <p>Vous êtes connecté(e) avec l&apos;adresse {session.utilisateur.email}.</p>
          <button className="fr-btn" type="submit">
            Commencer le formulaire
          </button>
        </form>
      ) : (
        <>
          <h2 className="fr-h4">Commencer</h2>
          <FormulaireConnexion
            action={recevoirUnLien.bind(null, persona)}
            libelle="Votre adresse e-mail"
            indication="Format attendu : prenom.nom@exemple.fr. Vous recevrez un lien de connexion valable 15 minutes."
            libelleBouton="Recevoir un lien pour commencer"
          />
        </>
      )}
    </Page>
  );
}
