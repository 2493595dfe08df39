import { HttpError } from "./http";
import { errorCode } from "./error-codes";

/**
 * The `?revision=N` of a request: undefined when absent (the latest), else a
 * positive integer; anything else is a 400.
 */
export function readRevisionParam(request: Request): number | undefined {
  const raw = new URL(request.url).searchParams.get("revision");
  if (raw === null || raw === "") return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new HttpError(400, errorCode.invalidRevision, "revision must be a positive whole number.");
  return Number(raw);
}
