import { LIBELLES_ROLES, estRole } from "@/domain/identite/roles";

/** What an error may say about itself (see the `details` of a failed Resultat). */
export interface DetailsErreur {
  code?: unknown;
  type?: unknown;
  detail?: unknown;
  email?: unknown;
  role?: unknown;
  nombre?: unknown;
  maximum?: unknown;
  dateLimite?: unknown;
  membres?: unknown;
  messages?: unknown;
  raison?: unknown;
  sections?: unknown;
  etat?: unknown;
}

const texte = (v: unknown) => (typeof v === "string" ? v : "");
const libelleRole = (v: unknown) => (typeof v === "string" && estRole(v) ? LIBELLES_ROLES[v] : texte(v));

/** Every business error code, once, as the French sentence users read. */
const MESSAGES = {
  codeDepartementInvalide: ({ code }: DetailsErreur) => `Code de département invalide : « ${texte(code)} ». Exemples de codes : 01, 2A, 58, 971.`,
  departementInconnu: ({ code }: DetailsErreur) => `Aucun département ne porte le code « ${texte(code)} ».`,
  territoiresAbsents: () => "Les territoires ne sont pas chargés.",
  emailInvalide: () => "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.gouv.fr).",
  tropDeDemandes: () => "Trop de demandes de lien en peu de temps : réessayez dans 15 minutes.",
  lienInconnu: () => "Ce lien de connexion n'est pas valide. Vérifiez qu'il est complet, ou demandez-en un nouveau.",
  lienDejaUtilise: () => "Ce lien de connexion a déjà servi : un lien ne sert qu'une fois. Demandez-en un nouveau.",
  lienExpire: () => "Ce lien de connexion a expiré : il n'est valable que 15 minutes. Demandez-en un nouveau.",
  compteDesactive: () => "Ce compte est désactivé. Contactez l'équipe nationale France Numérique Ensemble.",
  refuseParLeFournisseur: () => "La connexion avec ProConnect a été annulée ou refusée. Vous pouvez réessayer, ou demander un lien de connexion par e-mail.",
  reponseInvalide: () => "La réponse de ProConnect n'a pas pu être vérifiée. Réessayez ; si le problème persiste, demandez un lien de connexion par e-mail.",
  fournisseurInjoignable: () => "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou demandez un lien de connexion par e-mail.",
  configuration: () => "La connexion avec ProConnect n'est pas disponible sur ce service. Demandez un lien de connexion par e-mail.",
  etatInconnu: () => "Cette tentative de connexion avec ProConnect a expiré ou a déjà servi. Recommencez depuis la page de connexion.",
  demandeInconnue: () => "Votre identification ProConnect a expiré (une heure au plus). Reconnectez-vous avec ProConnect pour demander un accès.",
  demandeDejaEnvoyee: () => "Votre demande d'accès a déjà été transmise à l'équipe nationale.",
  formulaireInvalide: ({ detail }: DetailsErreur) => `Le formulaire contient une erreur${texte(detail) ? ` : ${texte(detail)}` : "."}`,
  roleInconnu: ({ role }: DetailsErreur) => `Rôle inconnu : « ${texte(role)} ».`,
  perimetresInvalides: ({ role }: DetailsErreur) =>
    role === "prefecture-departement"
      ? "Cochez au moins un département pour une préfecture de département."
      : role === "prefecture-region"
        ? "Cochez au moins une région pour une préfecture de région."
        : `Le rôle « ${libelleRole(role)} » ne prend pas de périmètre.`,
  territoireInconnu: ({ code }: DetailsErreur) => `Aucun territoire ne porte le code « ${texte(code)} ».`,
  utilisateurExistant: ({ email }: DetailsErreur) => `Un compte existe déjà pour ${texte(email) || "cette adresse"} : modifiez son accès depuis la liste des utilisateurs.`,
  utilisateurInconnu: () => "Cet utilisateur n'existe pas.",
  modificationDeSoiMeme: () => "Vous ne pouvez pas changer votre propre rôle ni désactiver votre propre compte : demandez-le à un autre administrateur.",
  personaInconnue: () => "Ce formulaire n'existe pas : choisissez parmi les cinq formulaires proposés.",
  formulaireInconnu: () => "Ce formulaire n'existe pas ou a été effacé.",
  formulaireEnvoye: () => "Ce formulaire a déjà été envoyé : il ne se modifie plus. Vous pouvez en recommencer un.",
  intentionInvalide: () => "Choisissez « Porter une feuille de route territoriale » ou « Participer à l'élaboration des feuilles de routes territoriales ».",
  brouillonInvalide: ({ detail }: DetailsErreur) => `Enregistrement impossible${texte(detail) ? ` : ${texte(detail)}` : "."}`,
  formulaireIncomplet: () => "Le formulaire n'est pas complet : corrigez les champs signalés.",
  etapeInaccessible: () => "Terminez d'abord les étapes précédentes du formulaire.",
  perimetreVide: () => "Vous devez sélectionner au moins une collectivité pour passer à l'étape suivante.",
  perimetreInvalide: () => "Cette sélection n'a pas pu être enregistrée : rechargez la page et cochez de nouveau.",
  contactsManquants: ({ nombre }: DetailsErreur) =>
    `Il manque ${typeof nombre === "number" && nombre > 1 ? `${nombre} contacts` : "un contact"} : enregistrez-les, ou cochez « Je souhaite porter une feuille de route, mais je n'ai pas encore les contacts de mes partenaires territoriaux ».`,
  partenaireInconnu: () => "Cette collectivité ou cette structure ne fait plus partie de votre formulaire : rechargez la page.",
  tropDeStructures: ({ maximum }: DetailsErreur) => `Vous ne pouvez pas ajouter plus de ${typeof maximum === "number" ? maximum : 100} structures.`,
  rechercheInvalide: () => "Saisissez de 2 à 60 caractères : un nom, un code postal ou un code officiel.",
  tauxInconnu: () => "Ce taux n'existe pas ou a été supprimé.",
  tauxDeDemonstration: () => "Un taux de démonstration ne se modifie pas : supprimez-le, ou saisissez un taux réel (les taux de démonstration sont alors retirés).",
  tauxModifieEntreTemps: () => "Ce taux a été modifié par quelqu'un d'autre pendant que vous le modifiiez : rechargez la page pour voir sa dernière version.",
  sectionInconnue: () => "Cette section du formulaire n'existe pas.",
  horsDelai: ({ dateLimite, raison }: DetailsErreur) => {
    if (raison === "validee") return "La gouvernance est validée : elle ne se modifie plus.";
    if (raison === "pasEncoreOuverte") return "La campagne n'est pas encore ouverte : la proposition ne se modifie pas encore.";
    const date = dateLimite instanceof Date ? dateLimite.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }) : null;
    return `La proposition n'est plus modifiable${date ? ` depuis le ${date}` : ""} : vos modifications n'ont pas été enregistrées.`;
  },
  gouvernanceIncomplete: ({ sections }: DetailsErreur) =>
    `La proposition n'est pas complète : ${Array.isArray(sections) && sections.length ? `${sections.length === 1 ? "une section est" : `${sections.length} sections sont`} à compléter` : "des sections sont à compléter"} avant de la déposer.`,
  etatIncompatible: ({ etat }: DetailsErreur) =>
    etat === "deposee"
      ? "La proposition est déjà déposée : l'équipe nationale l'instruit."
      : etat === "validee"
        ? "La gouvernance est déjà validée."
        : etat === "aCompleter"
          ? "La proposition est « à compléter » : la préfecture doit la déposer de nouveau avant toute décision."
          : "La proposition n'a pas encore été déposée.",
  conflit: () => "Cette section a été modifiée par quelqu'un d'autre pendant que vous la modifiiez : vos modifications n'ont pas été enregistrées.",
  membresProteges: ({ membres }: DetailsErreur) => {
    const liste = Array.isArray(membres) ? membres.map((m: { nom?: unknown; role?: unknown }) => `${texte(m.nom)} (${texte(m.role)})`) : [];
    return `Un membre qui tient un rôle ne peut pas être retiré : ${liste.join(", ") || "un co-porteur ou un porteur"}. Retirez-lui d'abord ce rôle.`;
  },
  perimetresIncompatibles: ({ messages }: DetailsErreur) =>
    `Les périmètres des feuilles de route ne sont pas compatibles, rien n'a été enregistré : ${Array.isArray(messages) ? messages.map(texte).join(" ") : ""}`.trim(),
  membreInconnu: () => "Un membre choisi n'est pas (ou plus) candidat dans ce département, ou cette collectivité n'existe pas : rechargez la page.",
  classementInvalide: ({ detail }: DetailsErreur) => texte(detail) || "Ce classement ne correspond plus à vos besoins : rechargez la page pour classer la liste à jour.",
  conflitBesoins: () => "Les besoins de ce département ont été modifiés par quelqu'un d'autre depuis l'ouverture de la page : vos modifications n'ont pas été enregistrées.",
  besoinsHorsDelai: ({ dateLimite, raison }: DetailsErreur) => {
    if (raison === "validee") return "La gouvernance est validée : les besoins ne se modifient plus.";
    if (raison === "pasEncoreOuverte") return "La campagne n'est pas encore ouverte : les besoins ne se modifient pas encore.";
    const date = dateLimite instanceof Date ? dateLimite.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }) : null;
    return `Les besoins ne sont plus modifiables${date ? ` depuis le ${date}` : ""} : vos modifications n'ont pas été enregistrées.`;
  },
  campagneInconnue: () => "Cette campagne n'existe pas.",
  nonConnecte: () => "Connectez-vous pour continuer.",
  nonAutorise: () => "Vous n'avez pas accès à cette action.",
} satisfies Record<string, (details: DetailsErreur) => string>;

export type CodeErreur = keyof typeof MESSAGES;

export function messageErreur(code: CodeErreur, details: DetailsErreur = {}): string {
  return MESSAGES[code](details);
}
