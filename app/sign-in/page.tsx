import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/accounts/SignInForm";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { safeNextPath } from "@/lib/sign-in-path";
import { getPageActor } from "@/server/actor";
import { hasAccounts, hasSingleSignOn } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/** Sign-in, then back to `?next=` (a path of this app only); with no accounts yet, the first is created instead. */
async function SignInPage({ searchParams }: Props) {
  const { next } = await searchParams;
  const destination = safeNextPath(typeof next === "string" ? next : null);
  if (!(await hasAccounts())) redirect("/setup");
  if (await getPageActor()) redirect(destination);
  return (
    <section className="account-page">
      <h1>Sign in</h1>
      <SignInForm next={destination} singleSignOn={hasSingleSignOn()} />
      <p className="hint">No account? An admin adds people and gives each an invitation link.</p>
    </section>
  );
}

export default whenDatabaseUp(SignInPage);
