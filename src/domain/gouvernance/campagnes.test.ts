import { describe, expect, it } from "vitest";
import { campagneCourante, datesDesRappels, fenetreDeModification, finDeJourneeAParis, type Campagne } from "./campagnes";

const CAMPAGNE: Campagne = { id: "c1", nom: "Feuilles de route 2027", ouverture: new Date("2026-11-01T00:00:00Z"), cloture: new Date("2026-12-31T22:59:59.999Z") };
const le = (iso: string) => new Date(iso);

describe("campagnes et dates limites", () => {
  it("étant donné une campagne ouverte, quand on est avant sa clôture, alors la gouvernance se modifie jusqu'à la clôture", () => {
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "brouillon", reouvertureJusquau: null, maintenant: le("2026-11-29T10:00:00Z") })).toEqual({
      modifiable: true,
      jusquau: CAMPAGNE.cloture,
      campagne: CAMPAGNE,
    });
  });

  it("étant donné la clôture passée, alors plus rien ne se modifie ; une prolongation du département repousse la date", () => {
    const apres = le("2027-01-02T10:00:00Z");
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "deposee", reouvertureJusquau: null, maintenant: apres })).toMatchObject({ modifiable: false, raison: "close" });
    const prolongee = fenetreDeModification({ campagne: CAMPAGNE, prolongation: le("2027-01-15T22:59:59Z"), etat: "brouillon", reouvertureJusquau: null, maintenant: apres });
    expect(prolongee).toMatchObject({ modifiable: true, jusquau: le("2027-01-15T22:59:59Z") });
    // An "extension" earlier than the closing does not shorten it.
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: le("2026-12-01T00:00:00Z"), etat: "brouillon", reouvertureJusquau: null, maintenant: le("2026-12-15T00:00:00Z") })).toMatchObject({
      modifiable: true,
      jusquau: CAMPAGNE.cloture,
    });
  });

  it("étant donné une campagne pas encore ouverte, alors la gouvernance ne se modifie pas encore", () => {
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "aucune", reouvertureJusquau: null, maintenant: le("2026-10-01T00:00:00Z") })).toMatchObject({
      modifiable: false,
      raison: "pasEncoreOuverte",
    });
  });

  it("étant donné une gouvernance validée, alors elle est verrouillée ; « à compléter », alors elle rouvre jusqu'à la date fixée, même après la clôture", () => {
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "validee", reouvertureJusquau: null, maintenant: le("2026-11-29T10:00:00Z") })).toMatchObject({ modifiable: false, raison: "validee" });
    const reouverture = le("2027-02-01T22:59:59Z");
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "aCompleter", reouvertureJusquau: reouverture, maintenant: le("2027-01-20T10:00:00Z") })).toMatchObject({
      modifiable: true,
      jusquau: reouverture,
    });
    expect(fenetreDeModification({ campagne: CAMPAGNE, prolongation: null, etat: "aCompleter", reouvertureJusquau: reouverture, maintenant: le("2027-02-02T10:00:00Z") })).toMatchObject({
      modifiable: false,
      raison: "reouvertureEchue",
    });
  });

  it("sans campagne, la gouvernance se rédige sans date limite", () => {
    expect(fenetreDeModification({ campagne: null, prolongation: null, etat: "brouillon", reouvertureJusquau: null, maintenant: le("2026-11-29T10:00:00Z") })).toEqual({ modifiable: true, jusquau: null, campagne: null });
  });

  it("la campagne courante est la dernière ouverte, sinon la prochaine", () => {
    const suivante: Campagne = { ...CAMPAGNE, id: "c2", ouverture: le("2027-06-01T00:00:00Z"), cloture: le("2027-07-01T00:00:00Z") };
    expect(campagneCourante([suivante, CAMPAGNE], le("2026-11-29T00:00:00Z"))?.id).toBe("c1");
    expect(campagneCourante([suivante, CAMPAGNE], le("2027-06-02T00:00:00Z"))?.id).toBe("c2");
    expect(campagneCourante([suivante], le("2026-11-29T00:00:00Z"))?.id).toBe("c2");
    expect(campagneCourante([], le("2026-11-29T00:00:00Z"))).toBeNull();
  });

  it("les rappels partent 7 jours et 1 jour avant la date limite", () => {
    expect(datesDesRappels(le("2026-12-31T22:59:59.999Z")).map((r) => [r.jours, r.le.toISOString()])).toEqual([
      [7, "2026-12-24T22:59:59.999Z"],
      [1, "2026-12-30T22:59:59.999Z"],
    ]);
  });

  it("une date saisie vaut la fin de cette journée à Paris, en hiver comme en été ; une date impossible est refusée", () => {
    expect(finDeJourneeAParis("2026-12-31")?.toISOString()).toBe("2026-12-31T22:59:59.999Z");
    expect(finDeJourneeAParis("2027-07-14")?.toISOString()).toBe("2027-07-14T21:59:59.999Z");
    expect(finDeJourneeAParis("2027-02-30")).toBeNull();
    expect(finDeJourneeAParis("31/12/2026")).toBeNull();
  });
});
