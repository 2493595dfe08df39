import { handle, notFound, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, patchPersonInput, userId } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { changePerson } from "@/server/people";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ id: string }> };

/** Changes a person's role or deactivates (or reactivates) them: `200 { user }`. */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const change = await readJson(request, patchPersonInput, maxBodyBytes);
  const id = userId.safeParse((await params).id);
  if (!id.success) throw notFound("Person");
  return Response.json({ user: unwrap(await changePerson(actor, id.data, change)) });
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
