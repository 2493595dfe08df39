import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, newTokenInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { createToken, listTokens } from "@/server/tokens";

/** The signed-in person's tokens that still work (never their secrets). */
export const GET = handle(async (request: Request) => {
  return Response.json({ tokens: await listTokens(await requireActor(request)) });
});

/** A new personal API token: `201 { id, token }`, the token shown this once. */
export const POST = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const { name } = await readJson(request, newTokenInput, maxBodyBytes);
  return Response.json(await createToken(actor, name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
