import { describe, expect, it } from "vitest";
import { dateAmz, EMPREINTE_VIDE, encoderUri, sha256Hex, signerRequete, type Identifiants } from "./signature-v4";

/*
 * The worked examples of the Amazon S3 documentation ("Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk"): bucket examplebucket in
 * us-east-1, 24 May 2013 at midnight UTC, and the documentation's example key pair.
 */
const EXEMPLE: Identifiants = { idCleAcces: "AKIAIOSFODNN7EXAMPLE", cleSecrete: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const LE_24_MAI_2013 = new Date("2013-05-24T00:00:00Z");
const signer = (methode: string, url: string, empreinteCorps: string, enTetes: Record<string, string> = {}) =>
  signerRequete({ methode, url: new URL(url), enTetes, empreinteCorps, date: LE_24_MAI_2013, region: "us-east-1", identifiants: EXEMPLE });

describe("signature AWS version 4 : les exemples de la documentation S3", () => {
  it("GET d'un objet avec un en-tête Range", () => {
    const r = signer("GET", "https://examplebucket.s3.amazonaws.com/test.txt", EMPREINTE_VIDE, { Range: "bytes=0-9" });
    expect(r.requeteCanonique).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        `x-amz-content-sha256:${EMPREINTE_VIDE}`,
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        EMPREINTE_VIDE,
      ].join("\n"),
    );
    expect(r.chaineASigner).toBe("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    expect(r.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(r.enTetes.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("PUT d'un objet dont le nom a un caractère à encoder ($), avec Date et classe de stockage", () => {
    const corps = "Welcome to Amazon S3.";
    expect(sha256Hex(corps)).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const r = signer("PUT", "https://examplebucket.s3.amazonaws.com/test$file.text", sha256Hex(corps), {
      Date: "Fri, 24 May 2013 00:00:00 GMT",
      "x-amz-storage-class": "REDUCED_REDUNDANCY",
    });
    expect(r.requeteCanonique.split("\n").slice(0, 2)).toEqual(["PUT", "/test%24file.text"]);
    expect(r.chaineASigner.split("\n")[3]).toBe("9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
    expect(r.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    expect(r.enTetes.authorization).toContain("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,");
  });

  it("GET de la configuration de cycle de vie d'un compartiment (paramètre sans valeur)", () => {
    const r = signer("GET", "https://examplebucket.s3.amazonaws.com/?lifecycle", EMPREINTE_VIDE);
    expect(r.requeteCanonique.split("\n").slice(0, 3)).toEqual(["GET", "/", "lifecycle="]);
    expect(r.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  });

  it("GET de la liste des objets : paramètres triés par nom", () => {
    const r = signer("GET", "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2", EMPREINTE_VIDE);
    expect(r.requeteCanonique.split("\n")[2]).toBe("max-keys=2&prefix=J");
    expect(r.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });
});

describe("signature AWS version 4 : détails", () => {
  it("encode chaque octet hors des caractères non réservés, en majuscules, et garde / dans les chemins", () => {
    expect(encoderUri("a b+c/d~e_f.g-h", false)).toBe("a%20b%2Bc%2Fd~e_f.g-h");
    expect(encoderUri("dossier/é!*'()", true)).toBe("dossier/%C3%A9%21%2A%27%28%29");
  });

  it("date compacte en UTC, port dans l'en-tête host signé, valeurs d'en-tête resserrées", () => {
    expect(dateAmz(new Date("2026-11-29T10:05:07.123Z"))).toBe("20261129T100507Z");
    const r = signerRequete({
      methode: "put",
      url: new URL("http://127.0.0.1:9000/compartiment/feuilles-de-route/58/a.pdf"),
      enTetes: { "Content-Type": "  application/pdf  ", "X-Amz-Meta-Nom": "a   b" },
      empreinteCorps: sha256Hex("x"),
      date: LE_24_MAI_2013,
      region: "fr-par",
      identifiants: EXEMPLE,
    });
    expect(r.requeteCanonique.split("\n")).toEqual(
      expect.arrayContaining(["PUT", "/compartiment/feuilles-de-route/58/a.pdf", "host:127.0.0.1:9000", "content-type:application/pdf", "x-amz-meta-nom:a b"]),
    );
    expect(r.enTetes.authorization).toMatch(/Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/fr-par\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-nom,Signature=[0-9a-f]{64}$/);
  });
});
