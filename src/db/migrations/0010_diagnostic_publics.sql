CREATE TABLE "populations_par_age" (
	"jeu_de_donnees_id" uuid NOT NULL,
	"code_departement" text NOT NULL,
	"age_min" integer NOT NULL,
	"age_max" integer,
	"population" integer NOT NULL,
	"provenance" text NOT NULL,
	CONSTRAINT "populations_par_age_jeu_de_donnees_id_code_departement_age_min_pk" PRIMARY KEY("jeu_de_donnees_id","code_departement","age_min")
);
--> statement-breakpoint
CREATE TABLE "taux_publics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"libelle" text NOT NULL,
	"taux" double precision NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"source" text NOT NULL,
	"annee" integer NOT NULL,
	"lien" text,
	"ordre" integer DEFAULT 0 NOT NULL,
	"provenance" text NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	"modifie_par" text NOT NULL,
	CONSTRAINT "taux_publics_taux_check" CHECK ("taux_publics"."taux" >= 0 and "taux_publics"."taux" <= 100),
	CONSTRAINT "taux_publics_ages_check" CHECK (("taux_publics"."age_min" is null or "taux_publics"."age_min" between 0 and 120) and ("taux_publics"."age_max" is null or "taux_publics"."age_max" between 0 and 120) and ("taux_publics"."age_min" is null or "taux_publics"."age_max" is null or "taux_publics"."age_min" <= "taux_publics"."age_max"))
);
--> statement-breakpoint
ALTER TABLE "populations_par_age" ADD CONSTRAINT "populations_par_age_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;