import { z } from "zod";
import { pingDatabase } from "@/db/health";
import { databaseUnavailableResponse, handle, HttpError, otherMethods } from "@/lib/http";
import { errorCode } from "@/lib/error-codes";

const query = z.object({ ready: z.enum(["1", "true", "0", "false"]).optional() });

/**
 * Liveness (`GET /api/health`: the process answers; the database is not
 * touched) and readiness (`?ready=1`: the database answers too, else 503).
 * No sign-in: load balancers and orchestrators call it.
 */
export const GET = handle(async (request: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new HttpError(400, errorCode.invalidQuery, "ready must be 1 or true (also check the database), or 0 or false.");
  const headers = { "cache-control": "no-store" };
  const ready = parsed.data.ready === "1" || parsed.data.ready === "true";
  if (ready && !(await pingDatabase())) {
    const response = databaseUnavailableResponse();
    response.headers.set("cache-control", "no-store");
    return response;
  }
  return Response.json({ status: "ok" }, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
