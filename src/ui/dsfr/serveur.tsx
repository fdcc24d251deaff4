import { createGetHtmlAttributes, DsfrHeadBase, type DsfrHeadProps } from "@codegouvfr/react-dsfr/next-app-router/server-only-index";
import Link from "next/link";
import { schemaCouleursParDefaut } from "./schema-couleurs";

export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme: schemaCouleursParDefaut });

export function DsfrHead(props: DsfrHeadProps) {
  return <DsfrHeadBase Link={Link} {...props} />;
}
