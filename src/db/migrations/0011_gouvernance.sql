CREATE TABLE "gouvernances" (
	"code_departement" text PRIMARY KEY NOT NULL,
	"etat" text DEFAULT 'brouillon' NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"cree_par" uuid,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" uuid
);
--> statement-breakpoint
CREATE TABLE "historique_gouvernance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_departement" text NOT NULL,
	"section" text NOT NULL,
	"version" integer NOT NULL,
	"avant" jsonb,
	"apres" jsonb NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" uuid
);
--> statement-breakpoint
CREATE TABLE "sections_gouvernance" (
	"code_departement" text NOT NULL,
	"section" text NOT NULL,
	"contenu" jsonb NOT NULL,
	"version" integer NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" uuid,
	CONSTRAINT "sections_gouvernance_code_departement_section_pk" PRIMARY KEY("code_departement","section")
);
--> statement-breakpoint
ALTER TABLE "gouvernances" ADD CONSTRAINT "gouvernances_code_departement_departements_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historique_gouvernance" ADD CONSTRAINT "historique_gouvernance_code_departement_gouvernances_code_departement_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."gouvernances"("code_departement") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections_gouvernance" ADD CONSTRAINT "sections_gouvernance_code_departement_gouvernances_code_departement_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."gouvernances"("code_departement") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "historique_gouvernance_section_idx" ON "historique_gouvernance" USING btree ("code_departement","section","version");