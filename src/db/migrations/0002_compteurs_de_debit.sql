CREATE TABLE "compteurs_de_debit" (
	"cle" text NOT NULL,
	"fenetre" timestamp with time zone NOT NULL,
	"compte" integer NOT NULL,
	CONSTRAINT "compteurs_de_debit_cle_fenetre_pk" PRIMARY KEY("cle","fenetre")
);
