import { restoreDeletedInput } from "@/lib/deleted-filter";
import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { restoreDeletedClaims } from "@/server/claims";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ slug: string }> };

/** Brings back every claim of the article that `deletedBy` deleted between `from` and `to`. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const filter = await readJson(request, restoreDeletedInput, maxBodyBytes);
  return Response.json({ restored: unwrap(await restoreDeletedClaims(actor, (await params).slug, filter)) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
