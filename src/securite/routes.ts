/*
 * Every route of the application, with who may use it. The authorisation matrix of later issues is
 * generated from this list, and a test checks that it matches the route files of src/app exactly.
 */

/** "public": anyone; "connecte": any logged-in person; "capacite": the permission policy decides (see libelle). */
export type Acces = "public" | "connecte" | "capacite";

export interface Route {
  chemin: string;
  /** "redirection": a route handler outside /api that answers with a redirect (the ProConnect steps); "fichier": a download. */
  type: "page" | "api" | "redirection" | "fichier";
  methodes: ReadonlyArray<"GET" | "POST" | "PUT" | "PATCH" | "DELETE">;
  acces: Acces;
  libelle: string;
}

export const ROUTES: ReadonlyArray<Route> = [
  { chemin: "/", type: "page", methodes: ["GET"], acces: "public", libelle: "Accueil" },
  { chemin: "/donnees", type: "page", methodes: ["GET"], acces: "public", libelle: "Données de l'Inclusion Numérique (redirige vers le tableau de bord national)" },
  { chemin: "/donnees/national", type: "page", methodes: ["GET"], acces: "public", libelle: "Tableau de bord des données, France entière" },
  { chemin: "/donnees/national/{fichier}", type: "fichier", methodes: ["GET"], acces: "public", libelle: "Un tableau du tableau de bord national en CSV" },
  { chemin: "/donnees/departements", type: "page", methodes: ["GET"], acces: "public", libelle: "Choix du département (redirige vers son tableau de bord)" },
  { chemin: "/donnees/departements/{code}", type: "page", methodes: ["GET"], acces: "public", libelle: "Tableau de bord des données d'un département, carte de l'IFN" },
  { chemin: "/donnees/departements/{code}/{fichier}", type: "fichier", methodes: ["GET"], acces: "public", libelle: "Un tableau du tableau de bord d'un département en CSV" },
  { chemin: "/gouvernance", type: "page", methodes: ["GET"], acces: "public", libelle: "Participer à l'élaboration des feuilles de routes territoriales" },
  { chemin: "/gouvernance/{persona}", type: "page", methodes: ["GET", "POST"], acces: "public", libelle: "Page d'un formulaire (persona) : lien de connexion, ou commencer" },
  { chemin: "/gouvernance/formulaire", type: "page", methodes: ["GET", "POST"], acces: "connecte", libelle: "Le formulaire en cours de la personne connectée (le sien seulement)" },
  { chemin: "/administration", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Administration (capacité administrer)" },
  { chemin: "/administration/campagnes", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Campagnes : ouverture, clôture, prolongations par département (capacité administrer)" },
  { chemin: "/administration/courriels", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Courriels (capacité administrer)" },
  { chemin: "/administration/donnees/publics", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Taux nationaux du diagnostic des publics (capacité administrer)" },
  { chemin: "/administration/donnees/publics/ajouter", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Ajouter un taux national (capacité administrer)" },
  { chemin: "/administration/donnees/publics/{id}", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Un taux national : le modifier ou le supprimer (capacité administrer)" },
  { chemin: "/administration/utilisateurs", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Utilisateurs (capacité administrer)" },
  { chemin: "/administration/utilisateurs/inviter", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Inviter un utilisateur (capacité administrer)" },
  { chemin: "/administration/utilisateurs/{id}", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Un utilisateur : rôle, périmètre, état, historique (capacité administrer)" },
  { chemin: "/gouvernances", type: "page", methodes: ["GET"], acces: "public", libelle: "Espace préfecture : le dernier territoire ouvert (ou celui choisi), sinon sa présentation" },
  { chemin: "/gouvernances/departements/{code}", type: "page", methodes: ["GET"], acces: "public", libelle: "Gouvernance - {département} (vue préfecture avec la capacité lireEspaceDepartement, vue publique sinon)" },
  { chemin: "/gouvernances/departements/{code}/gouvernance", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Création d'une gouvernance : la proposition du département, section par section (lireEspaceDepartement ; modifierEspaceDepartement pour enregistrer)" },
  { chemin: "/gouvernances/departements/{code}/gouvernance/impression", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Version imprimable de la proposition de gouvernance, toutes sections comprises (lireEspaceDepartement ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/departements/{code}/besoins", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Besoins en ingénierie financière : présentation et date limite (lireEspaceDepartement ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/departements/{code}/besoins/selection", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Besoins en ingénierie financière, étape 1 : sélection des besoins (lireEspaceDepartement ; modifierEspaceDepartement pour enregistrer, avant la date limite)" },
  { chemin: "/gouvernances/departements/{code}/besoins/priorisation", type: "page", methodes: ["GET", "POST"], acces: "capacite", libelle: "Besoins en ingénierie financière, étape 2 : classement par priorité (lireEspaceDepartement ; modifierEspaceDepartement pour enregistrer, avant la date limite)" },
  { chemin: "/gouvernances/departements/{code}/candidats", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Candidats à la gouvernance d'un département (lireEspaceDepartement ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/departements/{code}/contacts", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Liste des contacts d'un département (lireEspaceDepartement)" },
  { chemin: "/gouvernances/departements/{code}/contacts.csv", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export CSV des contacts d'un département (lireEspaceDepartement)" },
  { chemin: "/gouvernances/departements/{code}/contacts.xlsx", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export XLSX des contacts d'un département (lireEspaceDepartement)" },
  { chemin: "/gouvernances/departements/{code}/documents/{id}", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Une version du document d'une feuille de route, en pièce jointe (lireEspaceDepartement ; 404 sinon)" },
  { chemin: "/gouvernances/regions/{code}", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Gouvernance - {région} (lireEspaceRegion ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/regions/{code}/candidats", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Candidats d'une région (lireEspaceRegion)" },
  { chemin: "/gouvernances/regions/{code}/contacts", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Liste des contacts d'une région (lireEspaceRegion)" },
  { chemin: "/gouvernances/regions/{code}/contacts.csv", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export CSV des contacts d'une région (lireEspaceRegion)" },
  { chemin: "/gouvernances/regions/{code}/contacts.xlsx", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export XLSX des contacts d'une région (lireEspaceRegion)" },
  { chemin: "/gouvernances/national", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Gouvernance - France entière (lireEspaceNational ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/national/candidats", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Candidats de toute la France (lireEspaceNational)" },
  { chemin: "/gouvernances/national/contacts", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Liste des contacts de toute la France (lireEspaceNational)" },
  { chemin: "/gouvernances/national/contacts.csv", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export CSV national des contacts (lireEspaceNational)" },
  { chemin: "/gouvernances/national/contacts.xlsx", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export XLSX national des contacts (lireEspaceNational)" },
  { chemin: "/gouvernances/national/besoins", type: "page", methodes: ["GET"], acces: "capacite", libelle: "Besoins en ingénierie financière — France entière : synthèse par besoin et par département (lireEspaceNational ; présentation de l'espace sinon)" },
  { chemin: "/gouvernances/national/besoins.csv", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export CSV national des besoins en ingénierie financière, une ligne par département et par besoin (lireEspaceNational)" },
  { chemin: "/gouvernances/national/besoins.xlsx", type: "fichier", methodes: ["GET"], acces: "capacite", libelle: "Export XLSX national des besoins en ingénierie financière, avec la synthèse par besoin (lireEspaceNational)" },
  { chemin: "/accessibilite", type: "page", methodes: ["GET"], acces: "public", libelle: "Déclaration d'accessibilité" },
  { chemin: "/mentions-legales", type: "page", methodes: ["GET"], acces: "public", libelle: "Mentions légales" },
  { chemin: "/donnees-personnelles", type: "page", methodes: ["GET"], acces: "public", libelle: "Données personnelles" },
  { chemin: "/connexion", type: "page", methodes: ["GET", "POST"], acces: "public", libelle: "Se connecter" },
  { chemin: "/connexion/verification", type: "page", methodes: ["GET"], acces: "public", libelle: "Vérifiez votre messagerie" },
  { chemin: "/connexion/lien", type: "page", methodes: ["GET", "POST"], acces: "public", libelle: "Connexion par lien" },
  { chemin: "/connexion/erreur", type: "page", methodes: ["GET"], acces: "public", libelle: "Connexion impossible" },
  { chemin: "/connexion/proconnect", type: "redirection", methodes: ["GET"], acces: "public", libelle: "S'identifier avec ProConnect (redirection vers le fournisseur)" },
  { chemin: "/connexion/proconnect/retour", type: "redirection", methodes: ["GET"], acces: "public", libelle: "Retour de ProConnect (code, état)" },
  { chemin: "/connexion/acces-non-attribue", type: "page", methodes: ["GET", "POST"], acces: "public", libelle: "Accès non encore attribué (demande d'accès)" },
  { chemin: "/profil", type: "page", methodes: ["GET", "POST"], acces: "connecte", libelle: "Mon profil" },
  { chemin: "/api/v1/moi", type: "api", methodes: ["GET"], acces: "connecte", libelle: "La personne connectée" },
  { chemin: "/api/health", type: "api", methodes: ["GET"], acces: "public", libelle: "État du service" },
  { chemin: "/api/v1/openapi.json", type: "api", methodes: ["GET"], acces: "public", libelle: "Document OpenAPI" },
  { chemin: "/api/v1/territoires/departements", type: "api", methodes: ["GET"], acces: "public", libelle: "Départements" },
  { chemin: "/api/v1/territoires/departements/{code}", type: "api", methodes: ["GET"], acces: "public", libelle: "Un département" },
  { chemin: "/api/v1/donnees/national", type: "api", methodes: ["GET"], acces: "public", libelle: "Indicateurs nationaux des données de l'inclusion numérique" },
  { chemin: "/api/v1/donnees/departements/{code}", type: "api", methodes: ["GET"], acces: "public", libelle: "Indicateurs et IFN des communes d'un département" },
  { chemin: "/api/v1/statistiques/nationales", type: "api", methodes: ["GET"], acces: "public", libelle: "Statistiques nationales (organisations distinctes, état des gouvernances)" },
  { chemin: "/api/v1/gouvernances", type: "api", methodes: ["GET"], acces: "public", libelle: "Les gouvernances des départements : état, date de dépôt, nombre de feuilles de route des gouvernances publiques" },
  { chemin: "/api/v1/gouvernances/{code}", type: "api", methodes: ["GET"], acces: "public", libelle: "La gouvernance d'un département, vue publique (déposée ou validée ; sans contact du sous-préfet ni note de contexte)" },
  { chemin: "/api/v1/departements/{code}/candidatures/statistiques", type: "api", methodes: ["GET"], acces: "public", libelle: "Statistiques des candidatures d'un département (agrégats seulement)" },
  { chemin: "/api/v1/departements/{code}/feuilles-de-route/{feuille}/documents", type: "api", methodes: ["POST"], acces: "capacite", libelle: "Déposer une nouvelle version du document d'une feuille de route (modifierEspaceDepartement, avant la date limite)" },
];

/** A concrete address to visit for each route (parameters filled with a real example). */
export function exempleDeChemin(route: Route): string {
  return route.chemin.replace("/regions/{code}", "/regions/27").replace("{code}", "58").replace("{id}", "00000000-0000-4000-8000-000000000000").replace("{persona}", "commune").replace("{feuille}", "feuille-1");
}
