import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/*
 * A real SMTP server for tests: it receives what the application sends through nodemailer, parses
 * each message with mailparser and keeps it in memory (and, when a folder is given, as a JSON file,
 * so that test files in other processes can read it).
 */

export interface MessageCapture {
  de: string;
  a: string[];
  sujet: string;
  texte: string;
  recuLe: string;
}

export interface CaptureSmtp {
  url: string;
  messages: MessageCapture[];
  /** Recipients refused with a temporary error (4xx), to test retries. */
  refuser: Set<string>;
  attendre(critere: (m: MessageCapture) => boolean, delaiMs?: number): Promise<MessageCapture>;
  arreter(): Promise<void>;
}

export async function demarrerCaptureSmtp(options: { dossier?: string } = {}): Promise<CaptureSmtp> {
  const messages: MessageCapture[] = [];
  const refuser = new Set<string>();
  if (options.dossier) mkdirSync(options.dossier, { recursive: true });
  const serveur = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(adresse, _session, rappel) {
      if (refuser.has(adresse.address.toLowerCase())) {
        const erreur = Object.assign(new Error("Boîte temporairement indisponible"), { responseCode: 451 });
        rappel(erreur);
        return;
      }
      rappel();
    },
    onData(flux, session, rappel) {
      simpleParser(flux)
        .then((courriel) => {
          const message: MessageCapture = {
            de: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            a: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            sujet: courriel.subject ?? "",
            texte: courriel.text ?? "",
            recuLe: new Date().toISOString(),
          };
          messages.push(message);
          if (options.dossier) writeFileSync(join(options.dossier, `${Date.now()}-${messages.length}.json`), JSON.stringify(message));
          rappel();
        })
        .catch((erreur: Error) => rappel(erreur));
    },
  });
  await new Promise<void>((resolve) => serveur.listen(0, "127.0.0.1", () => resolve()));
  const { port } = serveur.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuser,
    attendre: (critere, delaiMs = 10_000) => attendreMessage(() => messages, critere, delaiMs),
    arreter: () => new Promise((resolve) => serveur.close(() => resolve())),
  };
}

/** The messages a capture wrote to its folder (read from another process). */
export function lireMessagesCaptures(dossier: string): MessageCapture[] {
  return readdirSync(dossier)
    .filter((f) => f.endsWith(".json"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((f) => JSON.parse(readFileSync(join(dossier, f), "utf8")) as MessageCapture);
}

export async function attendreMessage(lire: () => MessageCapture[], critere: (m: MessageCapture) => boolean, delaiMs: number): Promise<MessageCapture> {
  const limite = Date.now() + delaiMs;
  for (;;) {
    const trouve = lire().find(critere);
    if (trouve) return trouve;
    if (Date.now() > limite) throw new Error(`Aucun courriel attendu reçu en ${delaiMs / 1000} s (${lire().length} reçus).`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
