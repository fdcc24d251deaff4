/*
 * The server process without the web layer: the same start-up as the Next.js app (database,
 * migrations, territories, control endpoint). The command-line tests run the operators' commands
 * against it as they would against the running app.
 */
import { demarrerServeur } from "./demarrage";

demarrerServeur({ journal: (message) => process.stderr.write(`${message}\n`) }).then(
  () => process.stdout.write("PRET\n"),
  (erreur: Error) => {
    process.stderr.write(`${erreur.stack ?? erreur.message}\n`);
    process.exit(1);
  },
);
setInterval(() => undefined, 60_000);
