/** Official code formats of the Code officiel géographique. */

const FORMAT_CODE_DEPARTEMENT = /^(?:\d{2}|2A|2B|9[78]\d)$/;
const FORMAT_CODE_REGION = /^(?:0[1-6]|[1-9]\d|97[5-8]|98[4-9])$/;
const FORMAT_CODE_COMMUNE = /^(?:\d{2}|2A|2B)\d{3}$|^97\d{3}$/;
const FORMAT_SIREN = /^\d{9}$/;

export function estCodeDepartement(code: string): boolean {
  return FORMAT_CODE_DEPARTEMENT.test(code);
}

export function estCodeRegion(code: string): boolean {
  return FORMAT_CODE_REGION.test(code);
}

export function estCodeCommune(code: string): boolean {
  return FORMAT_CODE_COMMUNE.test(code);
}

export function estSiren(code: string): boolean {
  return FORMAT_SIREN.test(code);
}

/** Sorts codes the way the COG lists them: 01…19, 2A, 2B, 21…95, 971… */
export function comparerCodesDepartement(a: string, b: string): number {
  const rang = (code: string) => (code === "2A" ? 20.1 : code === "2B" ? 20.2 : Number(code));
  return rang(a) - rang(b);
}
