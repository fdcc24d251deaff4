/*
 * Measure 9: the perimeter engine of the feuilles de route (src/domain/gouvernance/perimetres.ts),
 * pure, on the real Code officiel géographique of the installed package: the département with the
 * most communes, each of its EPCI as its own feuille de route (scenario 3, the heaviest valid
 * case), then the same with one départemental feuille de route beside them (scenario 2) and with
 * every EPCI twice (every commune in an overlap: the heaviest refusal). Run by bench/lancer.mjs
 * with `node --import tsx`; prints one JSON line.
 */
import { sourceCogInstallee } from "../../src/integrations/cog/decoupage-administratif";
import { construireReferentiel } from "../../src/domain/territoires/referentiel";
import { verifierPerimetres, type FeuilleDeRouteAVerifier, type ReferentielPerimetre } from "../../src/domain/gouvernance/perimetres";

const REPETITIONS = 300;
const ECHAUFFEMENT = 50;

const source = sourceCogInstallee();
const cog = construireReferentiel(source.lire());
const communesParDepartement = new Map<string, Array<{ code: string; nom: string }>>();
for (const c of cog.communes) {
  if (c.type !== "commune-actuelle") continue;
  communesParDepartement.set(c.codeDepartement, [...(communesParDepartement.get(c.codeDepartement) ?? []), { code: c.code, nom: c.nom }]);
}
const [codeDepartement, communes] = [...communesParDepartement.entries()].sort((a, b) => b[1].length - a[1].length)[0] as [string, Array<{ code: string; nom: string }>];
const dansLeDepartement = new Set(communes.map((c) => c.code));
const epciNoms = new Map(cog.epci.filter((e) => e.nature !== "EPT").map((e) => [e.code, e.nom]));
const membres = new Map<string, string[]>();
for (const m of cog.membresEpci) {
  if (!epciNoms.has(m.codeEpci) || !dansLeDepartement.has(m.codeCommune)) continue;
  membres.set(m.codeEpci, [...(membres.get(m.codeEpci) ?? []), m.codeCommune]);
}
const referentiel: ReferentielPerimetre = {
  communes,
  epci: [...membres.entries()].map(([code, liste]) => ({ code, nom: epciNoms.get(code) as string, communes: liste })),
};
const parEpci: FeuilleDeRouteAVerifier[] = referentiel.epci.map((e, i) => ({ id: `f${i}`, nom: e.nom, perimetre: { type: "epci", epci: [e.code] } }));

function mesurer(feuilles: FeuilleDeRouteAVerifier[]) {
  let resultat = verifierPerimetres(referentiel, feuilles);
  for (let i = 0; i < ECHAUFFEMENT; i++) resultat = verifierPerimetres(referentiel, feuilles);
  const durees: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const debut = performance.now();
    resultat = verifierPerimetres(referentiel, feuilles);
    durees.push(performance.now() - debut);
  }
  durees.sort((a, b) => a - b);
  return {
    feuilles: feuilles.length,
    ok: resultat.ok,
    scenario: resultat.couverture?.scenario ?? null,
    erreurs: resultat.ok ? 0 : resultat.erreurs.length,
    medianeMs: durees[Math.floor(durees.length / 2)] as number,
    p99Ms: durees[Math.floor(durees.length * 0.99)] as number,
    maxMs: durees.at(-1) as number,
  };
}

console.log(
  JSON.stringify({
    millesime: source.millesime,
    departement: codeDepartement,
    communes: communes.length,
    epci: referentiel.epci.length,
    repetitions: REPETITIONS,
    scenario3: mesurer(parEpci),
    scenario2: mesurer([{ id: "d", nom: "Départementale", perimetre: { type: "departemental" } }, ...parEpci]),
    chevauchements: mesurer([...parEpci, ...parEpci.map((f) => ({ ...f, id: `${f.id}bis` }))]),
  }),
);
