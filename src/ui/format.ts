const nombres = new Intl.NumberFormat("fr-FR");
const dates = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Paris" });

export const formaterNombre = (n: number) => nombres.format(n);
export const formaterDate = (d: Date) => dates.format(d);
