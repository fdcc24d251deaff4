import { describe, expect, it } from "vitest";
import { ACCEPT_DOCUMENT, EXTENSIONS_DOCUMENT, formaterTaille, LONGUEUR_MAX_NOM_FICHIER, nomDeFichierSur, TAILLE_MAX_DOCUMENT, verifierDocument } from "./documents";

const octets = (...valeurs: Array<number | string>) =>
  new Uint8Array(valeurs.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])));

const PDF = octets("%PDF-1.7\n");
const ZIP = octets("PK", 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);
const OLE = octets(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const PNG = octets(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a);

const verifier = (nom: string, premiersOctets: Uint8Array, taille = 1000) => verifierDocument({ nom, taille, premiersOctets });

describe("document d'une feuille de route : les fichiers acceptés", () => {
  it("étant donné un PDF, un fichier Office (récent ou ancien) ou OpenDocument dont les premiers octets correspondent, alors il est accepté avec le type déduit de l'extension", () => {
    expect(verifier("Feuille de route.pdf", PDF)).toEqual({ ok: true, document: { nomFichier: "Feuille de route.pdf", extension: "pdf", typeMime: "application/pdf", taille: 1000 } });
    for (const [nom, debut, type] of [
      ["note.docx", ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["budget.XLSX", ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["comite.pptx", ZIP, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
      ["note.odt", ZIP, "application/vnd.oasis.opendocument.text"],
      ["budget.ods", ZIP, "application/vnd.oasis.opendocument.spreadsheet"],
      ["comite.odp", ZIP, "application/vnd.oasis.opendocument.presentation"],
      ["ancienne note.doc", OLE, "application/msword"],
      ["ancien budget.xls", OLE, "application/vnd.ms-excel"],
      ["ancien comite.ppt", OLE, "application/vnd.ms-powerpoint"],
    ] as const) {
      const r = verifier(nom, debut);
      expect(r.ok && r.document.typeMime, nom).toBe(type);
    }
    expect(EXTENSIONS_DOCUMENT).toHaveLength(10);
    expect(ACCEPT_DOCUMENT).toBe(".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt");
  });

  it("la taille va de 1 octet à 25 Mo (25 × 1 024 × 1 024 octets) compris", () => {
    expect(TAILLE_MAX_DOCUMENT).toBe(26_214_400);
    expect(verifier("a.pdf", PDF, TAILLE_MAX_DOCUMENT).ok).toBe(true);
    expect(verifier("a.pdf", octets("%PDF-"), 5).ok).toBe(true);
    expect(verifier("a.pdf", PDF, TAILLE_MAX_DOCUMENT + 1)).toEqual({ ok: false, erreur: "tropGros", message: "Le fichier dépasse 25 Mo." });
    expect(verifier("a.pdf", new Uint8Array(), 0)).toEqual({ ok: false, erreur: "vide", message: "Le fichier est vide." });
    expect(verifier("a.pdf", PDF, Number.NaN)).toMatchObject({ erreur: "vide" });
  });
});

describe("document d'une feuille de route : les fichiers refusés, avec un message en français", () => {
  it("une extension hors de la liste (ou aucune extension) est refusée, quel que soit le contenu", () => {
    const message = "Format non accepté : déposez un PDF ou un fichier bureautique (Word, Excel, PowerPoint, OpenDocument).";
    expect(verifier("photo.png", PNG)).toEqual({ ok: false, erreur: "formatNonAccepte", message });
    expect(verifier("script.exe", PDF)).toMatchObject({ erreur: "formatNonAccepte" });
    expect(verifier("archive.zip", ZIP)).toMatchObject({ erreur: "formatNonAccepte" });
    expect(verifier("sans-extension", PDF)).toMatchObject({ erreur: "formatNonAccepte" });
    expect(verifier(".pdf", PDF)).toMatchObject({ erreur: "formatNonAccepte" });
    expect(verifier("feuille.pdf.exe", PDF)).toMatchObject({ erreur: "formatNonAccepte" });
  });

  it("un contenu qui ne correspond pas à l'extension est refusé : image renommée, PDF nommé .docx, ancien format nommé en récent", () => {
    const message = "Le contenu du fichier ne correspond pas à son extension.";
    expect(verifier("photo.pdf", PNG)).toEqual({ ok: false, erreur: "contenuIncoherent", message });
    expect(verifier("note.docx", PDF)).toMatchObject({ erreur: "contenuIncoherent" });
    expect(verifier("note.docx", OLE)).toMatchObject({ erreur: "contenuIncoherent" });
    expect(verifier("note.doc", ZIP)).toMatchObject({ erreur: "contenuIncoherent" });
    expect(verifier("court.pdf", octets("%PD"), 3)).toMatchObject({ erreur: "contenuIncoherent" });
    expect(verifier("texte.pdf", octets(" %PDF-1.4"))).toMatchObject({ erreur: "contenuIncoherent" });
  });

  it("le vide l'emporte sur le format, la taille sur le contenu", () => {
    expect(verifier("photo.png", new Uint8Array(), 0)).toMatchObject({ erreur: "vide" });
    expect(verifier("photo.png", PNG, TAILLE_MAX_DOCUMENT + 1)).toMatchObject({ erreur: "tropGros" });
  });
});

describe("nom de fichier conservé", () => {
  it("ne garde ni dossier, ni caractère de contrôle ou invisible, ni caractère réservé", () => {
    expect(nomDeFichierSur("C:\\Users\\agent\\Documents\\Feuille de route 2026.pdf")).toBe("Feuille de route 2026.pdf");
    expect(nomDeFichierSur("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(nomDeFichierSur("feuille\u0000\u001f\u007f.pdf")).toBe("feuille.pdf");
    // U+202E (right-to-left override) would show "feuillefdp.exe" as "feuilleexe.pdf".
    expect(nomDeFichierSur("feuille\u202Efdp.docx")).toBe("feuillefdp.docx");
    expect(nomDeFichierSur('budget "final" <v2>?*|:.xlsx')).toBe("budget _final_ _v2_____.xlsx");
    expect(nomDeFichierSur("  plusieurs   espaces\tet\nlignes  .odt")).toBe("plusieurs espaces et lignes.odt");
    expect(nomDeFichierSur("Feuille de route Nièvre.PDF")).toBe("Feuille de route Nièvre.pdf");
  });

  it("un nom vide ou qui ne garde rien devient « document » avec son extension", () => {
    expect(nomDeFichierSur("\u0001\u0002.pdf")).toBe("document.pdf");
    expect(nomDeFichierSur("....pdf")).toBe("document.pdf");
    expect(nomDeFichierSur("")).toBe("document");
  });

  it(`tient en ${LONGUEUR_MAX_NOM_FICHIER} caractères en gardant l'extension, sans couper un caractère en deux`, () => {
    const long = nomDeFichierSur(`${"a".repeat(300)}.docx`);
    expect(long).toHaveLength(150);
    expect(long.endsWith("a.docx")).toBe(true);
    const emojis = nomDeFichierSur(`${"😀".repeat(100)}.pdf`);
    expect(emojis.length).toBeLessThanOrEqual(150);
    expect(emojis).toBe(`${"😀".repeat(73)}.pdf`);
    expect(nomDeFichierSur(`${"a".repeat(145)}     b.pdf`)).toBe(`${"a".repeat(145)}.pdf`);
  });
});

describe("taille lisible", () => {
  it("en octets, ko ou Mo, à la française", () => {
    expect(formaterTaille(1)).toBe("1 octet");
    expect(formaterTaille(850)).toBe("850 octets");
    expect(formaterTaille(12_800)).toBe("12,5 ko");
    expect(formaterTaille(TAILLE_MAX_DOCUMENT)).toBe("25 Mo");
    expect(formaterTaille(3_355_443)).toBe("3,2 Mo");
  });
});
