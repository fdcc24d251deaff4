/** Every business error code, once, as the French sentence users read. */
const MESSAGES = {
  codeDepartementInvalide: ({ code }: { code?: string }) => `Code de département invalide : « ${code ?? ""} ». Exemples de codes : 01, 2A, 58, 971.`,
  departementInconnu: ({ code }: { code?: string }) => `Aucun département ne porte le code « ${code ?? ""} ».`,
  territoiresAbsents: () => "Les territoires ne sont pas chargés.",
  emailInvalide: () => "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.gouv.fr).",
  tropDeDemandes: () => "Trop de demandes de lien en peu de temps : réessayez dans 15 minutes.",
  lienInconnu: () => "Ce lien de connexion n'est pas valide. Vérifiez qu'il est complet, ou demandez-en un nouveau.",
  lienDejaUtilise: () => "Ce lien de connexion a déjà servi : un lien ne sert qu'une fois. Demandez-en un nouveau.",
  lienExpire: () => "Ce lien de connexion a expiré : il n'est valable que 15 minutes. Demandez-en un nouveau.",
  compteDesactive: () => "Ce compte est désactivé. Contactez l'équipe nationale France Numérique Ensemble.",
} satisfies Record<string, (details: { code?: string }) => string>;

export type CodeErreur = keyof typeof MESSAGES;

export function messageErreur(code: CodeErreur, details: { code?: string } = {}): string {
  return MESSAGES[code](details);
}
