import type { Metadata } from "next";
import { ApiTokens } from "@/components/accounts/ApiTokens";
import { SignOutButton } from "@/components/accounts/SignOutButton";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { listTokens } from "@/server/tokens";

export const metadata: Metadata = { title: "Your account" };

/** Who is signed in, with which role; their personal API tokens; signing out. */
async function AccountPage() {
  const actor = await requirePageActor();
  const tokens = await listTokens(actor);
  return (
    <section className="account-page">
      <h1>Your account</h1>
      <dl className="account-facts">
        <div>
          <dt>Name</dt>
          <dd data-testid="account-name">{actor.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{actor.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd data-testid="account-role">{actor.role}</dd>
        </div>
      </dl>
      <ApiTokens initialTokens={tokens} />
      <h2>Sign out</h2>
      <p>
        <SignOutButton />
      </p>
    </section>
  );
}

export default whenDatabaseUp(AccountPage);
