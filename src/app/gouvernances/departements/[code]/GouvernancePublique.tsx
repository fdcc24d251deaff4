import type { ReactNode } from "react";
import type { GouvernancePublique } from "@/services/gouvernance-publique";
import { BadgeDemonstration } from "@/ui/BadgeDemonstration";
import { Tableau } from "@/ui/Tableau";

/*
 * The public read-only view of a département's gouvernance (PRODUCT §6, §12): what a submitted or
 * validated proposal says, for anyone. It receives only the public view the service built: the
 * sous-préfet's contact and the note de contexte never reach it.
 */

export type GouvernanceRendue = Extract<GouvernancePublique, { public: true }>;

const dateEnFrancais = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

function Section({ id, titre, children }: { id: string; titre: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="fr-mb-5w">
      <h2 id={id} className="fr-h4">
        {titre}
      </h2>
      {children}
    </section>
  );
}

export function VueGouvernancePublique({ gouvernance: g }: { gouvernance: GouvernanceRendue }) {
  const code = g.departement.code;
  return (
    <>
      <p>
        <span className={`fr-badge ${g.etat === "validee" ? "fr-badge--success" : "fr-badge--info"}`}>{g.libelleEtat}</span>
        {g.demonstration && (
          <>
            {" "}
            <BadgeDemonstration />
          </>
        )}
      </p>
      <p>
        {g.deposeeLe ? `Gouvernance déposée par la préfecture le ${dateEnFrancais(g.deposeeLe)}` : "Gouvernance déposée par la préfecture"}
        {g.valideeLe ? `, validée par l'équipe nationale le ${dateEnFrancais(g.valideeLe)}.` : g.etat === "deposee" ? ", en cours d'instruction par l'équipe nationale." : "."}
      </p>

      <Section id="gouvernance-co-porteurs" titre="Co-porteurs de la gouvernance">
        {g.coPorteurs.sansCoPorteur ? (
          <p>Pas de co-porteur : la préfecture porte seule la gouvernance.</p>
        ) : g.coPorteurs.noms.length ? (
          <ul>
            {g.coPorteurs.noms.map((nom, i) => (
              <li key={`${i}-${nom}`}>{nom}</li>
            ))}
          </ul>
        ) : (
          <p>Non renseigné.</p>
        )}
      </Section>

      <Section id="gouvernance-membres" titre="Membres de la gouvernance">
        {g.membres.length ? (
          <Tableau
            titre={`Membres de la gouvernance (${g.membres.length})`}
            colonnes={["Nom", "Type"]}
            lignes={g.membres.map((m, i) => ({ cle: `${i}-${m.nom}`, cellules: [m.nom, m.libelleType] }))}
          />
        ) : (
          <p>Non renseigné.</p>
        )}
      </Section>

      <Section id="gouvernance-comitologie" titre="Comitologie">
        {g.comites.length ? (
          <ul>
            {g.comites.map((c, i) => (
              <li key={i}>
                {c.libelleType} — {c.libelleFrequence}
                {c.commentaire && <span className="fr-hint-text">{c.commentaire}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun comité.</p>
        )}
      </Section>

      <Section id="gouvernance-feuilles" titre="Feuilles de route & porteurs">
        {g.feuillesDeRoute.length ? (
          g.feuillesDeRoute.map((f, i) => (
            <div key={`${i}-${f.nom}`} className="fr-mb-3w">
              <h3 className="fr-h6 fr-mb-1w">{f.nom}</h3>
              <ul>
                <li>Porteur : {f.libellePorteur}</li>
                <li>Périmètre : {f.perimetre.libelle}</li>
                <li>Contrat préexistant : {f.contrat.libelle}</li>
              </ul>
            </div>
          ))
        ) : (
          <p>Non renseigné.</p>
        )}
      </Section>

      <Section id="gouvernance-coordination" titre="Coordination des Conseillers Numériques">
        {g.coordination.length ? (
          <>
            <p>Structures et collectivités recruteuses des coordinateurs :</p>
            <ul>
              {g.coordination.map((r, i) => (
                <li key={`${i}-${r.nom}`}>
                  {r.nom}
                  {r.siret && ` (SIRET ${r.siret})`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Non renseigné.</p>
        )}
      </Section>

      <p className="fr-text--sm">
        Ces informations sont des données ouvertes, également disponibles au format JSON :{" "}
        <a href={`/api/v1/gouvernances/${code}`}>gouvernance de ce département (JSON)</a>.
      </p>
    </>
  );
}
