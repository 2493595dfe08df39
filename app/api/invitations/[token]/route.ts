import { handle, otherMethods, readJson } from "@/lib/http";
import { invitationInput, maxBodyBytes } from "@/lib/validation";
import { getAuth } from "@/server/auth";
import { acceptInvitation } from "@/server/people";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ token: string }> };

/**
 * Sets the invited person's password and signs them in: `200 { user }` with
 * a session cookie. A used, expired or unknown invitation is `404`, a
 * password too short or too long `400 weak_password`.
 */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { password } = await readJson(request, invitationInput, maxBodyBytes);
  const user = unwrap(await acceptInvitation((await params).token, password));
  const auth = await getAuth(request);
  const signedIn = await auth.api.signInEmail({ body: { email: user.email, password }, headers: request.headers, asResponse: true });
  const headers = new Headers();
  for (const cookie of signedIn.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return Response.json({ user }, { headers });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
