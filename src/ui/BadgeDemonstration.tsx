import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { LIBELLE_DONNEES_DEMONSTRATION } from "@/domain/donnees/provenance";

/** Shown beside every figure computed from demonstration rows. */
export function BadgeDemonstration() {
  return (
    <Badge severity="warning" small as="span">
      {LIBELLE_DONNEES_DEMONSTRATION}
    </Badge>
  );
}
