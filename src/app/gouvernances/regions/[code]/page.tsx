import type { Metadata } from "next";
import { PageEspace } from "../../_espace/Espace";

export const metadata: Metadata = { title: "Gouvernance - région" };

export default async function EspaceRegion({ params }: { params: Promise<{ code: string }> }) {
  return <PageEspace demande={{ type: "region", code: (await params).code }} />;
}
