/*
 * The layer rule of ARCHITECTURE.md, as an ESLint rule: each folder of src/ may import only the
 * layers listed for it. `domain` imports nothing outside itself (no package, no Node module).
 * Test files and test helpers are exempt: they assemble layers on purpose.
 */
import path from "node:path";

/** Which layers each layer may import. `*` marks a composition root. */
export const DEPENDANCES_AUTORISEES = {
  domain: ["domain"],
  db: ["db", "domain"],
  integrations: ["integrations", "domain"],
  services: ["services", "domain", "db", "integrations"],
  ui: ["ui", "domain"],
  app: ["app", "services", "ui", "domain", "db/connexion-application", "securite"],
  securite: ["securite", "domain"],
  cli: ["cli", "services", "db", "domain", "integrations"],
  serveur: ["*"],
};

/** Packages domain code may use: none yet (pure TypeScript). */
export const PAQUETS_AUTORISES_DANS_LE_DOMAINE = [];

const FICHIERS_EXEMPTES = [/\.test\.tsx?$/, /\.int\.test\.ts$/, /\.pglite\.test\.ts$/, /\/src\/db\/test\//];

function coucheDe(cheminDansSrc) {
  const [premier] = cheminDansSrc.split("/");
  return premier && premier in DEPENDANCES_AUTORISEES ? premier : null;
}

function autorise(couche, cible) {
  const permis = DEPENDANCES_AUTORISEES[couche];
  if (permis.includes("*")) return true;
  return permis.some((p) => cible === p || cible.startsWith(`${p}/`) || cible.split("/")[0] === p);
}

export const regleCouches = {
  meta: {
    type: "problem",
    docs: { description: "Impose le sens des dépendances entre les couches de src/." },
    messages: {
      interdit: "La couche « {{couche}} » ne peut pas importer « {{cible}} » (couche « {{coucheCible}} »). Autorisé : {{permis}}.",
      paquetDansLeDomaine: "Le domaine est pur : il n'importe ni paquet ni module Node (« {{cible}} »).",
    },
    schema: [],
  },
  create(context) {
    const fichier = context.filename.split(path.sep).join("/");
    const indexSrc = fichier.lastIndexOf("/src/");
    if (indexSrc < 0 || FICHIERS_EXEMPTES.some((m) => m.test(fichier))) return {};
    const dansSrc = fichier.slice(indexSrc + "/src/".length);
    const couche = coucheDe(dansSrc);
    if (!couche) return {};

    function verifier(noeud, source) {
      if (typeof source !== "string") return;
      let cible = null;
      if (source.startsWith("@/")) cible = source.slice(2);
      else if (source.startsWith(".")) {
        const absolu = path.posix.normalize(path.posix.join(path.posix.dirname(dansSrc), source));
        cible = absolu.startsWith("..") ? null : absolu;
      } else if (couche === "domain" && !PAQUETS_AUTORISES_DANS_LE_DOMAINE.includes(source)) {
        context.report({ node: noeud, messageId: "paquetDansLeDomaine", data: { cible: source } });
        return;
      }
      if (cible === null) return;
      const coucheCible = coucheDe(cible) ?? cible.split("/")[0];
      if (coucheCible === couche) return;
      if (!autorise(couche, cible)) {
        context.report({
          node: noeud,
          messageId: "interdit",
          data: { couche, cible: source, coucheCible, permis: DEPENDANCES_AUTORISEES[couche].join(", ") },
        });
      }
    }

    return {
      ImportDeclaration: (n) => verifier(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && verifier(n.source, n.source.value),
      ExportAllDeclaration: (n) => verifier(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && verifier(n.source, n.source.value),
    };
  },
};

export default { rules: { couches: regleCouches } };
