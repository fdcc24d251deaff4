"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { verifierSiret } from "@/domain/candidatures/siret";
import type { ContenusSections, Membre, Recruteur, TypeMembre } from "@/domain/gouvernance/formulaire";
import type { CandidatDeLaGouvernance } from "@/services/gouvernance";
import type { CollectiviteTrouvee } from "@/services/porter";
import { rechercherUneCollectivite } from "./actions";
import { Choix, GroupeDeChoix } from "./champs";
import type { ContexteFormulaire } from "./FormulaireGouvernance";
import type { ProprietesEditeur } from "./sections";

/*
 * Sections 2, 3 and 6: the co-porteurs, the members and the structures recruiting the coordinateurs
 * of the conseillers numériques. Candidates come with their badge ("Candidat porteur" / "Souhaite
 * participer"); the préfecture may add a collectivité of the reference or a structure by its SIRET.
 * A member holding a role (co-porteur, porteur of a feuille de route) cannot be unticked.
 */

const LIBELLES_ROLES = { coPorteur: "Co-porteur de la gouvernance", porteur: "Porteur d'une feuille de route", "coPorteur et porteur": "Co-porteur et porteur d'une feuille de route" } as const;

const MESSAGES_SIRET = {
  siretVide: "Indiquez le SIRET de la structure.",
  siretFormat: "Un SIRET compte 14 chiffres (exemple : 130 025 265 00013).",
  siretCle: "Ce SIRET n'est pas valide : vérifiez les 14 chiffres.",
} as const;

export function BadgeCandidat({ intention }: { intention: "porter" | "participer" | "prefecture" }) {
  if (intention === "porter") return <span className="fr-badge fr-badge--sm fr-badge--blue-ecume fr-ml-1w">Candidat porteur</span>;
  if (intention === "participer") return <span className="fr-badge fr-badge--sm fr-badge--green-emeraude fr-ml-1w">Souhaite participer</span>;
  return <span className="fr-badge fr-badge--sm fr-ml-1w">Ajouté par la préfecture</span>;
}

function BadgeDemo({ visible }: { visible: boolean }) {
  return visible ? <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">Démonstration — fictif</span> : null;
}

/** The badge of a member: its candidacy, or "Ajouté par la préfecture". */
function intentionDe(m: Pick<Membre, "cle" | "origine">, candidats: readonly CandidatDeLaGouvernance[]): "porter" | "participer" | "prefecture" {
  return candidats.find((c) => c.cle === m.cle)?.intention ?? (m.origine === "candidat" ? "participer" : "prefecture");
}

const idSur = (prefixe: string, cle: string) => `${prefixe}-${cle.replace(/[^A-Za-z0-9_-]/g, "-")}`;

function membreDuCandidat(c: CandidatDeLaGouvernance): Membre {
  return { cle: c.cle, nom: c.nom, type: c.type, origine: "candidat" };
}

/** Everyone a role can be given to: the candidates, then the members the préfecture added. */
export function choixPossibles(contexte: ContexteFormulaire): Array<{ cle: string; nom: string; intention: "porter" | "participer" | "prefecture"; demonstration: boolean }> {
  const candidats = contexte.candidats.map((c) => ({ cle: c.cle, nom: c.nom, intention: c.intention, demonstration: c.demonstration }));
  const ajoutes = contexte.membres.filter((m) => !contexte.candidats.some((c) => c.cle === m.cle)).map((m) => ({ cle: m.cle, nom: m.nom, intention: intentionDe(m, contexte.candidats), demonstration: false }));
  return [...candidats, ...ajoutes];
}

export function EditeurCoPorteurs({ valeur, changer, contexte }: ProprietesEditeur<"coPorteurs">) {
  const possibles = choixPossibles(contexte);
  return (
    <>
      <GroupeDeChoix chemin="sansCoPorteur" legende="La préfecture porte-t-elle seule la gouvernance ?">
        <Choix
          type="checkbox"
          id="sans-co-porteur"
          nom="sansCoPorteur"
          libelle="Pas de co-porteur de la gouvernance"
          indication="La préfecture porte seule la gouvernance."
          coche={valeur.sansCoPorteur}
          changer={(coche) => changer({ sansCoPorteur: coche, coPorteurs: coche ? [] : valeur.coPorteurs })}
        />
      </GroupeDeChoix>
      <GroupeDeChoix chemin="coPorteurs" legende="Co-porteurs de la gouvernance" indication="Il sera possible d'indiquer plus d'un co-porteur. Un co-porteur devient membre de la gouvernance.">
        {possibles.length === 0 && <p className="fr-text--sm fr-ml-1w">Aucun acteur de votre territoire ne s&apos;est manifesté : ajoutez d&apos;abord des membres, ou cochez « Pas de co-porteur de la gouvernance ».</p>}
        {possibles.map((p) => (
          <Choix
            key={p.cle}
            type="checkbox"
            id={idSur("co-porteur", p.cle)}
            nom="coPorteurs"
            libelle={
              <>
                {p.nom}
                <BadgeCandidat intention={p.intention} />
                <BadgeDemo visible={p.demonstration} />
              </>
            }
            coche={valeur.coPorteurs.includes(p.cle)}
            desactive={valeur.sansCoPorteur}
            changer={(coche) => changer({ ...valeur, coPorteurs: coche ? [...valeur.coPorteurs, p.cle] : valeur.coPorteurs.filter((c) => c !== p.cle) })}
          />
        ))}
      </GroupeDeChoix>
    </>
  );
}

export function ResumeCoPorteurs({ contenu, contexte }: { contenu: ContenusSections["coPorteurs"] | null; contexte: ContexteFormulaire }) {
  if (!contenu) return <p className="fr-text--sm">Aucun co-porteur renseigné.</p>;
  if (contenu.sansCoPorteur) return <p>Pas de co-porteur de la gouvernance : la préfecture porte seule la gouvernance.</p>;
  if (contenu.coPorteurs.length === 0) return <p className="fr-text--sm">Aucun co-porteur renseigné.</p>;
  const noms = new Map([...contexte.candidats.map((c) => [c.cle, c.nom] as const), ...contexte.membres.map((m) => [m.cle, m.nom] as const)]);
  return (
    <ul>
      {contenu.coPorteurs.map((c) => (
        <li key={c}>{noms.get(c) ?? c}</li>
      ))}
    </ul>
  );
}

export function EditeurMembres({ valeur, changer, contexte }: ProprietesEditeur<"membres">) {
  const titreAjoutes = useRef<HTMLHeadingElement>(null);
  const cles = new Set(valeur.membres.map((m) => m.cle));
  const ajouter = (m: Membre) => {
    if (!cles.has(m.cle)) changer({ membres: [...valeur.membres, m] });
  };
  const retirer = (cle: string) => changer({ membres: valeur.membres.filter((m) => m.cle !== cle) });
  const ajoutes = valeur.membres.filter((m) => !contexte.candidats.some((c) => c.cle === m.cle));
  return (
    <>
      <GroupeDeChoix
        chemin="membres"
        legende="Collectivités et structures candidates"
        indication="Renseignez, parmi les collectivités et structures volontaires ou suggérées, celles qui feront partie de la gouvernance."
      >
        {contexte.candidats.length === 0 && <p className="fr-text--sm fr-ml-1w">Aucun acteur de votre territoire ne s&apos;est manifesté. Ajoutez les membres ci-dessous.</p>}
        {contexte.candidats.map((c) => {
          const role = contexte.membresProteges.get(c.cle);
          const protege = Boolean(role) && contexte.membres.some((m) => m.cle === c.cle);
          return (
            <Choix
              key={c.cle}
              type="checkbox"
              id={idSur("membre", c.cle)}
              nom="membres"
              libelle={
                <>
                  {c.nom}
                  <BadgeCandidat intention={c.intention} />
                  <BadgeDemo visible={c.demonstration} />
                </>
              }
              indication={protege && role ? `${LIBELLES_ROLES[role]} : ne peut pas être retiré.` : undefined}
              coche={cles.has(c.cle)}
              desactive={protege && cles.has(c.cle)}
              changer={(coche) => (coche ? ajouter(membreDuCandidat(c)) : retirer(c.cle))}
            />
          );
        })}
      </GroupeDeChoix>

      <h3 className="fr-h6 fr-mt-3w" ref={titreAjoutes} tabIndex={-1}>
        Ajoutés par la préfecture
      </h3>
      {ajoutes.length === 0 ? (
        <p className="fr-text--sm">Aucun membre ajouté par la préfecture.</p>
      ) : (
        <ul className="fr-raw-list fr-mb-2w">
          {ajoutes.map((m) => {
            const role = contexte.membresProteges.get(m.cle);
            return (
              <li key={m.cle} className="fr-mb-1w">
                {m.nom}
                {m.siret && <span className="fr-text--sm"> (SIRET {m.siret})</span>}
                <BadgeCandidat intention={intentionDe(m, contexte.candidats)} />
                {role ? (
                  <span className="fr-text--sm fr-ml-1w">{LIBELLES_ROLES[role]} : ne peut pas être retiré.</span>
                ) : (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-ml-1w"
                    onClick={() => {
                      retirer(m.cle);
                      titreAjoutes.current?.focus();
                    }}
                  >
                    Retirer {m.nom}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <RechercheCollectivite code={contexte.code} dejaChoisies={cles} ajouter={(c) => ajouter({ cle: `collectivite:${c.cle}`, nom: c.nom, type: c.cle.split(":")[0] as TypeMembre, origine: "prefecture" })} />
      <AjoutStructure
        dejaChoisies={cles}
        titre="Ajouter une structure par son SIRET"
        ajouter={(siret, nom) => ajouter({ cle: `siret:${siret}`, nom, type: "structure", origine: "prefecture", siret })}
      />
    </>
  );
}

export function ResumeMembres({ contenu, contexte }: { contenu: ContenusSections["membres"] | null; contexte: ContexteFormulaire }) {
  if (!contenu || contenu.membres.length === 0) return <p className="fr-text--sm">Aucun membre renseigné.</p>;
  return (
    <ul>
      {contenu.membres.map((m) => {
        const role = contexte.membresProteges.get(m.cle);
        return (
          <li key={m.cle}>
            {m.nom}
            <BadgeCandidat intention={intentionDe(m, contexte.candidats)} />
            {role && <span className="fr-text--sm"> — {LIBELLES_ROLES[role]}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function RechercheCollectivite({ code, dejaChoisies, ajouter }: { code: string; dejaChoisies: ReadonlySet<string>; ajouter: (c: CollectiviteTrouvee) => void }) {
  const id = useId();
  const champ = useRef<HTMLInputElement>(null);
  const [texte, setTexte] = useState("");
  const [etat, setEtat] = useState<{ resultats: CollectiviteTrouvee[] | null; message: string | null; enCours: boolean }>({ resultats: null, message: null, enCours: false });
  async function rechercher(e?: FormEvent) {
    e?.preventDefault();
    setEtat({ resultats: null, message: null, enCours: true });
    try {
      const r = await rechercherUneCollectivite(code, texte);
      setEtat(r.ok ? { resultats: r.resultats, message: null, enCours: false } : { resultats: null, message: r.message, enCours: false });
    } catch {
      setEtat({ resultats: null, message: "La recherche n'a pas abouti : vérifiez votre connexion, puis réessayez.", enCours: false });
    }
  }
  return (
    <div className="fr-mt-3w" role="search" aria-labelledby={`${id}-titre`}>
      <h3 className="fr-h6" id={`${id}-titre`}>
        Ajouter une collectivité
      </h3>
      <div className={`fr-input-group${etat.message ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor={`${id}-texte`}>
          Nom, code postal ou code officiel de la collectivité
          <span className="fr-hint-text">Région, département, EPCI ou commune, de 2 à 60 caractères.</span>
        </label>
        <div className="fr-grid-row" style={{ gap: "0.5rem" }}>
          <input
            ref={champ}
            className={`fr-input${etat.message ? " fr-input--error" : ""}`}
            aria-invalid={etat.message ? true : undefined}
            style={{ flex: 1 }}
            id={`${id}-texte`}
            value={texte}
            onChange={(e) => setTexte(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") void rechercher(e);
            }}
            aria-describedby={etat.message ? `${id}-erreur` : undefined}
            maxLength={60}
          />
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => void rechercher()} disabled={etat.enCours}>
            Rechercher
          </button>
        </div>
        {etat.message && (
          <p className="fr-error-text" id={`${id}-erreur`}>
            {etat.message}
          </p>
        )}
      </div>
      <p className="fr-text--sm fr-mb-1w" role="status">
        {etat.enCours && "Recherche…"}
        {etat.resultats && etat.resultats.length === 0 && `Aucune collectivité ne correspond à « ${texte} ».`}
        {etat.resultats && etat.resultats.length > 0 && (etat.resultats.length === 1 ? "1 collectivité trouvée" : `${etat.resultats.length} collectivités trouvées`)}
      </p>
      {etat.resultats && etat.resultats.length > 0 && (
        <ul className="fr-raw-list">
          {etat.resultats.map((c) => {
            const deja = dejaChoisies.has(`collectivite:${c.cle}`);
            return (
              <li key={c.cle} className="fr-mb-1w">
                {c.nom} <span className="fr-text--sm">({c.detail})</span>{" "}
                {deja ? (
                  <span className="fr-badge fr-badge--sm fr-badge--success">Déjà membre</span>
                ) : (
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--tertiary"
                    onClick={() => {
                      ajouter(c);
                      champ.current?.focus();
                    }}
                  >
                    Ajouter {c.nom}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function AjoutStructure({ dejaChoisies, titre, ajouter }: { dejaChoisies: ReadonlySet<string>; titre: string; ajouter: (siret: string, nom: string) => void }) {
  const id = useId();
  const [siret, setSiret] = useState("");
  const [nom, setNom] = useState("");
  const [erreurs, setErreurs] = useState<{ siret?: string; nom?: string }>({});
  const champSiret = useRef<HTMLInputElement>(null);
  const champNom = useRef<HTMLInputElement>(null);
  function valider() {
    const lu = verifierSiret(siret);
    const e: { siret?: string; nom?: string } = {};
    if (!lu.ok) e.siret = MESSAGES_SIRET[lu.erreur];
    else if (dejaChoisies.has(`siret:${lu.valeur}`)) e.siret = "Cette structure est déjà dans la liste.";
    if (nom.trim() === "") e.nom = "Indiquez le nom de la structure.";
    setErreurs(e);
    if (e.siret) champSiret.current?.focus();
    else if (e.nom) champNom.current?.focus();
    else if (lu.ok) {
      ajouter(lu.valeur, nom.trim());
      setSiret("");
      setNom("");
      champSiret.current?.focus();
    }
  }
  return (
    <div className="fr-mt-3w">
      <h3 className="fr-h6">{titre}</h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <div className={`fr-input-group${erreurs.siret ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor={`${id}-siret`}>
              SIRET
              <span className="fr-hint-text">14 chiffres</span>
            </label>
            <input
              ref={champSiret}
              className={`fr-input${erreurs.siret ? " fr-input--error" : ""}`}
              id={`${id}-siret`}
              inputMode="numeric"
              value={siret}
              onChange={(e) => setSiret(e.target.value)}
              maxLength={20}
              aria-invalid={erreurs.siret ? true : undefined}
              aria-describedby={erreurs.siret ? `${id}-siret-erreur` : undefined}
            />
            {erreurs.siret && (
              <p className="fr-error-text" id={`${id}-siret-erreur`}>
                {erreurs.siret}
              </p>
            )}
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-7">
          <div className={`fr-input-group${erreurs.nom ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor={`${id}-nom`}>
              Nom de la structure
            </label>
            <input
              ref={champNom}
              className={`fr-input${erreurs.nom ? " fr-input--error" : ""}`}
              id={`${id}-nom`}
              value={nom}
              onChange={(e) => setNom(e.target.value)}
              maxLength={200}
              aria-invalid={erreurs.nom ? true : undefined}
              aria-describedby={erreurs.nom ? `${id}-nom-erreur` : undefined}
            />
            {erreurs.nom && (
              <p className="fr-error-text" id={`${id}-nom-erreur`}>
                {erreurs.nom}
              </p>
            )}
          </div>
        </div>
      </div>
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-btn--icon-left fr-icon-add-line" onClick={valider}>
        Ajouter la structure
      </button>
    </div>
  );
}

export function EditeurCoordination({ valeur, changer, contexte }: ProprietesEditeur<"coordination">) {
  const cles = new Set(valeur.recruteurs.map((r) => r.cle));
  const ajouter = (r: Recruteur) => {
    if (!cles.has(r.cle)) changer({ recruteurs: [...valeur.recruteurs, r] });
  };
  const retirer = (cle: string) => changer({ recruteurs: valeur.recruteurs.filter((r) => r.cle !== cle) });
  const horsMembres = valeur.recruteurs.filter((r) => !contexte.membres.some((m) => m.cle === r.cle));
  return (
    <>
      <GroupeDeChoix
        chemin="recruteurs"
        legende="Structure ou collectivité recruteuse"
        requis
        indication="Les collectivités ou structures qui recrutent les coordinateurs des conseillers numériques : parmi les membres, ou par leur SIRET."
      >
        {contexte.membres.length === 0 && <p className="fr-text--sm fr-ml-1w">La gouvernance n&apos;a pas encore de membre : ajoutez une structure par son SIRET ci-dessous.</p>}
        {contexte.membres.map((m) => (
          <Choix
            key={m.cle}
            type="checkbox"
            id={idSur("recruteur", m.cle)}
            nom="recruteurs"
            libelle={m.nom}
            coche={cles.has(m.cle)}
            changer={(coche) => (coche ? ajouter({ cle: m.cle, nom: m.nom, ...(m.siret ? { siret: m.siret } : {}) }) : retirer(m.cle))}
          />
        ))}
      </GroupeDeChoix>
      {horsMembres.length > 0 && (
        <ul className="fr-raw-list fr-mb-2w">
          {horsMembres.map((r) => (
            <li key={r.cle} className="fr-mb-1w">
              {r.nom}
              {r.siret && <span className="fr-text--sm"> (SIRET {r.siret})</span>}
              <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-ml-1w" onClick={() => retirer(r.cle)}>
                Retirer {r.nom}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AjoutStructure dejaChoisies={cles} titre="Ajouter une structure recruteuse par son SIRET" ajouter={(siret, nom) => ajouter({ cle: `siret:${siret}`, nom, siret })} />
    </>
  );
}

export function ResumeCoordination({ contenu }: { contenu: ContenusSections["coordination"] | null }) {
  if (!contenu || contenu.recruteurs.length === 0) return <p className="fr-text--sm">Aucune structure ou collectivité recruteuse renseignée.</p>;
  return (
    <ul>
      {contenu.recruteurs.map((r) => (
        <li key={r.cle}>
          {r.nom}
          {r.siret && <span className="fr-text--sm"> (SIRET {r.siret})</span>}
        </li>
      ))}
    </ul>
  );
}
