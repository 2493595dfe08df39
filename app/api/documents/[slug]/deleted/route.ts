import { deletedQuery } from "@/lib/deleted-filter";
import { handle, HttpError, otherMethods } from "@/lib/http";
import { describeIssues } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { listDeletedClaims } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { errorCode } from "@/lib/error-codes";

type Context = { params: Promise<{ slug: string }> };

/** The deleted claims of an article, the latest deletion first, filtered by `deletedBy`, `from`, `to`. */
export const GET = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const query = deletedQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new HttpError(400, errorCode.invalidQuery, describeIssues(query.error));
  return Response.json({ deleted: unwrap(await listDeletedClaims(actor, (await params).slug, query.data)) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
