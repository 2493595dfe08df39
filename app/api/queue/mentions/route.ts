import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { listMentions } from "@/server/queue";

/** The claims where the signed-in person was mentioned, newest first: `{ mentions }`. */
export const GET = handle(async (request: Request) => {
  const actor = await requireActor(request);
  return Response.json({ mentions: await listMentions(actor.id) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
