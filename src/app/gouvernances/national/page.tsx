import type { Metadata } from "next";
import { PageEspace } from "../_espace/Espace";

export const metadata: Metadata = { title: "Gouvernance - France entière" };

export default function EspaceNational() {
  return <PageEspace demande={{ type: "national" }} />;
}
