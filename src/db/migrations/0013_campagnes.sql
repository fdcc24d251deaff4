CREATE TABLE "campagnes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nom" text NOT NULL,
	"ouverture" timestamp with time zone NOT NULL,
	"cloture" timestamp with time zone NOT NULL,
	"demonstration" boolean DEFAULT false NOT NULL,
	"cree_le" timestamp with time zone NOT NULL,
	"cree_par" uuid
);
--> statement-breakpoint
CREATE TABLE "prolongations_campagne" (
	"campagne_id" uuid NOT NULL,
	"code_departement" text NOT NULL,
	"jusquau" timestamp with time zone NOT NULL,
	"accordee_le" timestamp with time zone NOT NULL,
	"accordee_par" uuid,
	CONSTRAINT "prolongations_campagne_campagne_id_code_departement_pk" PRIMARY KEY("campagne_id","code_departement")
);
--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "deposee_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "deposee_par" uuid;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "notifiee_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "instruite_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "instruite_par" uuid;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "message_instruction" text;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "reouverture_jusquau" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gouvernances" ADD COLUMN "demonstration" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "prolongations_campagne" ADD CONSTRAINT "prolongations_campagne_campagne_id_campagnes_id_fk" FOREIGN KEY ("campagne_id") REFERENCES "public"."campagnes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prolongations_campagne" ADD CONSTRAINT "prolongations_campagne_code_departement_departements_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;