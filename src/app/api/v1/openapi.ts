/*
 * The OpenAPI description of the open interfaces (PRODUCT §12). Every route of /api joins it;
 * a test checks that each route file has its path here.
 */

const erreur = {
  description: "Erreur",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Erreur" } } },
};

const depotRefuse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/DepotRefuse" } } },
});

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
    "/api/v1/donnees/departements/{code}": {
      get: {
        summary: "Tableau de bord des données d'un département : indicateurs, lieux, IFN de ses communes et EPCI",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", examples: ["58", "2A", "971"] } }],
        responses: {
          "200": { description: "Les indicateurs du département", content: { "application/json": { schema: { $ref: "#/components/schemas/DonneesDepartement" } } } },
          "400": erreur,
          "404": erreur,
        },
      },
    },
    "/api/v1/donnees/national": {
      get: {
        summary: "Tableau de bord national des données, avec une ligne par département",
        responses: { "200": { description: "Les indicateurs nationaux", content: { "application/json": { schema: { $ref: "#/components/schemas/DonneesNational" } } } } },
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
    "/api/v1/departements/{code}/feuilles-de-route/{feuille}/documents": {
      post: {
        summary: "Déposer une nouvelle version du document d'une feuille de route",
        description:
          "Réservé à la préfecture du département (et à l'équipe nationale), avec sa session, jusqu'à la date limite de la gouvernance. La feuille de route doit être enregistrée dans la section « Feuilles de route & porteurs ». Le fichier est un PDF ou un fichier bureautique (Word, Excel, PowerPoint : .docx, .xlsx, .pptx, .doc, .xls, .ppt ; OpenDocument : .odt, .ods, .odp), reconnu à son extension et à ses premiers octets, de 25 Mo au plus ; chaque dépôt ajoute une version, les précédentes sont gardées. Les réponses sont { ok: true, document } ou { ok: false, message } (message en français).",
        parameters: [
          { name: "code", in: "path", required: true, schema: { type: "string", examples: ["58", "2A"] } },
          { name: "feuille", in: "path", required: true, description: "Identifiant de la feuille de route dans la gouvernance", schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } },
        ],
        requestBody: {
          required: true,
          content: { "multipart/form-data": { schema: { type: "object", required: ["fichier"], properties: { fichier: { type: "string", format: "binary" } } } } },
        },
        responses: {
          "201": {
            description: "Le document déposé",
            content: {
              "application/json": {
                schema: { type: "object", required: ["ok", "document"], properties: { ok: { const: true }, document: { $ref: "#/components/schemas/DocumentFeuilleDeRoute" } } },
              },
            },
          },
          "400": depotRefuse("Fichier absent, vide, d'un format non accepté, ou dont le contenu ne correspond pas à l'extension"),
          "401": depotRefuse("Connexion requise"),
          "403": depotRefuse("Compte sans droit d'écriture sur ce département, ou requête venue d'un autre site"),
          "404": depotRefuse("Département ou feuille de route inconnus"),
          "409": depotRefuse("Date limite passée"),
          "413": depotRefuse("Fichier de plus de 25 Mo"),
        },
      },
    },
    "/api/v1/statistiques/nationales": {
      get: {
        summary: "Statistiques nationales : organisations distinctes candidates par type, gouvernances par état",
        description:
          "candidatsCoPortage compte les collectivités qui portent une feuille de route, souhaitentEtreImpliques celles et les structures qui souhaitent participer. gouvernances compte les 101 départements selon l'état de leur gouvernance (« aucune » : pas encore commencée) ; prefecturesAyantRemonteUneGouvernance compte celles qui l'ont déposée au moins une fois (déposée, validée ou à compléter).",
        responses: {
          "200": {
            description: "Les nombres",
            content: { "application/json": { schema: { $ref: "#/components/schemas/StatistiquesNationales" } } },
          },
        },
      },
    },
    "/api/v1/gouvernances": {
      get: {
        summary: "Les gouvernances des 101 départements : état, date de dépôt, nombre de feuilles de route",
        description:
          "Un élément par département (les collectivités d'outre-mer n'ont pas de gouvernance), dans l'ordre du Code officiel géographique. etat vaut aucune (pas encore commencée), brouillon (libellé « En préparation »), deposee, validee ou aCompleter. Le contenu d'une gouvernance n'est public qu'une fois déposée ou validée (public: true) ; feuillesDeRoute vaut alors son nombre de feuilles de route, null sinon.",
        responses: {
          "200": {
            description: "La liste",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/GouvernanceResume" } } } },
          },
        },
      },
    },
    "/api/v1/gouvernances/{code}": {
      get: {
        summary: "La gouvernance d'un département, vue publique",
        description:
          "Une gouvernance déposée ou validée : son état et ses dates, ses co-porteurs (ou « Pas de co-porteur »), ses membres, sa comitologie, ses feuilles de route (porteur, périmètre, contrat) et les structures recruteuses des coordinateurs de conseillers numériques. Le contact du sous-préfet référent et la note de contexte ne sont jamais publiés. Tant que la gouvernance n'est ni déposée ni validée (aucune, brouillon, aCompleter), la réponse est 200 avec seulement { departement, etat, libelleEtat, public: false }.",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", examples: ["58", "2A"] } }],
        responses: {
          "200": {
            description: "La gouvernance publique, ou son seul état",
            content: {
              "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/GouvernancePublique" }, { $ref: "#/components/schemas/GouvernanceNonPublique" }] } },
            },
          },
          "400": erreur,
          "404": erreur,
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
      DepotRefuse: { type: "object", required: ["ok", "message"], properties: { ok: { const: false }, message: { type: "string" } } },
      DocumentFeuilleDeRoute: {
        type: "object",
        required: ["id", "feuilleId", "version", "nomFichier", "typeMime", "taille", "deposeLe", "url"],
        properties: {
          id: { type: "string", format: "uuid" },
          feuilleId: { type: "string" },
          version: { type: "integer", minimum: 1, description: "1 pour le premier document de la feuille de route, puis un de plus à chaque dépôt" },
          nomFichier: { type: "string", description: "Le nom donné, sans dossier ni caractère de contrôle, 150 caractères au plus" },
          typeMime: { type: "string", description: "Déduit du format reconnu, jamais de ce que le navigateur annonce" },
          taille: { type: "integer", description: "En octets" },
          deposeLe: { type: "string", format: "date-time" },
          url: { type: "string", description: "Adresse de téléchargement (session requise)" },
        },
      },
      Indicateur: {
        type: "object",
        required: ["valeur", "source", "dateMiseAJour", "demonstration"],
        properties: {
          valeur: { type: ["number", "null"], description: "null : « Non disponible » (aucune donnée de cette nature, jamais un zéro inventé)" },
          source: { type: "string" },
          dateMiseAJour: { type: ["string", "null"], format: "date" },
          demonstration: { type: "boolean", description: "Vrai pour des données de démonstration, fictives" },
          calcule: { const: true, description: "Présent quand la valeur est notre calcul (moyenne pondérée, ratio)" },
        },
      },
      ScoresIfn: {
        type: "object",
        required: ["score", "thd", "quatreG", "pauvrete", "plus65", "peuDiplomes"],
        description: "Notes de 1 (risque faible) à 10 (risque fort) ; null : « Non disponible » (ligne du fichier à zéro, ou absente)",
        properties: {
          score: { type: ["number", "null"] },
          thd: { type: ["number", "null"], description: "Non-couverture très haut débit" },
          quatreG: { type: ["number", "null"], description: "Non-couverture 4G" },
          pauvrete: { type: ["number", "null"] },
          plus65: { type: ["number", "null"], description: "Part des 65 ans et plus" },
          peuDiplomes: { type: ["number", "null"], description: "Part des pas ou peu diplômés" },
        },
      },
      IfnTerritoire: {
        allOf: [
          { $ref: "#/components/schemas/ScoresIfn" },
          {
            type: "object",
            required: ["code", "nom", "calcule"],
            properties: {
              code: { type: "string" },
              nom: { type: "string" },
              calcule: { type: "boolean", description: "Faux : la ligne du fichier telle quelle. Vrai : moyenne pondérée par la population de plusieurs lignes (arrondissements, communes fusionnées) ou des communes du territoire" },
            },
          },
        ],
      },
      Lieux: {
        type: "object",
        required: ["total", "parTypologie", "parDispositif", "qpv", "frr", "source", "dateMiseAJour", "demonstration"],
        properties: {
          total: { type: ["integer", "null"] },
          parTypologie: {
            type: ["object", "null"],
            properties: Object.fromEntries(["publicCommune", "publicEpci", "publicDepartement", "publicAutre", "associations", "autresActeursPrives", "nonDefini"].map((c) => [c, { type: "integer" }])),
          },
          parDispositif: { type: ["object", "null"], additionalProperties: { type: "integer" }, description: "Labels et programmes nationaux : Conseillers numériques, France Services, Aidants Connect…" },
          qpv: { type: ["integer", "null"] },
          frr: { type: ["integer", "null"], description: "France Ruralités Revitalisation (ex-ZRR)" },
          source: { type: "string" },
          dateMiseAJour: { type: ["string", "null"], format: "date" },
          demonstration: { type: "boolean" },
        },
      },
      IndicateursDonnees: {
        type: "object",
        properties: Object.fromEntries(
          ["population", "communes", "epci", "lieux", "lieuxPour10000Habitants", "lieuxQpv", "lieuxFrr", "aidantsConnect", "structuresAidantsConnect", "conseillersNumeriques", "coordinateursConseillersNumeriques", "ifn"].map((c) => [c, { $ref: "#/components/schemas/Indicateur" }]),
        ),
      },
      DonneesDepartement: {
        type: "object",
        required: ["code", "nom", "codeRegion", "millesimeCog", "indicateurs", "lieux", "ifn"],
        properties: {
          code: { type: "string" },
          nom: { type: "string" },
          codeRegion: { type: "string" },
          millesimeCog: { type: ["string", "null"] },
          indicateurs: { $ref: "#/components/schemas/IndicateursDonnees" },
          lieux: { $ref: "#/components/schemas/Lieux" },
          ifnDuTerritoire: { description: "Moyenne des communes pondérée par la population (notre calcul)", oneOf: [{ $ref: "#/components/schemas/ScoresIfn" }, { type: "null" }] },
          ifn: {
            type: "object",
            required: ["source", "dateMiseAJour", "demonstration", "communes", "epci"],
            properties: {
              source: { type: "string" },
              dateMiseAJour: { type: ["string", "null"], format: "date" },
              demonstration: { type: "boolean" },
              communes: { type: "array", description: "Les communes actuelles du département", items: { $ref: "#/components/schemas/IfnTerritoire" } },
              epci: { type: "array", items: { $ref: "#/components/schemas/IfnTerritoire" } },
            },
          },
        },
      },
      DonneesNational: {
        type: "object",
        required: ["millesimeCog", "indicateurs", "lieux", "ifn", "departements"],
        properties: {
          millesimeCog: { type: ["string", "null"] },
          indicateurs: { $ref: "#/components/schemas/IndicateursDonnees" },
          lieux: { $ref: "#/components/schemas/Lieux" },
          ifnDuTerritoire: { oneOf: [{ $ref: "#/components/schemas/ScoresIfn" }, { type: "null" }] },
          ifn: {
            type: "object",
            required: ["source", "dateMiseAJour", "demonstration", "departements"],
            properties: {
              source: { type: "string" },
              dateMiseAJour: { type: ["string", "null"], format: "date" },
              demonstration: { type: "boolean" },
              departements: { type: "array", items: { $ref: "#/components/schemas/IfnTerritoire" } },
            },
          },
          departements: {
            type: "array",
            items: {
              type: "object",
              required: ["code", "nom", "codeRegion", "population", "lieux", "lieuxPour10000Habitants", "aidantsConnect", "conseillersNumeriques", "ifn"],
              properties: {
                code: { type: "string" },
                nom: { type: "string" },
                codeRegion: { type: "string" },
                population: { type: "integer" },
                lieux: { type: ["integer", "null"] },
                lieuxPour10000Habitants: { type: ["number", "null"] },
                aidantsConnect: { type: ["integer", "null"] },
                conseillersNumeriques: { type: ["integer", "null"] },
                ifn: { oneOf: [{ $ref: "#/components/schemas/ScoresIfn" }, { type: "null" }] },
              },
            },
          },
        },
      },
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
      EtatGouvernance: { enum: ["aucune", "brouillon", "deposee", "validee", "aCompleter"] },
      DepartementDeLaGouvernance: {
        type: "object",
        required: ["code", "nom", "region"],
        properties: {
          code: { type: "string" },
          nom: { type: "string" },
          region: { type: "object", required: ["code", "nom"], properties: { code: { type: "string" }, nom: { type: "string" } } },
        },
      },
      GouvernanceResume: {
        type: "object",
        required: ["code", "nom", "codeRegion", "etat", "libelleEtat", "public", "deposeeLe", "valideeLe", "feuillesDeRoute"],
        properties: {
          code: { type: "string" },
          nom: { type: "string" },
          codeRegion: { type: "string" },
          etat: { $ref: "#/components/schemas/EtatGouvernance" },
          libelleEtat: { type: "string", examples: ["Aucune gouvernance", "En préparation", "Déposée", "Validée", "À compléter"] },
          public: { type: "boolean", description: "Vrai pour une gouvernance déposée ou validée" },
          deposeeLe: { type: ["string", "null"], format: "date-time", description: "Le dernier dépôt" },
          valideeLe: { type: ["string", "null"], format: "date-time" },
          feuillesDeRoute: { type: ["integer", "null"], description: "Nombre de feuilles de route d'une gouvernance publique ; null sinon" },
        },
      },
      GouvernanceNonPublique: {
        type: "object",
        required: ["departement", "etat", "libelleEtat", "public"],
        properties: {
          departement: { $ref: "#/components/schemas/DepartementDeLaGouvernance" },
          etat: { enum: ["aucune", "brouillon", "aCompleter"] },
          libelleEtat: { type: "string" },
          public: { const: false },
        },
      },
      GouvernancePublique: {
        type: "object",
        required: ["public", "departement", "etat", "libelleEtat", "deposeeLe", "valideeLe", "demonstration", "coPorteurs", "membres", "comites", "feuillesDeRoute", "coordination"],
        properties: {
          public: { const: true },
          departement: { $ref: "#/components/schemas/DepartementDeLaGouvernance" },
          etat: { enum: ["deposee", "validee"] },
          libelleEtat: { type: "string" },
          deposeeLe: { type: ["string", "null"], format: "date-time", description: "Le dernier dépôt" },
          valideeLe: { type: ["string", "null"], format: "date-time", description: "La validation par l'équipe nationale ; null tant qu'elle est seulement déposée" },
          demonstration: { type: "boolean", description: "Vrai pour une gouvernance de démonstration, fictive" },
          coPorteurs: {
            type: "object",
            required: ["sansCoPorteur", "noms", "libelle"],
            properties: {
              sansCoPorteur: { type: "boolean", description: "Vrai : la préfecture porte seule la gouvernance" },
              noms: { type: "array", items: { type: "string" } },
              libelle: { type: "string", description: "« Pas de co-porteur », ou les noms séparés par des virgules" },
            },
          },
          membres: {
            type: "array",
            items: {
              type: "object",
              required: ["nom", "type", "libelleType"],
              properties: {
                nom: { type: "string" },
                type: { enum: ["region", "departement", "epci", "commune", "structure"] },
                libelleType: { type: "string" },
                code: { type: "string", description: "Code officiel d'une collectivité ajoutée par la préfecture (code de région, de département, SIREN d'un EPCI, code INSEE d'une commune)" },
                siret: { type: "string", description: "SIRET d'une structure ajoutée par la préfecture" },
              },
            },
          },
          comites: {
            type: "array",
            items: {
              type: "object",
              required: ["type", "libelleType", "frequence", "libelleFrequence"],
              properties: {
                type: { enum: ["strategique", "technique", "consultatif", "autre"] },
                libelleType: { type: "string", examples: ["Comité stratégique", "Autre : Comité des usagers"] },
                frequence: { enum: ["mensuelle", "trimestrielle", "semestrielle", "annuelle"] },
                libelleFrequence: { type: "string" },
                commentaire: { type: "string" },
              },
            },
          },
          feuillesDeRoute: {
            type: "array",
            items: {
              type: "object",
              required: ["nom", "porteur", "libellePorteur", "perimetre", "contrat"],
              properties: {
                nom: { type: "string" },
                porteur: { type: ["string", "null"], description: "Nom du membre qui la porte ; null : portée seulement par la préfecture" },
                libellePorteur: { type: "string", examples: ["Porté seulement par la préfecture"] },
                perimetre: {
                  type: "object",
                  required: ["type", "libelle", "communes"],
                  properties: {
                    type: { enum: ["regional", "departemental", "epci", "communes"] },
                    libelle: { type: "string", examples: ["Départemental", "EPCI : CC Amognes Cœur du Nivernais (27 communes)", "Sélection de 12 communes"] },
                    epci: { type: "array", items: { type: "object", required: ["code", "nom"], properties: { code: { type: "string", description: "SIREN" }, nom: { type: "string" } } } },
                    communes: { type: "integer", description: "Nombre de communes du département couvertes" },
                  },
                },
                contrat: {
                  type: "object",
                  required: ["existe", "libelle"],
                  properties: {
                    existe: { type: "boolean" },
                    type: { enum: ["CRTE", "SDAASaP", "SDIN", "SDUN", "Autre"] },
                    precision: { type: "string" },
                    libelle: { type: "string", examples: ["Non", "CRTE", "Autre : contrat local"] },
                  },
                },
              },
            },
          },
          coordination: {
            type: "array",
            description: "Les structures et collectivités recruteuses des coordinateurs de conseillers numériques",
            items: { type: "object", required: ["nom"], properties: { nom: { type: "string" }, siret: { type: "string" } } },
          },
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
