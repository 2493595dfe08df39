import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { listPeopleToMention } from "@/server/comments";
import { unwrap } from "@/server/refusal";

/** The active people of the newsroom, `{ people: [{ id, name }] }`, for `@name` in comments; any signed-in person. */
export const GET = handle(async (request: Request) => {
  return Response.json({ people: unwrap(await listPeopleToMention(await requireActor(request))) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
