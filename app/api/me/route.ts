import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";

/** Who is signed in: `{ user: { id, email, name, role } }`. */
export const GET = handle(async (request: Request) => {
  const { id, email, name, role } = await requireActor(request);
  return Response.json({ user: { id, email, name, role } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
