"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { modificationDe, noterTicks, reprendre, type TicksEnAttente } from "@/domain/candidatures/perimetre";
import type { CollectiviteTrouvee, CommunePerimetre, EpciPerimetre, TerritoirePerimetre } from "@/services/porter";
import { modifierLePerimetre, rechercherHorsTerritoire } from "../../actions-porter";
import styles from "./perimetre.module.css";

/*
 * Step 2, "Périmètre de votre feuille de route". The territory comes folded: a département (for a
 * région or an EPCI porteur) or an EPCI opens its list on demand, so that the largest région stays
 * light until one opens it. Every tick is saved at once; ticks made while a save is on its way
 * leave together with the next one, the last tick of a box winning (see domain/candidatures/perimetre).
 */

type Cocher = (cles: string[], coche: boolean) => void;
type Statut = { etat: "repos" | "enregistrement" | "enregistre" } | { etat: "erreur"; message: string };

const pluriel = (n: number, un: string, plusieurs: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? plusieurs : un}`;
const cleCommune = (code: string) => `commune:${code}`;

interface EpciIndexe extends EpciPerimetre {
  cle: string;
  clesCommunes: string[];
}

export function SelecteurPerimetre(props: {
  id: string;
  territoire: TerritoirePerimetre;
  /** The porteur's own key: it has no box. */
  soi: string;
  selection: string[];
  horsTerritoire: CollectiviteTrouvee[];
  /** "Étape suivante": ends the step on the server. */
  terminer: (donnees: FormData) => Promise<void>;
}) {
  const [selection, setSelection] = useState(() => new Set(props.selection));
  const [statut, setStatut] = useState<Statut>({ etat: "repos" });
  const attente = useRef<TicksEnAttente>(new Map());
  const envoiEnCours = useRef<Promise<void> | null>(null);
  const formulaireSuivant = useRef<HTMLFormElement>(null);

  const envoyer = useCallback((): Promise<void> => {
    if (envoiEnCours.current) return envoiEnCours.current;
    const boucle = async () => {
      while (attente.current.size > 0) {
        const lot = attente.current;
        attente.current = new Map();
        setStatut({ etat: "enregistrement" });
        let reponse: Awaited<ReturnType<typeof modifierLePerimetre>>;
        try {
          reponse = await modifierLePerimetre(props.id, modificationDe(lot));
        } catch {
          reponse = { ok: false, erreur: "Non enregistré : vérifiez votre connexion, puis réessayez." };
        }
        if (!reponse.ok) {
          attente.current = reprendre(lot, attente.current);
          setStatut({ etat: "erreur", message: reponse.erreur });
          return;
        }
      }
      setStatut({ etat: "enregistre" });
    };
    envoiEnCours.current = boucle().finally(() => {
      envoiEnCours.current = null;
    });
    return envoiEnCours.current;
  }, [props.id]);

  const cocher = useCallback<Cocher>(
    (cles, coche) => {
      setSelection((avant) => {
        const apres = new Set(avant);
        for (const c of cles) {
          if (coche) apres.add(c);
          else apres.delete(c);
        }
        return apres;
      });
      attente.current = noterTicks(attente.current, cles, coche);
      void envoyer();
    },
    [envoyer],
  );

  // Leaving with unsaved ticks: the browser asks first.
  useEffect(() => {
    const avantDePartir = (e: BeforeUnloadEvent) => {
      if (attente.current.size > 0 || envoiEnCours.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", avantDePartir);
    return () => window.removeEventListener("beforeunload", avantDePartir);
  }, []);

  const groupes = useMemo(
    () =>
      props.territoire.groupes.map((g) => ({
        ...g,
        cle: `departement:${g.departement.code}`,
        epci: g.epci.map((e): EpciIndexe => ({ ...e, cle: `epci:${e.code}`, clesCommunes: e.communes.map(([c]) => cleCommune(c)) })),
        sansEpci: g.communesSansEpci.length
          ? { code: `sans-epci-${g.departement.code}`, nom: "Communes n'appartenant à aucun EPCI", communes: g.communesSansEpci, cle: "", clesCommunes: g.communesSansEpci.map(([c]) => cleCommune(c)) }
          : null,
      })),
    [props.territoire],
  );

  const compte = { region: 0, departement: 0, epci: 0, commune: 0 };
  for (const cle of selection) {
    const type = cle.slice(0, cle.indexOf(":")) as keyof typeof compte;
    if (type in compte) compte[type] += 1;
  }
  const total = compte.region + compte.departement + compte.epci + compte.commune;
  const resume = [
    compte.region ? pluriel(compte.region, "région", "régions") : null,
    compte.departement ? pluriel(compte.departement, "département", "départements") : null,
    pluriel(compte.epci, "EPCI sélectionné", "EPCI sélectionnés"),
    pluriel(compte.commune, "commune sélectionnée", "communes sélectionnées"),
  ]
    .filter(Boolean)
    .join(", ");

  async function suivant(e: FormEvent<HTMLFormElement>) {
    if (attente.current.size === 0 && !envoiEnCours.current) return;
    e.preventDefault();
    await envoyer();
    if (attente.current.size === 0) formulaireSuivant.current?.requestSubmit();
  }

  const unSeulDepartement = !props.territoire.departementsAuChoix && groupes.length === 1;
  return (
    <>
      <div className={styles.barre}>
        <p className="fr-mb-0" role="status" aria-live="polite" aria-atomic="true">
          <span className="fr-text--bold">{resume}</span>
          {total === 0 && <span className="fr-hint-text">Cochez au moins une collectivité.</span>}
        </p>
        <p className="fr-mb-0" aria-live="polite">
          {statut.etat === "enregistrement" && <span className="fr-badge fr-badge--info fr-badge--sm">Enregistrement…</span>}
          {statut.etat === "enregistre" && <span className="fr-badge fr-badge--success fr-badge--sm">Enregistré</span>}
        </p>
      </div>
      {statut.etat === "erreur" && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>
            {statut.message}{" "}
            <button type="button" className="fr-link" onClick={() => void envoyer()}>
              Réessayer l&apos;enregistrement
            </button>
          </p>
        </div>
      )}

      <h3 className="fr-h5 fr-mt-3w">Collectivités de votre territoire</h3>
      {unSeulDepartement ? (
        <ListeEpci groupe={groupes[0] as (typeof groupes)[number]} selection={selection} cocher={cocher} soi={props.soi} />
      ) : (
        <div className={styles.departements}>
          {groupes.map((g) => (
            <Departement key={g.cle} groupe={g} selection={selection} cocher={cocher} soi={props.soi} avecCase={props.territoire.departementsAuChoix} />
          ))}
        </div>
      )}

      <HorsTerritoire initiales={props.horsTerritoire} selection={selection} cocher={cocher} />

      <form ref={formulaireSuivant} action={props.terminer} onSubmit={suivant} className="fr-mt-5w">
        <button type="submit" className="fr-btn">
          Étape suivante
        </button>
      </form>
    </>
  );
}

type GroupeIndexe = {
  departement: { code: string; nom: string };
  cle: string;
  epci: EpciIndexe[];
  sansEpci: EpciIndexe | null;
};

function Departement({ groupe, selection, cocher, soi, avecCase }: { groupe: GroupeIndexe; selection: Set<string>; cocher: Cocher; soi: string; avecCase: boolean }) {
  const [ouvert, setOuvert] = useState(false);
  let epci = 0;
  let communes = 0;
  for (const e of [...groupe.epci, ...(groupe.sansEpci ? [groupe.sansEpci] : [])]) {
    if (e.cle && selection.has(e.cle)) epci += 1;
    for (const c of e.clesCommunes) if (selection.has(c)) communes += 1;
  }
  const idContenu = `perimetre-${groupe.departement.code}`;
  const idCase = `case-${groupe.cle}`;
  return (
    <section className={`fr-accordion ${styles.departement}`}>
      <h4 className="fr-accordion__title">
        <button type="button" className="fr-accordion__btn" aria-expanded={ouvert} aria-controls={idContenu} onClick={() => setOuvert(!ouvert)}>
          {groupe.departement.nom} ({groupe.departement.code})
          <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-ml-2w">
            {pluriel(epci, "EPCI", "EPCI")} · {pluriel(communes, "commune", "communes")}
          </span>
        </button>
      </h4>
      <div id={idContenu} hidden={!ouvert} className={styles.contenu}>
        {ouvert && (
          <>
            {avecCase && soi !== groupe.cle && (
              <div className="fr-checkbox-group fr-mb-2w">
                <input type="checkbox" id={idCase} checked={selection.has(groupe.cle)} onChange={(e) => cocher([groupe.cle], e.target.checked)} />
                <label className="fr-label" htmlFor={idCase}>
                  Département : {groupe.departement.nom} ({groupe.departement.code})
                  <span className="fr-hint-text">Le conseil départemental</span>
                </label>
              </div>
            )}
            <ListeEpci groupe={groupe} selection={selection} cocher={cocher} soi={soi} />
          </>
        )}
      </div>
    </section>
  );
}

function ListeEpci({ groupe, selection, cocher, soi }: { groupe: GroupeIndexe; selection: Set<string>; cocher: Cocher; soi: string }) {
  const liste = groupe.sansEpci ? [...groupe.epci, groupe.sansEpci] : groupe.epci;
  return (
    <ul className={styles.listeEpci}>
      {liste.map((e) => {
        // What the row shows of the selection, as one string: the row redraws only when it changes.
        let signature = e.cle && selection.has(e.cle) ? "1" : "0";
        for (const c of e.clesCommunes) if (selection.has(c)) signature += `,${c}`;
        return <LigneEpci key={e.code} departement={groupe.departement.code} epci={e} signature={signature} cocher={cocher} avecCase={Boolean(e.cle) && e.cle !== soi} />;
      })}
    </ul>
  );
}

const LigneEpci = memo(function LigneEpci({ departement, epci, signature, cocher, avecCase }: { departement: string; epci: EpciIndexe; signature: string; cocher: Cocher; avecCase: boolean }) {
  const [ouvert, setOuvert] = useState(false);
  const [caseEpci, ...cochees] = signature.split(",");
  const selectionnees = new Set(cochees);
  const n = epci.communes.length;
  const toutes = selectionnees.size === n;
  const base = `p-${departement}-${epci.code}`;
  return (
    <li className={styles.epci}>
      {avecCase ? (
        <div className="fr-checkbox-group">
          <input type="checkbox" id={`${base}-epci`} checked={caseEpci === "1"} onChange={(e) => cocher([epci.cle], e.target.checked)} />
          <label className="fr-label" htmlFor={`${base}-epci`}>
            {epci.nom}
            <span className="fr-hint-text">EPCI · {pluriel(n, "commune", "communes")}</span>
          </label>
        </div>
      ) : (
        <p className="fr-mb-1v fr-text--bold">{epci.nom}</p>
      )}
      <button
        type="button"
        className={`fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-btn--icon-right ${ouvert ? "fr-icon-arrow-up-s-line" : "fr-icon-arrow-down-s-line"}`}
        aria-expanded={ouvert}
        aria-controls={`${base}-communes`}
        onClick={() => setOuvert(!ouvert)}
      >
        Communes de {epci.nom} : {selectionnees.size}/{n} sélectionnée{selectionnees.size > 1 ? "s" : ""}
      </button>
      <div id={`${base}-communes`} hidden={!ouvert}>
        {ouvert && (
          <fieldset className="fr-fieldset fr-mb-0" aria-label={`Communes de ${epci.nom}`}>
            <div className="fr-fieldset__element">
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id={`${base}-toutes`} checked={toutes} onChange={(e) => cocher(epci.clesCommunes, e.target.checked)} />
                <label className="fr-label fr-text--bold" htmlFor={`${base}-toutes`}>
                  Sélectionner toutes les communes
                </label>
              </div>
            </div>
            {epci.communes.map((c: CommunePerimetre, i) => (
              <div className="fr-fieldset__element fr-fieldset__element--inline" key={c[0]}>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={`${base}-${c[0]}`} checked={selectionnees.has(epci.clesCommunes[i] as string)} onChange={(e) => cocher([epci.clesCommunes[i] as string], e.target.checked)} />
                  <label className="fr-label" htmlFor={`${base}-${c[0]}`}>
                    {c[1]}
                    {c[2] && <span className="fr-hint-text">{c[2]}</span>}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        )}
      </div>
    </li>
  );
});

function HorsTerritoire({ initiales, selection, cocher }: { initiales: CollectiviteTrouvee[]; selection: Set<string>; cocher: Cocher }) {
  const [ajoutees, setAjoutees] = useState<CollectiviteTrouvee[]>(initiales);
  const [texte, setTexte] = useState("");
  const [resultats, setResultats] = useState<CollectiviteTrouvee[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const minuterie = useRef<ReturnType<typeof setTimeout> | null>(null);
  const derniere = useRef(0);
  useEffect(() => () => void (minuterie.current && clearTimeout(minuterie.current)), []);

  function chercher(valeur: string) {
    setTexte(valeur);
    if (minuterie.current) clearTimeout(minuterie.current);
    if (valeur.trim().length < 2) {
      setResultats(null);
      setMessage(null);
      return;
    }
    minuterie.current = setTimeout(async () => {
      const numero = ++derniere.current;
      const r = await rechercherHorsTerritoire(valeur).catch(() => ({ ok: false as const, erreur: "La recherche n'a pas abouti : vérifiez votre connexion." }));
      if (numero !== derniere.current) return; // a later search answers instead
      if (!r.ok) {
        setResultats(null);
        setMessage(r.erreur);
        return;
      }
      setResultats(r.resultats);
      setMessage(r.resultats.length === 0 ? "Aucune collectivité ne correspond." : pluriel(r.resultats.length, "résultat", "résultats"));
    }, 300);
  }

  function basculer(c: CollectiviteTrouvee, coche: boolean) {
    if (coche && !ajoutees.some((a) => a.cle === c.cle)) setAjoutees([...ajoutees, c]);
    cocher([c.cle], coche);
  }

  const caseDe = (c: CollectiviteTrouvee, prefixe: string) => (
    <div className="fr-checkbox-group fr-checkbox-group--sm" key={c.cle}>
      <input type="checkbox" id={`${prefixe}-${c.cle}`} checked={selection.has(c.cle)} onChange={(e) => basculer(c, e.target.checked)} />
      <label className="fr-label" htmlFor={`${prefixe}-${c.cle}`}>
        {c.nom}
        <span className="fr-hint-text">{c.detail}</span>
      </label>
    </div>
  );

  return (
    <section className="fr-mt-5w" aria-labelledby="hors-territoire-titre">
      <h3 className="fr-h5" id="hors-territoire-titre">
        Collectivités hors territoire
      </h3>
      <p className="fr-text--sm">Une collectivité hors de votre territoire participe à votre feuille de route ? Recherchez-la parmi toutes les collectivités de France.</p>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="recherche-hors-territoire">
          Rechercher une collectivité
          <span className="fr-hint-text">Nom, code postal ou code officiel (au moins 2 caractères)</span>
        </label>
        <input className="fr-input" type="search" id="recherche-hors-territoire" autoComplete="off" maxLength={60} value={texte} onChange={(e) => chercher(e.target.value)} />
      </div>
      <p className="fr-hint-text" role="status" aria-live="polite">
        {message}
      </p>
      {resultats && resultats.length > 0 && (
        <fieldset className="fr-fieldset" aria-label="Résultats de la recherche">
          {resultats.map((c) => (
            <div className="fr-fieldset__element" key={c.cle}>
              {caseDe(c, "resultat")}
            </div>
          ))}
        </fieldset>
      )}
      {ajoutees.length > 0 && (
        <fieldset className="fr-fieldset" aria-labelledby="hors-territoire-choisies">
          <legend className="fr-fieldset__legend fr-text--md" id="hors-territoire-choisies">
            Collectivités hors territoire ajoutées
          </legend>
          {ajoutees.map((c) => (
            <div className="fr-fieldset__element" key={c.cle}>
              {caseDe(c, "ajoutee")}
            </div>
          ))}
        </fieldset>
      )}
    </section>
  );
}
