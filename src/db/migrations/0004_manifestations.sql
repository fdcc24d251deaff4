CREATE TABLE "candidats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cle" text NOT NULL,
	"type" text NOT NULL,
	"code" text,
	"nom" text NOT NULL,
	"code_departement" text,
	"siret_verifie" boolean,
	"departements" text[] NOT NULL,
	"demonstration" boolean DEFAULT false NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	CONSTRAINT "candidats_cle_unique" UNIQUE("cle")
);
--> statement-breakpoint
CREATE TABLE "contacts_manifestation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"formulaire_id" uuid NOT NULL,
	"candidat_id" uuid NOT NULL,
	"role" text NOT NULL,
	"nom" text NOT NULL,
	"prenom" text NOT NULL,
	"fonction" text NOT NULL,
	"email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "formulaires_manifestation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"persona" text NOT NULL,
	"intention" text,
	"etat" text DEFAULT 'brouillon' NOT NULL,
	"brouillon" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contenu" jsonb,
	"candidat_id" uuid,
	"demonstration" boolean DEFAULT false NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"modifie_le" timestamp with time zone NOT NULL,
	"envoye_le" timestamp with time zone,
	"efface_le" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD CONSTRAINT "contacts_manifestation_formulaire_id_formulaires_manifestation_id_fk" FOREIGN KEY ("formulaire_id") REFERENCES "public"."formulaires_manifestation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts_manifestation" ADD CONSTRAINT "contacts_manifestation_candidat_id_candidats_id_fk" FOREIGN KEY ("candidat_id") REFERENCES "public"."candidats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulaires_manifestation" ADD CONSTRAINT "formulaires_manifestation_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulaires_manifestation" ADD CONSTRAINT "formulaires_manifestation_candidat_id_candidats_id_fk" FOREIGN KEY ("candidat_id") REFERENCES "public"."candidats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidats_departements_idx" ON "candidats" USING gin ("departements");--> statement-breakpoint
CREATE INDEX "contacts_manifestation_candidat_idx" ON "contacts_manifestation" USING btree ("candidat_id");--> statement-breakpoint
CREATE INDEX "formulaires_manifestation_utilisateur_idx" ON "formulaires_manifestation" USING btree ("utilisateur_id");--> statement-breakpoint
CREATE INDEX "formulaires_manifestation_candidat_idx" ON "formulaires_manifestation" USING btree ("candidat_id");