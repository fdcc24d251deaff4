import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";

export interface SegmentFilAriane {
  libelle: string;
  chemin: string;
}

/** "Page d'accueil > … > page courante". */
export function FilAriane({ segments = [], pageCourante }: { segments?: SegmentFilAriane[]; pageCourante: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ href: "/" }}
      segments={segments.map((s) => ({ label: s.libelle, linkProps: { href: s.chemin } }))}
      currentPageLabel={pageCourante}
    />
  );
}
