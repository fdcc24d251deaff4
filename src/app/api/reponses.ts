import { NextResponse } from "next/server";

/** JSON answers of the open API: UTF-8, French field names, errors as { erreur }. */
export function reponseJson(corps: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return NextResponse.json(corps, { status: init.status ?? 200, headers: { "cache-control": "no-store", ...init.headers } });
}

export function reponseErreur(status: 400 | 401 | 403 | 404 | 500 | 503, message: string) {
  return reponseJson({ erreur: message }, { status });
}
