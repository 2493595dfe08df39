/**
 * Signing in and out as a script does, through better-auth's routes under
 * `/api/auth`, from a network address the test names (as the server writes
 * it into `x-factcheck-client-address`), so that tests counting failed
 * sign-ins by address never count each other's.
 */
import { randomUUID } from "node:crypto";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { clientAddressHeader } from "@/lib/client-address";
import { call } from "./api-client";

/** A network address no other test uses. */
export const newAddress = () => `test-${randomUUID()}`;

/** `POST /api/auth/{path}` with a JSON body, from `address`, with no credentials. */
export function authPost(path: string, body: unknown, address = newAddress(), headers: Record<string, string> = {}) {
  return call(
    authRoute.POST,
    { all: path.split("/") },
    { path: `/api/auth/${path}`, body, reviewer: null, headers: { ...headers, [clientAddressHeader]: address } },
  );
}

/** `POST /api/auth/sign-in/email`. */
export const signIn = (email: string, password: string, address?: string) => authPost("sign-in/email", { email, password }, address);

/** `POST /api/auth/sign-up/email`. */
export const signUp = (email: string, password: string, name: string, address?: string) =>
  authPost("sign-up/email", { email, password, name }, address);
