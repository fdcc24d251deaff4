import type { Metadata } from "next";
import { connexionApplication } from "@/db/connexion-application";
import { listerCourriels, type Courriel } from "@/services/courriels";
import { formaterDate } from "@/ui/format";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../session";
import { pageRefusee } from "../refus";

export const metadata: Metadata = { title: "Courriels" };

const heure = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

function etatDEnvoi(c: Courriel): string {
  if (c.envoyeLe) return `envoyé à ${heure.format(c.envoyeLe)}`;
  if (c.tentatives === 0) return "non envoyé (pas de serveur de courrier)";
  return `non envoyé après ${c.tentatives} tentative${c.tentatives > 1 ? "s" : ""}${c.erreur ? ` (${c.erreur})` : ""}`;
}

export default async function Courriels() {
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await listerCourriels({ db, acteur: session?.acteur ?? null });
  if (!resultat.ok) return pageRefusee(resultat.erreur, "Courriels");
  return (
    <Page titre="Courriels" filAriane={[{ libelle: "Administration", chemin: "/administration" }]}>
      <p>
        Les messages que l&apos;application a écrits. Sans serveur de courrier configuré (démonstration sur la base embarquée), ils ne
        partent pas : ils sont lisibles ici seulement. Ils contiennent des liens de connexion : ne les transmettez pas.
      </p>
      {resultat.valeur.length === 0 ? (
        <p>Aucun courriel pour le moment.</p>
      ) : (
        resultat.valeur.map((c) => (
          <section key={c.id} className="fr-mb-4w">
            <h2 className="fr-h6 fr-mb-1w">{c.sujet}</h2>
            <p className="fr-text--sm fr-mb-1w">
              À {c.destinataire}, le {formaterDate(c.creeLe)} à {heure.format(c.creeLe)} — {etatDEnvoi(c)}
            </p>
            <pre className="fr-text--sm" style={{ whiteSpace: "pre-wrap" }}>
              {c.texte}
            </pre>
          </section>
        ))
      )}
    </Page>
  );
}
