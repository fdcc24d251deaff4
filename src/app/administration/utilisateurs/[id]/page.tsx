import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { notFound } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { LIBELLES_ROLES } from "@/domain/identite/roles";
import { nommerPerimetres, listerRegionsEtDepartements } from "@/services/territoires";
import { historiqueUtilisateur, obtenirUtilisateur, ROLES_ATTRIBUABLES } from "@/services/utilisateurs";
import { formaterDate } from "@/ui/format";
import { Page } from "@/ui/Page";
import { Tableau } from "@/ui/Tableau";
import { sessionCourante } from "../../../session";
import { pageRefusee } from "../../refus";
import { changerEtat, modifier } from "../actions";
import { FormulaireAcces } from "../FormulaireAcces";
import { BoutonEtat } from "./BoutonEtat";

export const metadata: Metadata = { title: "Utilisateur" };

const heure = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

const LIBELLES_ACTIONS: Record<string, string> = {
  "utilisateur.creer": "Création du compte",
  "utilisateur.modifierAcces": "Changement de rôle ou de périmètre",
  "utilisateur.desactiver": "Désactivation",
  "utilisateur.reactiver": "Réactivation",
  "utilisateur.lierProConnect": "Première connexion avec ProConnect",
};

const MESSAGES: Record<string, string> = {
  invite: "Invitation envoyée : la personne peut se connecter.",
  modifie: "Accès modifié.",
  desactive: "Compte désactivé : ses sessions sont fermées.",
  reactive: "Compte réactivé.",
};

/** A readable form of a before/after value of the audit trail. */
function decrire(valeur: unknown): string {
  if (valeur === null || valeur === undefined) return "—";
  if (typeof valeur !== "object") return String(valeur);
  const v = valeur as { role?: string; perimetres?: Array<{ type: string; code: string }>; actif?: boolean; email?: string };
  const morceaux: string[] = [];
  if (v.email) morceaux.push(v.email);
  if (v.role) morceaux.push(LIBELLES_ROLES[v.role as keyof typeof LIBELLES_ROLES] ?? v.role);
  if (v.perimetres) morceaux.push(v.perimetres.length ? v.perimetres.map((p) => `${p.type === "region" ? "région" : "département"} ${p.code}`).join(", ") : "sans périmètre");
  if (v.actif !== undefined) morceaux.push(v.actif ? "actif" : "désactivé");
  return morceaux.join(" ; ") || JSON.stringify(valeur);
}

export default async function FicheUtilisateur({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const indications = await searchParams;
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await obtenirUtilisateur({ db, acteur: session?.acteur ?? null, id });
  if (!resultat.ok) {
    if (resultat.erreur === "utilisateurInconnu") notFound();
    return pageRefusee(resultat.erreur, "Utilisateur");
  }
  const u = resultat.valeur;
  const historique = await historiqueUtilisateur({ db, acteur: session?.acteur ?? null, id });
  const territoires = await listerRegionsEtDepartements(db);
  const perimetres = await nommerPerimetres(db, u.perimetres);
  const message = Object.keys(MESSAGES).find((cle) => indications[cle]);
  const soiMeme = session?.utilisateur.id === u.id;

  return (
    <Page
      titre={u.email}
      filAriane={[
        { libelle: "Administration", chemin: "/administration" },
        { libelle: "Utilisateurs", chemin: "/administration/utilisateurs" },
      ]}
      retour="/administration/utilisateurs"
    >
      {message && <Alert severity="success" small description={MESSAGES[message] as string} className="fr-mb-3w" />}
      <dl>
        <dt className="fr-text--bold">Nom</dt>
        <dd>{[u.prenom, u.nom].filter(Boolean).join(" ") || "Non renseigné"}</dd>
        <dt className="fr-text--bold">Rôle</dt>
        <dd>{LIBELLES_ROLES[u.role]}</dd>
        <dt className="fr-text--bold">Périmètre</dt>
        <dd>{perimetres.length ? perimetres.map((p) => `${p.nom} (${p.code})`).join(", ") : "National (aucun territoire)"}</dd>
        <dt className="fr-text--bold">État</dt>
        <dd>{u.actif ? "Actif" : "Désactivé"}</dd>
        <dt className="fr-text--bold">Compte créé le</dt>
        <dd>{formaterDate(u.creeLe)}</dd>
        <dt className="fr-text--bold">Dernière connexion</dt>
        <dd>{u.derniereConnexion ? `${formaterDate(u.derniereConnexion)} à ${heure.format(u.derniereConnexion)}` : "Jamais"}</dd>
      </dl>

      {!soiMeme && (
        <section className="fr-mt-5w">
          <h2 className="fr-h4">{u.actif ? "Désactiver" : "Réactiver"}</h2>
          <p>{u.actif ? "Un compte désactivé ne peut plus se connecter ; ses sessions ouvertes sont fermées." : "Le compte pourra de nouveau se connecter."}</p>
          <BoutonEtat action={changerEtat.bind(null, u.id, !u.actif)} actif={u.actif} />
        </section>
      )}

      {u.role !== "contact" && (
        <section className="fr-mt-5w">
          <h2 className="fr-h4">Modifier le rôle et le périmètre</h2>
          {soiMeme && <p>Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.</p>}
          <FormulaireAcces
            action={modifier.bind(null, u.id)}
            avecIdentite={false}
            libelleBouton="Enregistrer l'accès"
            roles={ROLES_ATTRIBUABLES}
            territoires={territoires}
            valeurs={{
              role: u.role,
              departements: u.perimetres.filter((p) => p.type === "departement").map((p) => p.code),
              regions: u.perimetres.filter((p) => p.type === "region").map((p) => p.code),
            }}
          />
        </section>
      )}

      <section className="fr-mt-5w">
        <h2 className="fr-h4">Historique</h2>
        {historique.ok && historique.valeur.length > 0 ? (
          <Tableau
            titre="Historique des changements de ce compte"
            colonnes={["Quand", "Qui", "Changement", "Avant", "Après"]}
            lignes={historique.valeur.map((h) => ({
              cle: h.id,
              cellules: [`${formaterDate(h.le)} à ${heure.format(h.le)}`, h.auteur, LIBELLES_ACTIONS[h.action] ?? h.action, decrire(h.avant), decrire(h.apres)],
            }))}
          />
        ) : (
          <p>Aucun changement enregistré.</p>
        )}
      </section>
    </Page>
  );
}
