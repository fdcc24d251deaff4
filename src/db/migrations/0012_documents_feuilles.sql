CREATE TABLE "documents_feuilles_de_route" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_departement" text NOT NULL,
	"feuille_id" text NOT NULL,
	"version" integer NOT NULL,
	"nom_fichier" text NOT NULL,
	"type_mime" text NOT NULL,
	"taille" integer NOT NULL,
	"empreinte_sha256" text NOT NULL,
	"cle_stockage" text NOT NULL,
	"depose_le" timestamp with time zone NOT NULL,
	"depose_par" uuid,
	CONSTRAINT "documents_feuilles_de_route_version_unique" UNIQUE("code_departement","feuille_id","version")
);
--> statement-breakpoint
ALTER TABLE "documents_feuilles_de_route" ADD CONSTRAINT "documents_feuilles_de_route_code_departement_departements_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents_feuilles_de_route" ADD CONSTRAINT "documents_feuilles_de_route_depose_par_utilisateurs_id_fk" FOREIGN KEY ("depose_par") REFERENCES "public"."utilisateurs"("id") ON DELETE set null ON UPDATE no action;