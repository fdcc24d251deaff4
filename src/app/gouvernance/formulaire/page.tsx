import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { redirect } from "next/navigation";
import { connexionApplication } from "@/db/connexion-application";
import { DEFINITIONS_PERSONAS, estPersona, INTENTIONS, LIBELLES_INTENTIONS, PERSONAS, type Persona } from "@/domain/candidatures/personas";
import { estContenuPorter, formulaireCourant, listesPourParticiper, type ContenuFormulaire, type Formulaire } from "@/services/manifestations";
import { formaterDate } from "@/ui/format";
import { messageErreur, type CodeErreur } from "@/ui/messages-erreur";
import { Page } from "@/ui/Page";
import { sessionCourante } from "../../session";
import { choisirLIntention, commencer, effacer } from "../actions";
import { FormulaireParticiper } from "./FormulaireParticiper";
import { PagePorter } from "./porter/PagePorter";

export const metadata: Metadata = { title: "Formulaire" };

const FIL = [{ libelle: "Participer à l'élaboration des feuilles de routes territoriales", chemin: "/gouvernance" }];
type Parametres = { persona?: string; changer?: string; effacer?: string; erreur?: string; etape?: string; page?: string; nombre?: string };

export default async function PageFormulaire({ searchParams }: { searchParams: Promise<Parametres> }) {
  const session = await sessionCourante();
  if (!session) redirect("/connexion");
  const parametres = await searchParams;
  const { db } = await connexionApplication();
  const courant = await formulaireCourant({ db, acteur: session.acteur });
  const f = courant.ok ? courant.valeur : null;
  const demandee = estPersona(parametres.persona) ? parametres.persona : null;
  const nombre = Number.parseInt(parametres.nombre ?? "", 10);
  const erreur =
    typeof parametres.erreur === "string" && parametres.erreur in ERREURS_CONNUES
      ? messageErreur(parametres.erreur as CodeErreur, Number.isFinite(nombre) ? { nombre } : {})
      : null;

  if (!f || parametres.changer || (demandee && f.etat === "brouillon" && demandee !== f.persona)) {
    return <ChoixDuFormulaire actuel={f} preselection={demandee ?? f?.persona ?? null} erreur={erreur} />;
  }
  const definition = DEFINITIONS_PERSONAS[f.persona];
  if (f.etat === "envoye") return <Confirmation formulaire={f} />;
  if (parametres.effacer) return <ConfirmerEffacement formulaire={f} />;

  if (f.intention === null) {
    return (
      <Page titre={definition.libelle} filAriane={FIL}>
        {erreur && <Alert severity="error" small description={erreur} className="fr-mb-3w" />}
        <form action={choisirLIntention.bind(null, f.id)}>
          <BoutonsRadio nom="intention" legende={`Que souhaite faire votre ${definition.court} ? *`} choix={INTENTIONS.map((i) => ({ valeur: i, libelle: LIBELLES_INTENTIONS[i] }))} />
          <button className="fr-btn" type="submit">
            Valider
          </button>
        </form>
        <LiensDuBrouillon />
      </Page>
    );
  }

  if (f.intention === "porter") {
    return (
      <PagePorter
        acteur={session.acteur}
        formulaire={f}
        filAriane={FIL}
        demandee={parametres.etape}
        page={parametres.page}
        erreur={erreur}
        liens={<LiensDuBrouillon />}
      />
    );
  }

  const listes = await listesPourParticiper(db, definition.typeCandidat, f.brouillon.departement);
  return (
    <Page titre={`${definition.libelle} — ${LIBELLES_INTENTIONS.participer}`} filAriane={FIL}>
      <p>Votre saisie s&apos;enregistre automatiquement : vous pouvez quitter cette page et y revenir plus tard.</p>
      <FormulaireParticiper id={f.id} type={definition.typeCandidat} court={definition.court} brouillon={f.brouillon} {...listes} />
      <LiensDuBrouillon />
    </Page>
  );
}

const ERREURS_CONNUES = {
  personaInconnue: 1,
  formulaireInconnu: 1,
  formulaireEnvoye: 1,
  intentionInvalide: 1,
  nonConnecte: 1,
  etapeInaccessible: 1,
  perimetreVide: 1,
  contactsManquants: 1,
  partenaireInconnu: 1,
  formulaireIncomplet: 1,
};

function LiensDuBrouillon() {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--tertiary fr-mt-5w">
      <li>
        <Link className="fr-btn fr-btn--tertiary" href="/gouvernance/formulaire?changer=1">
          Changer de formulaire
        </Link>
      </li>
      <li>
        <Link className="fr-btn fr-btn--tertiary" href="/gouvernance/formulaire?effacer=1">
          Effacer le formulaire
        </Link>
      </li>
    </ul>
  );
}

function ChoixDuFormulaire({ actuel, preselection, erreur }: { actuel: Formulaire | null; preselection: Persona | null; erreur: string | null }) {
  return (
    <Page titre="Choisissez votre formulaire" filAriane={FIL}>
      {erreur && <Alert severity="error" small description={erreur} className="fr-mb-3w" />}
      {actuel?.etat === "brouillon" && (
        <p>
          Vous avez un formulaire « {DEFINITIONS_PERSONAS[actuel.persona].libelle} » en cours : le reprendre garde votre saisie, en choisir un
          autre l&apos;efface. <Link href="/gouvernance/formulaire">Reprendre mon formulaire</Link>
        </p>
      )}
      <form action={commencer}>
        <BoutonsRadio nom="persona" legende="Vous êtes… *" choix={PERSONAS.map((p) => ({ valeur: p, libelle: DEFINITIONS_PERSONAS[p].libelle }))} coche={preselection} />
        <button className="fr-btn" type="submit">
          Valider
        </button>
      </form>
    </Page>
  );
}

function ConfirmerEffacement({ formulaire }: { formulaire: Formulaire }) {
  return (
    <Page titre="Effacer le formulaire ?" filAriane={FIL}>
      <p>Votre saisie du formulaire « {DEFINITIONS_PERSONAS[formulaire.persona].libelle} » sera effacée. Rien n&apos;a été envoyé à la préfecture.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/gouvernance/formulaire">
            Reprendre
          </Link>
        </li>
        <li>
          <form action={effacer.bind(null, formulaire.id)}>
            <button className="fr-btn" type="submit">
              Effacer le formulaire
            </button>
          </form>
        </li>
      </ul>
    </Page>
  );
}

function ligneContact(titre: string, c: { prenom: string; nom: string; fonction: string; email: string }) {
  return (
    <>
      <dt className="fr-text--bold">{titre}</dt>
      <dd>
        {c.prenom} {c.nom}, {c.fonction} — {c.email}
      </dd>
    </>
  );
}

function Resume({ contenu }: { contenu: ContenuFormulaire }) {
  if (estContenuPorter(contenu)) {
    const collectivites = contenu.partenaires.filter((p) => p.type !== "structure");
    const structures = contenu.partenaires.filter((p) => p.type === "structure");
    return (
      <>
        {contenu.contactsManquants > 0 && (
          <Alert
            severity="warning"
            small
            className="fr-mb-3w"
            description={`Votre feuille de route est marquée incomplète : il manque le contact de ${contenu.contactsManquants} collectivité${contenu.contactsManquants > 1 ? "s" : ""} partenaire${contenu.contactsManquants > 1 ? "s" : ""}. La préfecture de votre département vous contactera.`}
          />
        )}
        <dl>
          <dt className="fr-text--bold">Collectivité</dt>
          <dd>
            {contenu.nom} ({contenu.code})
          </dd>
          {ligneContact("Contact politique", contenu.contactPolitique)}
          {contenu.contactTechnique && ligneContact("Contact technique", contenu.contactTechnique)}
          <dt className="fr-text--bold">Périmètre de votre feuille de route</dt>
          <dd>
            {collectivites.length} collectivité{collectivites.length > 1 ? "s" : ""}
            {collectivites.some((c) => c.horsTerritoire) ? `, dont ${collectivites.filter((c) => c.horsTerritoire).length} hors territoire` : ""}
          </dd>
          <dt className="fr-text--bold">Autres structures impliquées</dt>
          <dd>{structures.length === 0 ? "Aucune" : structures.map((s) => s.nom).join(", ")}</dd>
        </dl>
      </>
    );
  }
  if (contenu.type === "structure") {
    return (
      <dl>
        <dt className="fr-text--bold">Structure</dt>
        <dd>{contenu.nom}</dd>
        <dt className="fr-text--bold">SIRET</dt>
        <dd>
          {contenu.siret ?? "Pas de SIRET"}
          {contenu.siret && contenu.siretVerifie === false ? " (non vérifié auprès du répertoire des entreprises)" : ""}
        </dd>
        <dt className="fr-text--bold">Département</dt>
        <dd>{contenu.departement}</dd>
        {ligneContact("Contact de la structure", contenu.contactStructure)}
      </dl>
    );
  }
  return (
    <dl>
      <dt className="fr-text--bold">Collectivité</dt>
      <dd>
        {contenu.nom} ({contenu.code})
      </dd>
      {ligneContact("Contact politique", contenu.contactPolitique)}
      {contenu.contactTechnique && ligneContact("Contact technique", contenu.contactTechnique)}
    </dl>
  );
}

function Confirmation({ formulaire }: { formulaire: Formulaire }) {
  return (
    <Page titre="Votre réponse a bien été envoyée !" filAriane={FIL}>
      <p>
        Formulaire « {DEFINITIONS_PERSONAS[formulaire.persona].libelle} », envoyé le {formulaire.envoyeLe ? formaterDate(formulaire.envoyeLe) : ""}. La
        préfecture de votre département en est informée ; un courriel de confirmation vous a été adressé.
      </p>
      {formulaire.contenu && <Resume contenu={formulaire.contenu} />}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <form action={commencer}>
            <input type="hidden" name="persona" value={formulaire.persona} />
            <button className="fr-btn" type="submit">
              Recommencer un formulaire
            </button>
          </form>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/gouvernance/formulaire?changer=1">
            Choisir un autre formulaire
          </Link>
        </li>
      </ul>
    </Page>
  );
}

/** A required choice among a few options, as design-system radio buttons. */
function BoutonsRadio({ nom, legende, choix, coche }: { nom: string; legende: string; choix: Array<{ valeur: string; libelle: string }>; coche?: string | null }) {
  return (
    <fieldset className="fr-fieldset" aria-labelledby={`${nom}-legende`}>
      <legend className="fr-fieldset__legend" id={`${nom}-legende`}>
        {legende}
      </legend>
      {choix.map((c) => (
        <div className="fr-fieldset__element" key={c.valeur}>
          <div className="fr-radio-group">
            <input type="radio" id={`${nom}-${c.valeur}`} name={nom} value={c.valeur} defaultChecked={c.valeur === coche} required />
            <label className="fr-label" htmlFor={`${nom}-${c.valeur}`}>
              {c.libelle}
            </label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
