import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, patchPersonInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { changePerson } from "@/server/people";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ id: string }> };

/** Changes a person's role or deactivates (or reactivates) them: `200 { user }`. */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const change = await readJson(request, patchPersonInput, maxBodyBytes);
  return Response.json({ user: unwrap(await changePerson(actor, (await params).id, change)) });
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
