CREATE TABLE "autorisations_proconnect" (
	"empreinte" text PRIMARY KEY NOT NULL,
	"verificateur" text NOT NULL,
	"nonce" text NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"expire_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demandes_acces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"empreinte" text NOT NULL,
	"sub" text NOT NULL,
	"email" text NOT NULL,
	"prenom" text,
	"nom" text,
	"siret" text,
	"message" text,
	"cree_le" timestamp with time zone NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"demandee_le" timestamp with time zone,
	"traitee_le" timestamp with time zone,
	"traitee_par" text,
	CONSTRAINT "demandes_acces_empreinte_unique" UNIQUE("empreinte")
);
--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "tente_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "tentatives" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "erreur" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "jeton_id_proconnect" text;--> statement-breakpoint
ALTER TABLE "utilisateurs" ADD COLUMN "proconnect_sub" text;--> statement-breakpoint
CREATE INDEX "demandes_acces_email_idx" ON "demandes_acces" USING btree ("email");--> statement-breakpoint
ALTER TABLE "utilisateurs" ADD CONSTRAINT "utilisateurs_proconnect_sub_unique" UNIQUE("proconnect_sub");