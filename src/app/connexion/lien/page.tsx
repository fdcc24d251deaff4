import type { Metadata } from "next";
import { Page } from "@/ui/Page";
import { seConnecter } from "../actions";

export const metadata: Metadata = { title: "Connexion" };

/*
 * Opening the link does not log in by itself: mail scanners open links too. The person confirms
 * with a button, which sends the token by POST.
 */
export default async function Lien({ searchParams }: { searchParams: Promise<{ jeton?: string; suite?: string }> }) {
  const { jeton, suite } = await searchParams;
  return (
    <Page titre="Connexion à l'Espace France Numérique Ensemble" filAriane={[{ libelle: "Se connecter", chemin: "/connexion" }]}>
      {jeton ? (
        <form action={seConnecter}>
          <input type="hidden" name="jeton" value={jeton} />
          {typeof suite === "string" && <input type="hidden" name="suite" value={suite} />}
          <button className="fr-btn" type="submit">
            Me connecter
          </button>
        </form>
      ) : (
        <p>Ce lien est incomplet. Demandez un nouveau lien de connexion.</p>
      )}
    </Page>
  );
}
