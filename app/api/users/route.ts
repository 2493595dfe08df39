import { readPublicOrigin } from "@/db/env";
import { handle, otherMethods, readJson } from "@/lib/http";
import { requestOrigin } from "@/lib/request-origin";
import { maxBodyBytes, newPersonInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { addPerson, listPeople } from "@/server/people";
import { unwrap } from "@/server/refusal";

/** Everyone with an account (admins only). */
export const GET = handle(async (request: Request) => {
  return Response.json({ users: unwrap(await listPeople(await requireActor(request))) });
});

/** Adds a person with a role: `201 { user, invitationUrl }`, the one-time link they set a password through. */
export const POST = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request, newPersonInput, maxBodyBytes);
  const { user, token } = unwrap(await addPerson(actor, input));
  const base = readPublicOrigin() ?? requestOrigin(request.url, request.headers.get("host"));
  return Response.json({ user, invitationUrl: `${base}/invitations/${token}` }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
