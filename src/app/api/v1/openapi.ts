/*
 * The OpenAPI description of the open interfaces (PRODUCT §12). Every route of /api joins it;
 * a test checks that each route file has its path here.
 */

const erreur = {
  description: "Erreur",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Erreur" } } },
};

export const documentOpenApi = {
  openapi: "3.1.0",
  info: {
    title: "Espace France Numérique Ensemble — API ouverte",
    version: "1.0.0",
    description:
      "Données publiques de l'Espace France Numérique Ensemble. JSON en UTF-8, noms de champs en français ; les erreurs sont { \"erreur\": \"message\" } avec le statut HTTP adapté (400 entrée invalide, 401/403 accès, 404 code inconnu).",
    license: { name: "Licence Ouverte 2.0", url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" },
  },
  paths: {
    "/api/health": {
      get: {
        summary: "État du service",
        responses: {
          "200": {
            description: "Service disponible",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Sante" } } },
          },
          "503": { description: "Base de données indisponible" },
        },
      },
    },
    "/api/v1/territoires/departements": {
      get: {
        summary: "Les 101 départements",
        description:
          "Les 101 départements, dans l'ordre du Code officiel géographique, avec leur population (somme des populations municipales de leurs communes), leur nombre de communes et leur nombre d'EPCI à fiscalité propre présents (un EPCI qui s'étend sur plusieurs départements compte dans chacun). Avec inclureOutreMer=true, les collectivités d'outre-mer suivent, marquées collectiviteOutreMer: true.",
        parameters: [{ name: "inclureOutreMer", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } }],
        responses: {
          "200": {
            description: "Liste des départements",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/DepartementResume" } } } },
          },
          "400": erreur,
        },
      },
    },
    "/api/v1/territoires/departements/{code}": {
      get: {
        summary: "Un département, sa région et ses EPCI",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", examples: ["58", "2A", "971"] } }],
        responses: {
          "200": {
            description: "Le département",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Departement" } } },
          },
          "400": erreur,
          "404": erreur,
        },
      },
    },
    "/api/v1/departements/{code}/candidatures/statistiques": {
      get: {
        summary: "Candidatures d'un département : nombres d'organisations distinctes (porteurs, partenaires suggérés, souhaitent participer)",
        description:
          "Une candidature compte pour un département quand sa région le contient, qu'elle est ce département, que son EPCI a une commune dans ce département ou que sa commune (ou, pour une structure, son département) y est. Un EPCI à cheval sur deux départements compte dans les deux. Les partenaires suggérés sont les collectivités et structures nommées par les formulaires « porter » envoyés : une collectivité compte dans ses propres départements ; une collectivité hors du territoire du porteur, et une structure, comptent là où compte le formulaire du porteur.",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", examples: ["58", "2A"] } }],
        responses: {
          "200": {
            description: "Les nombres",
            content: { "application/json": { schema: { $ref: "#/components/schemas/StatistiquesCandidatures" } } },
          },
          "400": erreur,
          "404": erreur,
        },
      },
    },
    "/api/v1/statistiques/nationales": {
      get: {
        summary: "Statistiques nationales : organisations distinctes candidates par type, gouvernances par état",
        description:
          "candidatsCoPortage compte les collectivités qui portent une feuille de route, souhaitentEtreImpliques celles et les structures qui souhaitent participer. Tant que les gouvernances ne sont pas déposées dans l'espace, chaque département compte dans « aucune ».",
        responses: {
          "200": {
            description: "Les nombres",
            content: { "application/json": { schema: { $ref: "#/components/schemas/StatistiquesNationales" } } },
          },
        },
      },
    },
    "/api/v1/moi": {
      get: {
        summary: "La personne connectée, son rôle et ses territoires",
        responses: {
          "200": {
            description: "La personne connectée",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Moi" } } },
          },
          "401": erreur,
        },
      },
    },
    "/api/v1/openapi.json": {
      get: { summary: "Ce document", responses: { "200": { description: "Document OpenAPI 3.1" } } },
    },
  },
  components: {
    schemas: {
      Erreur: { type: "object", required: ["erreur"], properties: { erreur: { type: "string" } } },
      StatistiquesNationales: {
        type: "object",
        required: ["prefecturesAyantRemonteUneGouvernance", "candidatsCoPortage", "souhaitentEtreImpliques", "gouvernances", "demonstration"],
        properties: {
          prefecturesAyantRemonteUneGouvernance: { type: "integer" },
          candidatsCoPortage: {
            type: "object",
            required: ["conseilsRegionaux", "conseilsDepartementaux", "epci"],
            properties: { conseilsRegionaux: { type: "integer" }, conseilsDepartementaux: { type: "integer" }, epci: { type: "integer" } },
          },
          souhaitentEtreImpliques: {
            type: "object",
            required: ["conseilsRegionaux", "conseilsDepartementaux", "epci", "communes", "structures"],
            properties: {
              conseilsRegionaux: { type: "integer" },
              conseilsDepartementaux: { type: "integer" },
              epci: { type: "integer" },
              communes: { type: "integer" },
              structures: { type: "integer" },
            },
          },
          gouvernances: {
            type: "object",
            required: ["aucune", "brouillon", "deposee", "validee", "aCompleter"],
            properties: { aucune: { type: "integer" }, brouillon: { type: "integer" }, deposee: { type: "integer" }, validee: { type: "integer" }, aCompleter: { type: "integer" } },
          },
          demonstration: { type: "boolean", description: "Vrai quand des candidatures de démonstration (fictives) sont comptées." },
        },
      },
      StatistiquesCandidatures: {
        type: "object",
        required: ["porteurs", "partenairesSuggeres", "souhaitentParticiper", "demonstration"],
        properties: {
          porteurs: { type: "object", required: ["collectivites"], properties: { collectivites: { type: "integer" } } },
          partenairesSuggeres: { type: "object", required: ["collectivites", "structures"], properties: { collectivites: { type: "integer" }, structures: { type: "integer" } } },
          souhaitentParticiper: { type: "object", required: ["collectivites", "structures"], properties: { collectivites: { type: "integer" }, structures: { type: "integer" } } },
          demonstration: { type: "boolean", description: "Vrai quand des candidatures de démonstration (fictives) sont comptées." },
        },
      },
      Moi: {
        type: "object",
        required: ["email", "nom", "prenom", "role", "perimetres"],
        properties: {
          email: { type: "string" },
          nom: { type: ["string", "null"] },
          prenom: { type: ["string", "null"] },
          role: { enum: ["administrateur", "prefecture-region", "prefecture-departement", "contact"] },
          perimetres: {
            type: "array",
            items: { type: "object", required: ["type", "code"], properties: { type: { enum: ["region", "departement"] }, code: { type: "string" } } },
          },
        },
      },
      Sante: {
        type: "object",
        required: ["statut", "baseDeDonnees", "migrations"],
        properties: {
          statut: { const: "ok" },
          baseDeDonnees: { enum: ["pglite", "postgresql"] },
          migrations: { type: "integer", description: "Nombre de migrations appliquées" },
        },
      },
      DepartementResume: {
        type: "object",
        required: ["code", "nom", "codeRegion", "population", "communes", "epci"],
        properties: {
          code: { type: "string" },
          nom: { type: "string" },
          codeRegion: { type: "string" },
          population: { type: "integer" },
          communes: { type: "integer" },
          epci: { type: "integer", description: "EPCI à fiscalité propre ayant au moins une commune dans le département" },
          collectiviteOutreMer: { const: true },
        },
      },
      Departement: {
        type: "object",
        required: ["code", "nom", "region", "population", "communes", "epci"],
        properties: {
          code: { type: "string" },
          nom: { type: "string" },
          region: { type: "object", required: ["code", "nom"], properties: { code: { type: "string" }, nom: { type: "string" } } },
          population: { type: "integer" },
          communes: { type: "integer" },
          collectiviteOutreMer: { const: true },
          epci: {
            type: "array",
            description:
              "Les EPCI ayant au moins une commune dans le département, et pour Paris et la petite couronne les établissements publics territoriaux (nature EPT) de la Métropole du Grand Paris. communes et population portent sur tout l'EPCI, y compris hors du département.",
            items: {
              type: "object",
              required: ["code", "nom", "nature", "communes", "population", "communesDansLeDepartement"],
              properties: {
                code: { type: "string", description: "SIREN" },
                nom: { type: "string" },
                nature: { enum: ["CC", "CA", "CU", "METRO", "MET69", "EPT"] },
                communes: { type: "integer" },
                population: { type: "integer" },
                communesDansLeDepartement: { type: "integer" },
                epciParent: { type: "string", description: "SIREN de l'EPCI qui contient cet EPT" },
              },
            },
          },
        },
      },
    },
  },
} as const;
