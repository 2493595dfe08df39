import { handle, otherMethods, readJson } from "@/lib/http";
import { settingsInput } from "@/lib/review-input";
import { maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { unwrap } from "@/server/refusal";
import { changeSettings, getSettings } from "@/server/settings";

/** The publishing settings: `{ settings: { publisher, publicBaseUrl } }` (null where unset). */
export const GET = handle(async (request: Request) => {
  const actor = await requireActor(request);
  return Response.json({ settings: unwrap(await getSettings(actor)) });
});

/** Admins set the publisher (whole) and/or the public base URL: `{ settings }` as they now are. */
export const PATCH = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request, settingsInput, maxBodyBytes);
  return Response.json({ settings: unwrap(await changeSettings(actor, input)) });
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
