CREATE TABLE "effectifs_conseillers_numeriques" (
	"jeu_de_donnees_id" uuid NOT NULL,
	"code_departement" text NOT NULL,
	"conseillers" integer NOT NULL,
	"coordinateurs" integer,
	"date_donnees" text NOT NULL,
	"provenance" text NOT NULL,
	CONSTRAINT "effectifs_conseillers_numeriques_jeu_de_donnees_id_code_departement_pk" PRIMARY KEY("jeu_de_donnees_id","code_departement")
);
--> statement-breakpoint
CREATE TABLE "geometries" (
	"jeu_de_donnees_id" uuid NOT NULL,
	"niveau" text NOT NULL,
	"code" text NOT NULL,
	"nom" text,
	"anneaux" jsonb NOT NULL,
	"boite" double precision[] NOT NULL,
	CONSTRAINT "geometries_jeu_de_donnees_id_niveau_code_pk" PRIMARY KEY("jeu_de_donnees_id","niveau","code")
);
--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "pivot" text;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "services" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "categorie" text DEFAULT 'non-defini' NOT NULL;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "qpv" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "frr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "date_maj" text;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "champs" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "doublon_de" uuid;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "score_doublon" integer;--> statement-breakpoint
ALTER TABLE "lieux_inclusion_numerique" ADD COLUMN "sources_fusionnees" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "effectifs_conseillers_numeriques" ADD CONSTRAINT "effectifs_conseillers_numeriques_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geometries" ADD CONSTRAINT "geometries_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;