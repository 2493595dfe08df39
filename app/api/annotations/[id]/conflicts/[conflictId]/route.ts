import { handle, notFound, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, pickConflictInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { pickConflictVersion } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { z } from "zod";
import { claimIdFrom } from "../../claim-id";

type Context = { params: Promise<{ id: string; conflictId: string }> };

/** Keeps one version of a field two reviewers changed at once, closing its conflict: `{ "annotation" }` as it now is. */
export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const conflictId = z.uuid().safeParse((await context.params).conflictId);
  if (!conflictId.success) throw notFound("Conflict");
  const input = await readJson(request, pickConflictInput, maxBodyBytes);
  return Response.json({ annotation: unwrap(await pickConflictVersion(actor, id, conflictId.data, input)) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
