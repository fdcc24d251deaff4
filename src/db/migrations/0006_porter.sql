CREATE TABLE "partenaires_manifestation" (
	"formulaire_id" uuid NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"nom" text,
	"contact" jsonb,
	"ajoute_le" timestamp with time zone NOT NULL,
	CONSTRAINT "partenaires_manifestation_formulaire_id_type_code_pk" PRIMARY KEY("formulaire_id","type","code")
);
--> statement-breakpoint
ALTER TABLE "formulaires_manifestation" ADD COLUMN "etapes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "partenaires_manifestation" ADD CONSTRAINT "partenaires_manifestation_formulaire_id_formulaires_manifestation_id_fk" FOREIGN KEY ("formulaire_id") REFERENCES "public"."formulaires_manifestation"("id") ON DELETE cascade ON UPDATE no action;