import type { ErreurCreationUtilisateur } from "@/services/identite";

/** French sentences of the command line's business errors. */
export function messageErreurCommande(erreur: ErreurCreationUtilisateur, details: Record<string, unknown> = {}): string {
  switch (erreur) {
    case "emailInvalide":
      return `Adresse e-mail invalide : « ${String(details.email ?? "")} ».`;
    case "roleInconnu":
      return `Rôle inconnu : « ${String(details.role ?? "")} ». Rôles : administrateur, prefecture-region, prefecture-departement, contact.`;
    case "perimetresInvalides":
      return details.role === "prefecture-region"
        ? "Une préfecture de région a au moins une --region, et aucun --departement."
        : details.role === "prefecture-departement"
          ? "Une préfecture de département a au moins un --departement, et aucune --region."
          : "Ce rôle n'a pas de territoire : retirez --region et --departement.";
    case "territoireInconnu":
      return `${details.type === "region" ? "Région" : "Département"} inconnu : « ${String(details.code ?? "")} ».`;
    case "utilisateurExistant":
      return `Un compte existe déjà pour « ${String(details.email ?? "")} ».`;
  }
}
