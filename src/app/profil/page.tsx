import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { LIBELLES_ROLES } from "@/domain/identite/roles";
import { nommerPerimetres } from "@/services/territoires";
import { Page } from "@/ui/Page";
import { lireAbonnementResumes } from "@/services/resumes";
import { changerResumes, seDeconnecter, seDeconnecterPartout } from "../connexion/actions";
import { sessionCourante } from "../session";

export const metadata: Metadata = { title: "Mon profil" };

export default async function Profil() {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const { utilisateur } = session;
  const { db } = await connexionApplication();
  const perimetres = await nommerPerimetres(db, utilisateur.perimetres);
  const abonne = await lireAbonnementResumes(db, session.acteur);
  return (
    <Page titre="Mon profil">
      <dl>
        <dt className="fr-text--bold">Adresse e-mail</dt>
        <dd>{utilisateur.email}</dd>
        {(utilisateur.prenom || utilisateur.nom) && (
          <>
            <dt className="fr-text--bold">Nom</dt>
            <dd>{[utilisateur.prenom, utilisateur.nom].filter(Boolean).join(" ")}</dd>
          </>
        )}
        <dt className="fr-text--bold">Rôle</dt>
        <dd>{LIBELLES_ROLES[utilisateur.role]}</dd>
        {perimetres.length > 0 && (
          <>
            <dt className="fr-text--bold">Territoires</dt>
            <dd>
              <ul>
                {perimetres.map((p) => (
                  <li key={`${p.type}:${p.code}`}>
                    {p.type === "region" ? "Région" : "Département"} : {p.nom} ({p.code})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {abonne !== null && (
        <form action={changerResumes} className="fr-mt-4w">
          <fieldset className="fr-fieldset" aria-labelledby="resumes-legende">
            <legend className="fr-fieldset__legend" id="resumes-legende">
              Courriels
            </legend>
            <div className="fr-fieldset__element">
              <div className="fr-checkbox-group">
                <input type="checkbox" id="recevoir" name="recevoir" defaultChecked={abonne} />
                <label className="fr-label" htmlFor="recevoir">
                  Recevoir chaque matin le résumé des nouvelles candidatures de mes départements
                  <span className="fr-hint-text">Un seul courriel par jour, seulement quand il y a du nouveau.</span>
                </label>
              </div>
            </div>
          </fieldset>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Enregistrer ce choix
          </button>
        </form>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        <li>
          <form action={seDeconnecter}>
            <button className="fr-btn" type="submit">
              Se déconnecter
            </button>
          </form>
        </li>
        <li>
          <form action={seDeconnecterPartout}>
            <button className="fr-btn fr-btn--secondary" type="submit">
              Se déconnecter de tous les appareils
            </button>
          </form>
        </li>
      </ul>
    </Page>
  );
}
