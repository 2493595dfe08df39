import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { getQueue } from "@/server/queue";
import { unwrap } from "@/server/refusal";

/** The signed-in person's queue (server/queue.ts): `{ waiting, returned, mentioned }`, each `{ claims, count }`. */
export const GET = handle(async (request: Request) => {
  return Response.json(unwrap(await getQueue(await requireActor(request))));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
