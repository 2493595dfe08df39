import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { personProfile } from "@/server/people";

export const metadata: Metadata = { title: "Person" };

/**
 * A person of the newsroom as every signed-in person may see them: name,
 * role and the claims they tagged. A W3C export's `creator` id is this
 * page's address.
 */
async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor();
  const profile = await personProfile((await params).id);
  if (!profile) notFound();
  return (
    <section className="account-page">
      <h1 data-testid="person-name">{profile.name}</h1>
      <dl className="account-facts">
        <div>
          <dt>Role</dt>
          <dd data-testid="person-role">{profile.active ? profile.role : `${profile.role} (deactivated)`}</dd>
        </div>
        <div>
          <dt>Claims tagged</dt>
          <dd data-testid="person-claims">
            {profile.claims > 0 ? <AppLink href={`/review?${new URLSearchParams({ reviewer: profile.name })}`}>{profile.claims}</AppLink> : 0}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export default whenDatabaseUp(PersonPage);
