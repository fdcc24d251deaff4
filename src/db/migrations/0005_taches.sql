CREATE TABLE "taches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"cle" text NOT NULL,
	"executer_apres" timestamp with time zone NOT NULL,
	"etat" text DEFAULT 'a_faire' NOT NULL,
	"tentatives" integer DEFAULT 0 NOT NULL,
	"prise_le" timestamp with time zone,
	"terminee_le" timestamp with time zone,
	"erreur" text,
	"donnees" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "taches_cle_unique" UNIQUE("cle")
);
--> statement-breakpoint
ALTER TABLE "utilisateurs" ADD COLUMN "recevoir_resumes" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "taches_a_faire_idx" ON "taches" USING btree ("etat","executer_apres");