/**
 * The typed error of a use case: what it refused and why, in words a client
 * can show. A use case returns its result or a `Refusal`; the route maps a
 * refusal to its HTTP status with `unwrap` (the kinds, not the use cases,
 * know HTTP).
 */
import { HttpError } from "@/lib/http";
import { type ErrorCode, errorCode } from "@/lib/error-codes";
import { type Action, type Asker, type Resource, whyNot } from "./policy";

/** Why a use case refused, by kind: each kind is one HTTP status. */
export const refusalStatus = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
} as const;
export type RefusalKind = keyof typeof refusalStatus;

export class Refusal {
  constructor(
    readonly kind: RefusalKind,
    readonly code: ErrorCode,
    readonly message: string,
    /** More of the answer, beside `error` (e.g. the claim as it now is). */
    readonly extra: Record<string, unknown> = {},
  ) {}
}

/** The result of a use case: what it made or read, or why not. */
export type Outcome<T> = T | Refusal;

/** `404 not_found`: "{what} was not found." */
export const notFound = (what: string) => new Refusal("not_found", errorCode.notFound, `${what} was not found.`);

/** Refused by the policy, with its reason. */
export const forbidden = (message: string) => new Refusal("forbidden", errorCode.forbidden, message);

/** `403 forbidden` when the policy refuses `action` to `asker` (saying what their role lacks), else null. */
export function refuse(asker: Asker, action: Action, resource: Resource): Refusal | null {
  const reason = whyNot(asker, action, resource);
  return reason === null ? null : forbidden(reason);
}

/** The result of a use case, or its refusal thrown as the HTTP error `handle` answers. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome instanceof Refusal) throw new HttpError(refusalStatus[outcome.kind], outcome.code, outcome.message, outcome.extra);
  return outcome;
}

/**
 * For pages: the result, or undefined when the use case found nothing (the
 * page answers its own not-found); any other refusal is thrown, to the
 * page's error boundary.
 */
export function found<T>(outcome: Outcome<T>): T | undefined {
  if (!(outcome instanceof Refusal)) return outcome;
  if (outcome.kind === "not_found") return undefined;
  throw new Error(`${outcome.code}: ${outcome.message}`);
}
