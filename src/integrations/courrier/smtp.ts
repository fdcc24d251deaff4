import nodemailer from "nodemailer";

/*
 * Outgoing mail through an SMTP server (SMTP_URL, e.g. smtp://user:password@host:587 or
 * smtps://host:465). nodemailer's own logger stays off: messages carry login links.
 */

export interface MessageSortant {
  a: string;
  sujet: string;
  texte: string;
}

export interface Expediteur {
  /** Hands the message to the server; throws when the server refuses it or cannot be reached. */
  envoyer(message: MessageSortant): Promise<void>;
}

export const EXPEDITEUR_PAR_DEFAUT = "Espace France Numérique Ensemble <ne-pas-repondre@localhost>";

export function expediteurSmtp(params: { url: string; de?: string }): Expediteur {
  const transport = nodemailer.createTransport(params.url, { from: params.de || EXPEDITEUR_PAR_DEFAUT });
  return {
    async envoyer(message) {
      await transport.sendMail({ to: message.a, subject: message.sujet, text: message.texte });
    },
  };
}

/** Why a message could not be sent, without its content (which may hold a link). */
export function raisonDEchec(erreur: unknown): string {
  if (erreur && typeof erreur === "object") {
    const e = erreur as { code?: unknown; responseCode?: unknown; message?: unknown };
    const morceaux = [e.code, e.responseCode].filter((m) => typeof m === "string" || typeof m === "number");
    if (morceaux.length > 0) return morceaux.join(" ");
  }
  return "erreur inconnue";
}
