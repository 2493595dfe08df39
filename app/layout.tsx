import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SessionKeeper } from "@/components/accounts/SessionKeeper";
import { SignOutButton } from "@/components/accounts/SignOutButton";
import { type Actor, getPageActor } from "@/server/actor";
import { canForAnyone } from "@/server/policy";
import { countQueue, queueCountText } from "@/server/queue";
import "./globals.css";
import "./review-workflow.css";
import "./phone.css";

export const metadata: Metadata = {
  title: { default: "Fact-check annotator", template: "%s · Fact-check annotator" },
  description: "Tag claims in news articles as disputed, denied or unverified.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, none prerendered at build time: Next
  // puts the request's CSP nonce (proxy.ts) on a page's scripts only when it
  // renders it, and a page without it would run no script at all.
  await connection();
  const actor = await signedIn();
  const queued = actor ? await queueCount(actor) : 0;
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <AppLink href="/" className="site-name">
            Fact-check annotator
          </AppLink>
          {actor && (
            <nav aria-label="Site" className="site-nav">
              <AppLink href="/queue" data-testid="queue-link">
                My queue <span className="queue-count">({queueCountText(queued)})</span>
              </AppLink>
              <AppLink href="/review">Review all claims</AppLink>
              {canForAnyone(actor.role, "add_article") && <AppLink href="/documents/new">Add an article</AppLink>}
              {canForAnyone(actor.role, "manage_people") && <AppLink href="/people">People</AppLink>}
              {canForAnyone(actor.role, "manage_settings") && <AppLink href="/settings">Settings</AppLink>}
              <AppLink href="/account">Account</AppLink>
              <span className="signed-in" data-testid="signed-in">
                <strong>{actor.name}</strong> <span className="role-badge">{actor.role}</span>
              </span>
              <SignOutButton />
              <SessionKeeper />
            </nav>
          )}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

/** How many claims wait in the header's "My queue"; none shown when the database cannot say (the page itself says why). */
async function queueCount(actor: Actor): Promise<number> {
  try {
    return await countQueue(actor);
  } catch {
    return 0;
  }
}

/** Who is signed in, for the header; nobody when that cannot be read (the page itself says why). */
async function signedIn(): Promise<Actor | null> {
  try {
    return await getPageActor();
  } catch {
    return null;
  }
}
