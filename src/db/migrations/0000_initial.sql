CREATE TABLE "anciennes_communes" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"type" text NOT NULL,
	"code_commune" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"type" text NOT NULL,
	"code_departement" text NOT NULL,
	"code_region" text NOT NULL,
	"code_commune_parente" text,
	"siren" text,
	"population" integer,
	"codes_postaux" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departements" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"code_region" text NOT NULL,
	"code_chef_lieu" text,
	"zone" text NOT NULL,
	"collectivite_outre_mer" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epci" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"nature" text NOT NULL,
	"mode_financement" text,
	"code_epci_parent" text
);
--> statement-breakpoint
CREATE TABLE "epci_communes" (
	"code_epci" text NOT NULL,
	"code_commune" text NOT NULL,
	CONSTRAINT "epci_communes_code_epci_code_commune_pk" PRIMARY KEY("code_epci","code_commune")
);
--> statement-breakpoint
CREATE TABLE "jeux_de_donnees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nature" text NOT NULL,
	"provenance" text NOT NULL,
	"source" text NOT NULL,
	"date_mise_a_jour" timestamp with time zone NOT NULL,
	"charge_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lieux_inclusion_numerique" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jeu_de_donnees_id" uuid NOT NULL,
	"provenance" text NOT NULL,
	"identifiant_source" text NOT NULL,
	"nom" text NOT NULL,
	"adresse" text,
	"code_postal" text,
	"code_commune" text,
	"typologies" text[] DEFAULT '{}'::text[] NOT NULL,
	"dispositifs" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referentiels" (
	"nom" text PRIMARY KEY NOT NULL,
	"millesime" text NOT NULL,
	"source" text NOT NULL,
	"version_source" text NOT NULL,
	"empreinte" text NOT NULL,
	"importe_le" timestamp with time zone NOT NULL,
	"effectifs" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"code_chef_lieu" text,
	"zone" text NOT NULL,
	"collectivite_outre_mer" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anciennes_communes" ADD CONSTRAINT "anciennes_communes_code_commune_communes_code_fk" FOREIGN KEY ("code_commune") REFERENCES "public"."communes"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_code_departement_departements_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_code_region_regions_code_fk" FOREIGN KEY ("code_region") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departements" ADD CONSTRAINT "departements_code_region_regions_code_fk" FOREIGN KEY ("code_region") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epci_communes" ADD CONSTRAINT "epci_communes_code_epci_epci_code_fk" FOREIGN KEY ("code_epci") REFERENCES "public"."epci"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epci_communes" ADD CONSTRAINT "epci_communes_code_commune_communes_code_fk" FOREIGN KEY ("code_commune") REFERENCES "public"."communes"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD CONSTRAINT "lieux_inclusion_numerique_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD CONSTRAINT "lieux_inclusion_numerique_code_commune_communes_code_fk" FOREIGN KEY ("code_commune") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communes_code_departement_idx" ON "communes" USING btree ("code_departement");--> statement-breakpoint
CREATE INDEX "communes_type_idx" ON "communes" USING btree ("type");--> statement-breakpoint
CREATE INDEX "departements_code_region_idx" ON "departements" USING btree ("code_region");--> statement-breakpoint
CREATE INDEX "epci_communes_code_commune_idx" ON "epci_communes" USING btree ("code_commune");--> statement-breakpoint
CREATE INDEX "jeux_de_donnees_nature_idx" ON "jeux_de_donnees" USING btree ("nature");--> statement-breakpoint
CREATE INDEX "lieux_code_commune_idx" ON "lieux_inclusion_numerique" USING btree ("code_commune");--> statement-breakpoint
CREATE INDEX "lieux_jeu_idx" ON "lieux_inclusion_numerique" USING btree ("jeu_de_donnees_id");