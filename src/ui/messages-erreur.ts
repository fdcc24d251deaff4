/** Every business error code, once, as the French sentence users read. */
const MESSAGES = {
  codeDepartementInvalide: ({ code }: { code?: string }) => `Code de département invalide : « ${code ?? ""} ». Exemples de codes : 01, 2A, 58, 971.`,
  departementInconnu: ({ code }: { code?: string }) => `Aucun département ne porte le code « ${code ?? ""} ».`,
  territoiresAbsents: () => "Les territoires ne sont pas chargés.",
} satisfies Record<string, (details: { code?: string }) => string>;

export type CodeErreur = keyof typeof MESSAGES;

export function messageErreur(code: CodeErreur, details: { code?: string } = {}): string {
  return MESSAGES[code](details);
}
