import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { FilAriane, type SegmentFilAriane } from "./FilAriane";
import { LienRetour } from "./LienRetour";

/** The frame of an inner page: breadcrumb, optional "← Retour", the title and the content. */
export function Page({
  titre,
  filAriane,
  pageCourante,
  retour,
  children,
}: {
  titre: string;
  filAriane?: SegmentFilAriane[];
  /** The breadcrumb's last item, when it differs from the title. */
  pageCourante?: string;
  retour?: string;
  children: ReactNode;
}) {
  return (
    <div className={fr.cx("fr-container", "fr-pb-6w")}>
      <FilAriane segments={filAriane} pageCourante={pageCourante ?? titre} />
      {retour && (
        <p className={fr.cx("fr-mb-3w")}>
          <LienRetour chemin={retour} />
        </p>
      )}
      <h1>{titre}</h1>
      {children}
    </div>
  );
}
