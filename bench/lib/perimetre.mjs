/*
 * Measure 5: the perimeter picker of the "porter" form (step 2, "Périmètre de votre feuille de
 * route") for the région with the most communes, driven in Debian's Chromium through the real
 * pages of the built application: login by a one-time link, choice of the form, step 1 filled,
 * then step 2 loaded, ticked and opened. Every duration is taken inside the page (navigation
 * timing, event time stamps, performance.now(), a MutationObserver on the counter), so that
 * Playwright's own round trips are never counted.
 */
import { lancerChromium, octetsScriptsEnLigne } from "./poids-js.mjs";

const ADRESSE = "/gouvernance/formulaire";
const BOUTONS_DEPARTEMENT = "section.fr-accordion > h4 > button";
/** Longest wait of one in-page measure (a save that never answers, a counter that never changes). */
const DELAI_MESURE_MS = 30_000;

export function statistiques(valeurs) {
  const tri = [...valeurs].sort((a, b) => a - b);
  const milieu = Math.floor(tri.length / 2);
  const mediane = tri.length % 2 ? tri[milieu] : (tri[milieu - 1] + tri[milieu]) / 2;
  return { n: tri.length, min: tri[0], mediane, max: tri[tri.length - 1] };
}

const selecteurId = (id) => `[id="${id}"]`;

/** Runs one step of the journey; a failure names the step and the page it happened on. */
async function etape(page, quoi, action) {
  try {
    return await action();
  } catch (erreur) {
    const titre = await page
      .locator("main h1")
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(`${quoi} : ${erreur instanceof Error ? erreur.message.split("\n")[0] : String(erreur)} (page ${page.url()}${titre ? `, titre « ${titre.trim()} »` : ""})`);
  }
}

/** Ticks a box or a radio the way a mouse user does, by clicking its label (the design system draws the box on the label). */
async function cocherParLibelle(page, champ) {
  const id = await champ.getAttribute("id");
  await page.locator(`label[for="${id}"]`).click();
  if (!(await champ.isChecked())) throw new Error(`« ${id} » n'est pas coché après un clic sur son libellé`);
}

// ---------------------------------------------------------------------------------------------
// Functions run inside the page (serialised by page.evaluate: self-contained).

/**
 * After a navigation: waits until the counter is rendered, the document complete, the first
 * département button hydrated (React's props attached to it), then clicks it once and waits until
 * it has toggled aria-expanded and rendered its content. Times from navigation start.
 */
async function attendrePretDansLaPage({ selecteurBoutons, delaiMs }) {
  const attendre = (condition, quoi) =>
    new Promise((resoudre, rejeter) => {
      const debut = performance.now();
      const essayer = () => {
        const valeur = condition();
        if (valeur) return resoudre(valeur);
        if (performance.now() - debut > delaiMs) return rejeter(new Error(`${quoi} : toujours pas après ${delaiMs} ms`));
        setTimeout(essayer, 5);
      };
      essayer();
    });
  const compteur = () => [...document.querySelectorAll('[role="status"]')].find((e) => /EPCI sélectionnés?,/.test(e.textContent ?? "") && e.getBoundingClientRect().height > 0);
  await attendre(compteur, "compteur « … EPCI sélectionné(s), … » affiché");
  const compteurVu = performance.now();
  await attendre(() => document.readyState === "complete", "document.readyState complete");
  const complet = performance.now();
  const bouton = await attendre(() => document.querySelector(selecteurBoutons), "bouton d'un département");
  await attendre(() => Object.keys(bouton).some((cle) => cle.startsWith("__reactProps$")), "bouton du département hydraté par React");
  const hydrate = performance.now();
  bouton.click();
  await attendre(
    () => bouton.getAttribute("aria-expanded") === "true" && (document.getElementById(bouton.getAttribute("aria-controls") ?? "")?.childElementCount ?? 0) > 0,
    "le bouton du premier département ouvre sa liste",
  );
  const pret = performance.now();
  // Closed again: the page is left as loaded.
  bouton.click();
  await attendre(() => bouton.getAttribute("aria-expanded") === "false", "le bouton du premier département referme sa liste");
  const navigation = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    premierOctet: navigation.responseStart,
    finHtml: navigation.responseEnd,
    premierAffichage: fcp ? fcp.startTime : null,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    compteurVu,
    complet,
    hydrate,
    pret,
    transfert: navigation.transferSize,
    corpsCompresse: navigation.encodedBodySize,
    corps: navigation.decodedBodySize,
    departements: document.querySelectorAll(selecteurBoutons).length,
  };
}

/**
 * Arms one measure before a click: the click's time stamp (first click event seen at the window,
 * capture phase), the moment the counter's text changes (MutationObserver), the end of the next
 * frame after it (requestAnimationFrame, then a message: after the paint), and the moment the
 * badge shows "Enregistré" after "Enregistrement…" (the save's round trip). Results in
 * window.__benchPerimetre.fini.
 */
function armerDansLaPage({ delaiMs }) {
  const compteur = [...document.querySelectorAll('[role="status"]')].find((e) => /EPCI sélectionnés?,/.test(e.textContent ?? ""));
  if (!compteur?.parentElement) throw new Error("compteur « … EPCI sélectionné(s), … » introuvable");
  const barre = compteur.parentElement;
  const avant = compteur.textContent;
  const m = { clic: null, clicRecu: null, compteur: null, image: null, vuEnregistrement: false, enregistre: null, avant, apres: null, erreur: null };
  let finir;
  const fini = new Promise((resoudre) => (finir = resoudre));
  const observateur = new MutationObserver(() => {
    const maintenant = performance.now();
    if (m.compteur === null && compteur.textContent !== avant) {
      m.compteur = maintenant;
      m.apres = compteur.textContent;
      requestAnimationFrame(() => {
        const canal = new MessageChannel();
        canal.port1.onmessage = () => {
          m.image = performance.now();
          verifier();
        };
        canal.port2.postMessage(0);
      });
    }
    const badge = barre.querySelector(".fr-badge")?.textContent ?? "";
    if (badge === "Enregistrement…") m.vuEnregistrement = true;
    if (m.vuEnregistrement && badge === "Enregistré" && m.enregistre === null) m.enregistre = maintenant;
    verifier();
  });
  const minuterie = setTimeout(() => {
    const alerte = document.querySelector('[role="alert"]')?.textContent?.trim();
    m.erreur = `rien après ${delaiMs} ms (compteur ${m.compteur === null ? "inchangé" : "changé"}, badge « ${barre.querySelector(".fr-badge")?.textContent ?? "aucun"} »${alerte ? `, alerte « ${alerte} »` : ""})`;
    terminer();
  }, delaiMs);
  function terminer() {
    clearTimeout(minuterie);
    observateur.disconnect();
    window.removeEventListener("click", surClic, true);
    const { clic, clicRecu, compteur: c, image, enregistre, apres, erreur } = m;
    finir({ clic, clicRecu, compteur: c, image, enregistre, avant, apres, erreur });
  }
  function verifier() {
    if (m.compteur !== null && m.image !== null && m.enregistre !== null) terminer();
  }
  function surClic(evenement) {
    if (m.clic !== null) return;
    m.clic = evenement.timeStamp;
    m.clicRecu = performance.now();
  }
  window.addEventListener("click", surClic, true);
  observateur.observe(barre, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__benchPerimetre = fini;
}

/**
 * Opens every closed département, then every closed commune list, one click at a time; after each
 * click, React's commit (a message later) and a forced layout. Then the next frame.
 */
async function toutOuvrirDansLaPage({ selecteurBoutons }) {
  const ceder = () =>
    new Promise((resoudre) => {
      const canal = new MessageChannel();
      canal.port1.onmessage = () => resoudre();
      canal.port2.postMessage(0);
    });
  const listes = () => [...document.querySelectorAll('[id^="perimetre-"] button[aria-controls$="-communes"]')];
  const debut = performance.now();
  let clics = 0;
  let plusLongue = 0;
  const ouvrir = async (bouton) => {
    const t = performance.now();
    bouton.click();
    await ceder();
    void document.body.offsetHeight;
    plusLongue = Math.max(plusLongue, performance.now() - t);
    clics += 1;
  };
  for (const b of document.querySelectorAll(selecteurBoutons)) if (b.getAttribute("aria-expanded") !== "true") await ouvrir(b);
  for (const b of listes()) if (b.getAttribute("aria-expanded") !== "true") await ouvrir(b);
  await new Promise((resoudre) => requestAnimationFrame(() => ceder().then(resoudre)));
  const dureeMs = performance.now() - debut;
  const fermes = [...document.querySelectorAll(selecteurBoutons), ...listes()].filter((b) => b.getAttribute("aria-expanded") !== "true").length;
  const communes = [...document.querySelectorAll('[id$="-communes"] fieldset input[type="checkbox"]')].map((c) => c.id).filter((id) => !id.endsWith("-toutes"));
  return { dureeMs, plusLongue, clics, fermes, listes: listes().length, communes, cases: document.querySelectorAll('input[type="checkbox"]').length, elements: document.getElementsByTagName("*").length };
}

// ---------------------------------------------------------------------------------------------

/** Resolves once the page has rendered a frame after everything queued so far. */
const auRepos = (page) => page.evaluate(() => new Promise((resoudre) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resoudre, 0)))));

/**
 * Clicks the label `libelle` once, as a hand does: the label scrolled into view, the pointer moved
 * over it, the button pressed, then released, the page let render after each step (hovering and
 * focusing a box restyle the page, which a person's slower hand absorbs; Playwright's back-to-back
 * events would queue the click behind that work). The measure is armed before the release and
 * starts at the click event's time stamp. Resolves with durations from the click (ms).
 */
async function cliquerEtMesurer(page, libelle, quoi) {
  await libelle.scrollIntoViewIfNeeded();
  await auRepos(page);
  const boite = await libelle.boundingBox();
  if (!boite) throw new Error(`${quoi} : libellé invisible`);
  await page.mouse.move(boite.x + boite.width / 2, boite.y + boite.height / 2);
  await auRepos(page);
  await page.mouse.down();
  await auRepos(page);
  await page.evaluate(armerDansLaPage, { delaiMs: DELAI_MESURE_MS });
  await page.mouse.up();
  const r = await page.evaluate(() => window.__benchPerimetre);
  if (r.erreur) throw new Error(`${quoi} : ${r.erreur}`);
  if (r.clic === null) throw new Error(`${quoi} : aucun clic reçu par la page`);
  // A trusted click's time stamp is when the browser received it; it is never later than the listener.
  const debut = r.clic > 0 && r.clic <= r.clicRecu ? r.clic : r.clicRecu;
  return { compteur: r.compteur - debut, image: r.image - debut, enregistre: r.enregistre - debut, entree: r.clicRecu - debut, apres: r.apres };
}

/** The commune lists of an open département: [{ controle, nom, selectionnees, n }]. */
async function listesDuDepartement(page, idContenu) {
  const boutons = await page.locator(`${selecteurId(idContenu)} button[aria-controls$="-communes"]`).evaluateAll((bs) => bs.map((b) => ({ controle: b.getAttribute("aria-controls"), texte: b.textContent ?? "" })));
  return boutons.map(({ controle, texte }) => {
    const trouve = /^Communes de (.*) : (\d+)\/(\d+) sélectionnées?$/.exec(texte.trim());
    if (!trouve) throw new Error(`bouton de liste inattendu : « ${texte} »`);
    return { controle, nom: trouve[1], selectionnees: Number(trouve[2]), n: Number(trouve[3]) };
  });
}

/** Opens (or closes) a disclosure button and waits until it says so. */
async function basculer(page, bouton, ouvert) {
  if ((await bouton.getAttribute("aria-expanded")) !== String(ouvert)) await bouton.click();
  await bouton.and(page.locator(`[aria-expanded="${ouvert}"]`)).waitFor();
}

/** "Ardennes (08)" out of the button's text, which ends with its badge. */
const nomDepartement = (texte) => /^.*?\([0-9AB]+\)/.exec(texte?.trim() ?? "")?.[0] ?? texte;

async function mesurerCases(page, ids, nombre, quoi) {
  const mesures = [];
  for (let i = 0; i < nombre; i++) {
    const id = ids[i % ids.length];
    mesures.push(await cliquerEtMesurer(page, page.locator(`label[for="${id}"]`), `${quoi}, clic ${i + 1}`));
  }
  return resumer(mesures);
}

function resumer(mesures) {
  return {
    mesures,
    entree: statistiques(mesures.map((m) => m.entree)),
    compteur: statistiques(mesures.map((m) => m.compteur)),
    image: statistiques(mesures.map((m) => m.image)),
    enregistre: statistiques(mesures.map((m) => m.enregistre)),
  };
}

/**
 * The whole measure. `lien` is a one-time login link of a "contact" account (its origin is replaced
 * by `base`); `region` the région to porter ({ code, communes } from the territories API).
 */
export async function mesurerPerimetre({ base, lien, region, chargements = 5, cases = 20, toutes = 5, journal = () => {} }) {
  const navigateur = await lancerChromium();
  try {
    const contexte = await navigateur.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await contexte.newPage();
    page.setDefaultTimeout(60_000);
    const url = (chemin) => new URL(chemin, base).href;

    // Login, form chosen, step 1: through the pages, as a person does.
    await etape(page, "connexion par le lien", async () => {
      const l = new URL(lien);
      await page.goto(url(`${l.pathname}${l.search}`));
      await page.getByRole("button", { name: "Me connecter", exact: true }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/connexion"));
    });
    await etape(page, "choix du formulaire « Conseil régional »", async () => {
      await page.goto(url(`${ADRESSE}?persona=conseil-regional`));
      await page.getByRole("heading", { level: 1, name: "Choisissez votre formulaire", exact: true }).waitFor();
      await cocherParLibelle(page, page.getByRole("radio", { name: "Conseil régional", exact: true }));
      await page.getByRole("button", { name: "Valider", exact: true }).click();
      await cocherParLibelle(page, page.getByRole("radio", { name: "Porter une feuille de route territoriale", exact: true }));
      await page.getByRole("button", { name: "Valider", exact: true }).click();
      await page.getByRole("heading", { level: 2, name: /^Renseignez votre région/ }).waitFor();
    });
    let nomRegion = region.code;
    await etape(page, `étape 1, région ${region.code} et contact politique`, async () => {
      const liste = page.getByLabel("Votre région *", { exact: true });
      await liste.selectOption(region.code);
      nomRegion = ((await liste.evaluate((s) => s.selectedOptions[0]?.textContent)) ?? region.code).trim();
      for (const [libelle, valeur] of [
        ["Nom *", "Porteur"],
        ["Prénom *", "Banc"],
        ["Fonction *", "Vice-président"],
        ["Adresse e-mail *", "elu.bench@exemple.fr"],
      ]) {
        await page.getByLabel(libelle, { exact: true }).fill(valeur);
      }
      await page.getByText("Enregistré", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Étape suivante", exact: true }).click();
      await page.waitForURL(/[?&]etape=perimetre\b/);
      await page.getByRole("heading", { level: 2, name: /^Périmètre de votre feuille de route/ }).waitFor();
    });
    const urlPerimetre = url(`${ADRESSE}?etape=perimetre`);
    journal(`Périmètre : ${nomRegion}, étape 2 atteinte ; ${chargements} chargements…`);

    // a. Loading the step (the territory is already in the server's cache: the first visit above).
    const chargementsMesures = [];
    for (let i = 0; i < chargements; i++) {
      chargementsMesures.push(
        await etape(page, `chargement ${i + 1} de l'étape « Périmètre »`, async () => {
          const reponse = await page.goto(urlPerimetre, { waitUntil: "commit" });
          if (!reponse || reponse.status() !== 200) throw new Error(`HTTP ${reponse?.status()}`);
          const r = await page.evaluate(attendrePretDansLaPage, { selecteurBoutons: BOUTONS_DEPARTEMENT, delaiMs: DELAI_MESURE_MS });
          const html = await reponse.text();
          return { ...r, html: Buffer.byteLength(html), enLigne: octetsScriptsEnLigne(html) };
        }),
      );
    }
    const dernier = chargementsMesures[chargementsMesures.length - 1];

    // b. One département and one commune list open: ticks of single communes.
    const boutons = page.locator(BOUTONS_DEPARTEMENT);
    const premier = boutons.first();
    const caseUne = await etape(page, "cases de communes, une liste ouverte", async () => {
      await basculer(page, premier, true);
      const listes = await listesDuDepartement(page, await premier.getAttribute("aria-controls"));
      const liste = listes.reduce((max, l) => (l.n > max.n ? l : max));
      await basculer(page, page.locator(`button[aria-controls="${liste.controle}"]`), true);
      const ids = (await page.locator(`${selecteurId(liste.controle)} input[type="checkbox"]`).evaluateAll((cs) => cs.map((c) => c.id))).filter((id) => !id.endsWith("-toutes"));
      if (ids.length === 0) throw new Error(`aucune commune dans la liste de ${liste.nom}`);
      journal(`Périmètre : ${cases} cases de ${liste.nom} (${liste.n} communes), une liste ouverte…`);
      const r = await mesurerCases(page, ids, cases, "case de commune");
      await basculer(page, premier, false);
      return { ...r, departement: nomDepartement(await premier.textContent()), epci: liste.nom, n: liste.n };
    });

    // c. "Sélectionner toutes les communes" on the largest list of the région.
    const toutesMesures = await etape(page, "« Sélectionner toutes les communes » sur la plus grande liste", async () => {
      let plusGrande = null;
      const nombre = await boutons.count();
      for (let i = 0; i < nombre; i++) {
        const bouton = boutons.nth(i);
        await basculer(page, bouton, true);
        for (const l of await listesDuDepartement(page, await bouton.getAttribute("aria-controls"))) if (!plusGrande || l.n > plusGrande.n) plusGrande = { ...l, indice: i };
        await basculer(page, bouton, false);
      }
      if (!plusGrande) throw new Error("aucune liste de communes");
      const departement = boutons.nth(plusGrande.indice);
      await basculer(page, departement, true);
      await basculer(page, page.locator(`button[aria-controls="${plusGrande.controle}"]`), true);
      const toutesLibelle = page.locator(`label[for="${plusGrande.controle.replace(/-communes$/, "-toutes")}"]`);
      if ((await toutesLibelle.textContent())?.trim() !== "Sélectionner toutes les communes") throw new Error("case « Sélectionner toutes les communes » introuvable");
      journal(`Périmètre : « Sélectionner toutes les communes » de ${plusGrande.nom} (${plusGrande.n} communes), ${toutes} fois dans chaque sens…`);
      const mesures = [];
      for (let i = 0; i < 2 * toutes; i++) mesures.push(await cliquerEtMesurer(page, toutesLibelle, `« Sélectionner toutes les communes », clic ${i + 1}`));
      await basculer(page, departement, false);
      return { ...resumer(mesures), departement: nomDepartement(await departement.textContent()), epci: plusGrande.nom, n: plusGrande.n };
    });

    // d. Everything open: every département and every commune list, then single ticks again.
    journal("Périmètre : ouverture de tous les départements et de toutes les listes…");
    const ouverture = await etape(page, "ouverture de tout le périmètre", async () => {
      const r = await page.evaluate(toutOuvrirDansLaPage, { selecteurBoutons: BOUTONS_DEPARTEMENT });
      if (r.fermes > 0) throw new Error(`${r.fermes} départements ou listes encore fermés`);
      return r;
    });
    const { communes: idsCommunes, ...toutOuvert } = ouverture;
    journal(`Périmètre : ${idsCommunes.length} cases de communes affichées ; ${cases} cases réparties sur toute la région…`);
    const caseToutOuvert = await etape(page, "cases de communes, tout ouvert", async () => {
      const reparties = Array.from({ length: cases }, (_, i) => idsCommunes[Math.floor(((i + 0.5) * idsCommunes.length) / cases)]);
      return mesurerCases(page, reparties, cases, "case de commune, tout ouvert");
    });

    await contexte.close();
    return {
      region: { code: region.code, nom: nomRegion, communes: region.communes },
      chargement: {
        mesures: chargementsMesures,
        pret: statistiques(chargementsMesures.map((c) => c.pret)),
        hydrate: statistiques(chargementsMesures.map((c) => c.hydrate)),
        premierOctet: statistiques(chargementsMesures.map((c) => c.premierOctet)),
        finHtml: statistiques(chargementsMesures.map((c) => c.finHtml)),
        premierAffichage: chargementsMesures.every((c) => c.premierAffichage !== null) ? statistiques(chargementsMesures.map((c) => c.premierAffichage)) : null,
        transfert: dernier.transfert,
        corpsCompresse: dernier.corpsCompresse,
        corps: dernier.corps,
        html: dernier.html,
        enLigne: dernier.enLigne,
        departements: dernier.departements,
      },
      caseUne,
      toutes: toutesMesures,
      toutOuvert: { ...toutOuvert, casesCommunes: idsCommunes.length },
      caseToutOuvert,
    };
  } finally {
    await navigateur.close();
  }
}
