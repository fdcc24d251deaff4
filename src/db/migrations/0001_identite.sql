CREATE TABLE "courriels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"destinataire" text NOT NULL,
	"sujet" text NOT NULL,
	"texte" text NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"envoye_le" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jetons_connexion" (
	"empreinte" text PRIMARY KEY NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"utilise_le" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journal_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acteur" text NOT NULL,
	"action" text NOT NULL,
	"cible" text NOT NULL,
	"avant" jsonb,
	"apres" jsonb,
	"le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "perimetres_utilisateurs" (
	"utilisateur_id" uuid NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "perimetres_utilisateurs_utilisateur_id_type_code_pk" PRIMARY KEY("utilisateur_id","type","code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"empreinte" text PRIMARY KEY NOT NULL,
	"utilisateur_id" uuid NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"expire_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "utilisateurs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"prenom" text,
	"nom" text,
	"role" text NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"derniere_connexion" timestamp with time zone,
	CONSTRAINT "utilisateurs_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "jetons_connexion" ADD CONSTRAINT "jetons_connexion_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perimetres_utilisateurs" ADD CONSTRAINT "perimetres_utilisateurs_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_utilisateur_id_utilisateurs_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jetons_connexion_utilisateur_idx" ON "jetons_connexion" USING btree ("utilisateur_id");--> statement-breakpoint
CREATE INDEX "journal_audit_cible_idx" ON "journal_audit" USING btree ("cible");--> statement-breakpoint
CREATE INDEX "sessions_utilisateur_idx" ON "sessions" USING btree ("utilisateur_id");