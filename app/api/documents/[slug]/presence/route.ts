import { z } from "zod";
import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { getArticleId } from "@/server/articles";
import { focusView } from "@/server/presence";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ slug: string }> };

const focusInput = z.strictObject({ view: z.uuid(), claimId: z.uuid().nullable() });

/**
 * Says which claim the signed-in person has open in their view of the
 * article (`view`: the id their event stream's `presence` events give;
 * `claimId` null: none): `204`, and every stream on the article hears it.
 */
export const PUT = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const { view, claimId } = await readJson(request, focusInput, maxBodyBytes);
  const documentId = unwrap(await getArticleId(actor, (await params).slug));
  await focusView(documentId, view, actor.id, claimId);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
