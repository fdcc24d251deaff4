ALTER TABLE "contacts_manifestation" ADD COLUMN "organisation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "typologie" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "code_siret" text;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "code_insee" text;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "manifestation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "nom_porteur" text;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "departements" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "depose_le" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD COLUMN "demonstration" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "utilisateurs" ADD COLUMN "dernier_territoire" text;--> statement-breakpoint
CREATE INDEX "contacts_manifestation_departements_idx" ON "contacts_manifestation" USING gin ("departements");--> statement-breakpoint
CREATE INDEX "contacts_manifestation_depose_idx" ON "contacts_manifestation" USING btree ("depose_le","id");--> statement-breakpoint
-- Lines of the forms sent before this version: what the export shows, from their candidate and form.
UPDATE "contacts_manifestation" AS cm SET
  "organisation" = c."nom",
  "typologie" = c."type",
  "code_siret" = CASE WHEN c."type" = 'structure' THEN c."code" END,
  "code_insee" = CASE WHEN c."type" <> 'structure' THEN c."code" END,
  "manifestation" = CASE WHEN f."intention" = 'porter' THEN 'porteur' ELSE 'participant' END,
  "departements" = c."departements",
  "depose_le" = coalesce(f."envoye_le", f."modifie_le"),
  "demonstration" = c."demonstration"
FROM "candidats" AS c, "formulaires_manifestation" AS f
WHERE c."id" = cm."candidat_id" AND f."id" = cm."formulaire_id";--> statement-breakpoint
-- The partners' contacts of the "porter" forms already sent.
INSERT INTO "contacts_manifestation" ("formulaire_id", "candidat_id", "role", "nom", "prenom", "fonction", "email", "organisation", "typologie", "code_siret", "code_insee", "manifestation", "nom_porteur", "departements", "depose_le", "demonstration")
SELECT f."id", f."candidat_id", 'partenaire', p->'contact'->>'nom', p->'contact'->>'prenom', p->'contact'->>'fonction', p->'contact'->>'email',
  p->>'nom', p->>'type', NULL, CASE WHEN p->>'type' <> 'structure' THEN p->>'code' END, 'partenaire', c."nom",
  ARRAY(SELECT jsonb_array_elements_text(p->'departements')), coalesce(f."envoye_le", f."modifie_le"), c."demonstration"
FROM "formulaires_manifestation" AS f
JOIN "candidats" AS c ON c."id" = f."candidat_id"
CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f."contenu"->'partenaires') = 'array' THEN f."contenu"->'partenaires' ELSE '[]'::jsonb END) AS p
WHERE f."etat" = 'envoye' AND f."intention" = 'porter' AND jsonb_typeof(p->'contact') = 'object';
