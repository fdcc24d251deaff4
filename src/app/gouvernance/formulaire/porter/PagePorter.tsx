import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { connexionApplication } from "@/db/connexion-application";
import { ETAPES_PORTER, etapeAffichee, etapesAccessibles, titreEtape, type EtapePorter } from "@/domain/candidatures/etapes";
import { cleDePartenaire } from "@/domain/candidatures/perimetre";
import { DEFINITIONS_PERSONAS, LIBELLES_INTENTIONS } from "@/domain/candidatures/personas";
import { listesPourParticiper, type Contact, type Formulaire } from "@/services/manifestations";
import { lirePorter, type EtatPorter } from "@/services/porter";
import type { Acteur } from "@/domain/identite/roles";
import { Page } from "@/ui/Page";
import { Pagination } from "@/ui/Pagination";
import { envoyerLaFeuilleDeRoute, supprimerLaStructure, terminerLEtape } from "../../actions-porter";
import { FormulaireParticiper } from "../FormulaireParticiper";
import { CarteContact, FormulaireStructure } from "./Cartes";
import { SelecteurPerimetre } from "./SelecteurPerimetre";

/*
 * The "porter" form, one step per visit of /gouvernance/formulaire?etape=…: the step shown is the
 * one asked for when it is reachable, else the current one (the first not done).
 */

const ADRESSE = "/gouvernance/formulaire";
const CONTACTS_PAR_PAGE = 20;
const lienEtape = (etape: EtapePorter, extra = "") => `${ADRESSE}?etape=${etape}${extra}`;

export async function PagePorter(props: {
  acteur: Acteur;
  formulaire: Formulaire;
  filAriane: { libelle: string; chemin: string }[];
  demandee: string | undefined;
  erreur: string | null;
  page: string | undefined;
  liens: ReactNode;
}) {
  const f = props.formulaire;
  const definition = DEFINITIONS_PERSONAS[f.persona];
  const { db } = await connexionApplication();
  const lu = await lirePorter({ db, acteur: props.acteur, id: f.id });
  if (!lu.ok) return <Alert severity="error" title="Formulaire indisponible" description="Rechargez la page." />;
  const etat = lu.valeur;
  const code = f.brouillon.code;
  const etape = etapeAffichee(props.demandee, f.etapes, code);
  const accessibles = etapesAccessibles(f.etapes, code);
  const numero = ETAPES_PORTER.indexOf(etape) + 1;
  const suivante = ETAPES_PORTER[numero];

  return (
    <Page titre={`${definition.libelle} — ${LIBELLES_INTENTIONS.porter}`} filAriane={props.filAriane}>
      <div className="fr-stepper">
        <h2 className="fr-stepper__title">
          {titreEtape(etape, definition.court)}
          <span className="fr-stepper__state">
            Étape {numero} sur {ETAPES_PORTER.length}
          </span>
        </h2>
        <div className="fr-stepper__steps" data-fr-current-step={numero} data-fr-steps={ETAPES_PORTER.length} />
        {suivante && (
          <p className="fr-stepper__details">
            <span className="fr-text--bold">Étape suivante :</span> {titreEtape(suivante, definition.court)}
          </p>
        )}
      </div>
      {accessibles.length > 1 && (
        <nav aria-label="Étapes du formulaire" className="fr-mb-3w">
          <ol className="fr-text--sm">
            {accessibles.map((e) => (
              <li key={e}>
                {e === etape ? (
                  <span aria-current="step" className="fr-text--bold">
                    {titreEtape(e, definition.court)} (étape affichée)
                  </span>
                ) : (
                  <Link href={lienEtape(e)}>{titreEtape(e, definition.court)}</Link>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <p className="fr-text--sm">Votre saisie s&apos;enregistre automatiquement : vous pouvez quitter cette page et y revenir plus tard.</p>
      {props.erreur && <Alert severity="error" small description={props.erreur} className="fr-mb-3w" />}

      {etape === "informations" && <EtapeInformations formulaire={f} />}
      {etape === "perimetre" && <EtapePerimetre etat={etat} />}
      {etape === "contacts" && <EtapeContacts etat={etat} page={props.page} />}
      {etape === "structures" && <EtapeStructures etat={etat} />}
      {etape === "recapitulatif" && <Recapitulatif etat={etat} />}
      {props.liens}
    </Page>
  );
}

async function EtapeInformations({ formulaire }: { formulaire: Formulaire }) {
  const { db } = await connexionApplication();
  const definition = DEFINITIONS_PERSONAS[formulaire.persona];
  const listes = await listesPourParticiper(db, definition.typeCandidat, formulaire.brouillon.departement);
  return <FormulaireParticiper id={formulaire.id} type={definition.typeCandidat} court={definition.court} brouillon={formulaire.brouillon} porter {...listes} />;
}

function EtapePerimetre({ etat }: { etat: EtatPorter }) {
  const { formulaire, territoire } = etat;
  if (!territoire) return <Alert severity="warning" small description="Choisissez d'abord votre collectivité à l'étape 1." />;
  return (
    <>
      <p>
        Cochez les collectivités qui participeront à votre feuille de route : les EPCI et les communes de votre territoire, et, si besoin, des collectivités hors de votre
        territoire. Chaque case cochée est enregistrée aussitôt.
      </p>
      <SelecteurPerimetre
        id={formulaire.id}
        territoire={territoire}
        soi={cleDePartenaire(etat.typePorteur, territoire.porteur.code)}
        selection={etat.collectivites.map((c) => c.cle)}
        horsTerritoire={etat.collectivites.filter((c) => c.horsTerritoire).map((c) => ({ cle: c.cle, nom: c.nom, detail: c.detail }))}
        terminer={terminerLEtape.bind(null, formulaire.id, "perimetre")}
      />
    </>
  );
}

function EtapeContacts({ etat, page }: { etat: EtatPorter; page: string | undefined }) {
  const { formulaire, collectivites } = etat;
  const completes = collectivites.filter((c) => c.contact).length;
  const pages = Math.max(1, Math.ceil(collectivites.length / CONTACTS_PAR_PAGE));
  const numero = Math.min(Math.max(1, Number.parseInt(page ?? "1", 10) || 1), pages);
  const visibles = collectivites.slice((numero - 1) * CONTACTS_PAR_PAGE, numero * CONTACTS_PAR_PAGE);
  return (
    <>
      <p>Indiquez, pour chaque collectivité de votre périmètre, la personne à contacter. Chaque contact s&apos;enregistre avec son bouton « Enregistrer ».</p>
      <p className="fr-badge fr-badge--info fr-mb-3w">
        {completes}/{collectivites.length} contacts complétés
      </p>
      {visibles.map((c) => (
        <CarteContact key={c.cle} formulaire={formulaire.id} cle={c.cle} nom={c.nom} detail={c.detail} horsTerritoire={c.horsTerritoire} contact={c.contact} />
      ))}
      <Pagination page={numero} pages={pages} lien={(n) => lienEtape("contacts", `&page=${n}`)} libelle="Pagination des contacts" />
      <form action={terminerLEtape.bind(null, formulaire.id, "contacts")} className="fr-mt-5w">
        <div className="fr-checkbox-group fr-mb-3w">
          <input type="checkbox" id="contacts-plus-tard" name="contactsPlusTard" defaultChecked={formulaire.brouillon.contactsPlusTard === true} />
          <label className="fr-label" htmlFor="contacts-plus-tard">
            Je souhaite porter une feuille de route, mais je n&apos;ai pas encore les contacts de mes partenaires territoriaux
            <span className="fr-hint-text">Vous pourrez envoyer votre formulaire : il sera marqué incomplet et le récapitulatif listera les contacts manquants.</span>
          </label>
        </div>
        <button type="submit" className="fr-btn">
          Étape suivante
        </button>
      </form>
    </>
  );
}

function EtapeStructures({ etat }: { etat: EtatPorter }) {
  const { formulaire, structures } = etat;
  return (
    <>
      <p>Associations, opérateurs de services publics, entreprises… : ajoutez les autres structures impliquées dans votre feuille de route, avec leur contact.</p>
      {structures.length === 0 ? (
        <p className="fr-text--bold">Aucune structure ajoutée pour le moment.</p>
      ) : (
        <ul className="fr-raw-list">
          {structures.map((s) => (
            <li key={s.code} className="fr-mb-4w">
              <FormulaireStructure formulaire={formulaire.id} code={s.code} nom={s.nom} contact={s.contact} titre={s.nom} />
              <form action={supprimerLaStructure.bind(null, formulaire.id, s.code)}>
                <button type="submit" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left">
                  Supprimer la structure {s.nom}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <div className="fr-mt-3w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
        <FormulaireStructure formulaire={formulaire.id} code={null} titre="Ajouter une structure" />
      </div>
      <form action={terminerLEtape.bind(null, formulaire.id, "structures")} className="fr-mt-5w">
        <button type="submit" className="fr-btn">
          {structures.length === 0 ? "Passer cette étape" : "Étape suivante"}
        </button>
      </form>
    </>
  );
}

function texteContact(c: Contact) {
  return `${c.prenom} ${c.nom}, ${c.fonction} — ${c.email}`;
}

function Section({ titre, etape, children }: { titre: string; etape: EtapePorter; children: ReactNode }) {
  return (
    <section className="fr-mb-5w">
      <h3 className="fr-h5">
        {titre}{" "}
        <Link className="fr-link fr-text--sm fr-ml-2w" href={lienEtape(etape)}>
          Modifier<span className="fr-sr-only"> : {titre}</span>
        </Link>
      </h3>
      {children}
    </section>
  );
}

function Recapitulatif({ etat }: { etat: EtatPorter }) {
  const { formulaire, collectivites, structures } = etat;
  const b = formulaire.brouillon;
  const definition = DEFINITIONS_PERSONAS[formulaire.persona];
  const manquants = collectivites.filter((c) => !c.contact);
  const parType = (type: string) => collectivites.filter((c) => c.type === type && !c.horsTerritoire).length;
  const hors = collectivites.filter((c) => c.horsTerritoire);
  return (
    <>
      <Section titre={titreEtape("informations", definition.court)} etape="informations">
        <dl>
          <dt className="fr-text--bold">Votre {definition.court}</dt>
          <dd>
            {etat.territoire?.porteur.nom} ({b.code})
          </dd>
          <dt className="fr-text--bold">Contact politique</dt>
          <dd>{b.contactPolitique ? `${b.contactPolitique.prenom ?? ""} ${b.contactPolitique.nom ?? ""}, ${b.contactPolitique.fonction ?? ""} — ${b.contactPolitique.email ?? ""}` : "—"}</dd>
          {b.avecContactTechnique && b.contactTechnique && (
            <>
              <dt className="fr-text--bold">Contact technique</dt>
              <dd>{`${b.contactTechnique.prenom ?? ""} ${b.contactTechnique.nom ?? ""}, ${b.contactTechnique.fonction ?? ""} — ${b.contactTechnique.email ?? ""}`}</dd>
            </>
          )}
          <dt className="fr-text--bold">Schéma ou gouvernance locale relative à l&apos;inclusion numérique</dt>
          <dd>{b.gouvernanceLocale?.trim() || "Non renseigné"}</dd>
        </dl>
      </Section>
      <Section titre="Périmètre de votre feuille de route" etape="perimetre">
        <ul>
          {parType("departement") > 0 && <li>{parType("departement")} département(s)</li>}
          <li>{parType("epci")} EPCI</li>
          <li>{parType("commune")} commune(s)</li>
          {hors.length > 0 && <li>{hors.length} collectivité(s) hors territoire : {hors.map((h) => h.nom).join(", ")}</li>}
        </ul>
      </Section>
      <Section titre="Contacts des collectivités partenaires" etape="contacts">
        <p>
          {collectivites.length - manquants.length}/{collectivites.length} contacts complétés
        </p>
        {manquants.length > 0 && (
          <div className="fr-alert fr-alert--warning fr-alert--sm">
            <p className="fr-text--bold">
              {manquants.length === 1 ? "Un contact manque" : `${manquants.length} contacts manquent`} : vous pouvez envoyer votre formulaire, il sera marqué incomplet.
            </p>
            <ul>
              {manquants.slice(0, 30).map((m) => (
                <li key={m.cle}>
                  {m.nom} ({m.detail})
                </li>
              ))}
              {manquants.length > 30 && <li>… et {manquants.length - 30} autres</li>}
            </ul>
          </div>
        )}
      </Section>
      <Section titre="Autres structures impliquées" etape="structures">
        {structures.length === 0 ? (
          <p>Aucune structure.</p>
        ) : (
          <ul>
            {structures.map((s) => (
              <li key={s.code}>
                {s.nom}
                {s.contact ? ` : ${texteContact(s.contact)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <form action={envoyerLaFeuilleDeRoute.bind(null, formulaire.id)}>
        <button type="submit" className="fr-btn">
          Confirmer &amp; envoyer
        </button>
      </form>
    </>
  );
}
