CREATE TABLE "besoins" (
	"code_departement" text NOT NULL,
	"categorie" text NOT NULL,
	"item" text NOT NULL,
	"precision" text,
	"etp" double precision,
	"prestation" boolean DEFAULT false NOT NULL,
	"personnes" integer,
	"rang" integer,
	CONSTRAINT "besoins_code_departement_categorie_item_pk" PRIMARY KEY("code_departement","categorie","item")
);
--> statement-breakpoint
CREATE TABLE "besoins_departements" (
	"code_departement" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"rang_ressource_humaine" integer,
	"selection_modifiee_le" timestamp with time zone,
	"classement_enregistre_le" timestamp with time zone,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" uuid,
	"demonstration" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "historique_besoins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_departement" text NOT NULL,
	"version" integer NOT NULL,
	"avant" jsonb,
	"apres" jsonb NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" uuid
);
--> statement-breakpoint
ALTER TABLE "besoins" ADD CONSTRAINT "besoins_code_departement_besoins_departements_code_departement_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."besoins_departements"("code_departement") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "besoins_departements" ADD CONSTRAINT "besoins_departements_code_departement_departements_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historique_besoins" ADD CONSTRAINT "historique_besoins_code_departement_besoins_departements_code_departement_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."besoins_departements"("code_departement") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "historique_besoins_departement_idx" ON "historique_besoins" USING btree ("code_departement","version");