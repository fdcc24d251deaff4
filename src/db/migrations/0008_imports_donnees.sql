CREATE TABLE "indices_fragilite" (
	"jeu_de_donnees_id" uuid NOT NULL,
	"niveau" text NOT NULL,
	"code" text NOT NULL,
	"score" double precision,
	"thd" double precision,
	"quatre_g" double precision,
	"pauvrete" double precision,
	"plus_65" double precision,
	"peu_diplomes" double precision,
	"calcule" boolean DEFAULT false NOT NULL,
	"codes_sources" text[] NOT NULL,
	"provenance" text NOT NULL,
	CONSTRAINT "indices_fragilite_jeu_de_donnees_id_niveau_code_pk" PRIMARY KEY("jeu_de_donnees_id","niveau","code")
);
--> statement-breakpoint
CREATE TABLE "rapports_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jeu_de_donnees_id" uuid NOT NULL,
	"nature" text NOT NULL,
	"ligne" integer NOT NULL,
	"champ" text,
	"valeur" text,
	"raison" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "structures_aidants_connect" (
	"jeu_de_donnees_id" uuid NOT NULL,
	"identifiant" text NOT NULL,
	"nom" text NOT NULL,
	"active" boolean NOT NULL,
	"code_commune" text NOT NULL,
	"siret" text,
	"france_services" boolean NOT NULL,
	"aidants" integer,
	"usagers_uniques" integer,
	"demarches" integer,
	"demarches_par_theme" jsonb NOT NULL,
	"provenance" text NOT NULL,
	CONSTRAINT "structures_aidants_connect_jeu_de_donnees_id_identifiant_pk" PRIMARY KEY("jeu_de_donnees_id","identifiant")
);
--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "etat" text DEFAULT 'actif' NOT NULL;--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "fichier" text;--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "empreinte" text;--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "lignes_acceptees" integer;--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "lignes_corrigees" integer;--> statement-breakpoint
ALTER TABLE "jeux_de_donnees" ADD COLUMN "lignes_rejetees" integer;--> statement-breakpoint
ALTER TABLE "indices_fragilite" ADD CONSTRAINT "indices_fragilite_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_import" ADD CONSTRAINT "rapports_import_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structures_aidants_connect" ADD CONSTRAINT "structures_aidants_connect_jeu_de_donnees_id_jeux_de_donnees_id_fk" FOREIGN KEY ("jeu_de_donnees_id") REFERENCES "public"."jeux_de_donnees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rapports_import_jeu_idx" ON "rapports_import" USING btree ("jeu_de_donnees_id","ligne");--> statement-breakpoint
CREATE INDEX "structures_aidants_connect_commune_idx" ON "structures_aidants_connect" USING btree ("code_commune");