import { AppLink } from "@/components/AppLink";
import type { ReactNode } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import type { Queue } from "@/server/queue";

/** Where a claim opens: its article's editor, on the claim. */
const claimHref = (slug: string, id: string) => `/documents/${encodeURIComponent(slug)}?claim=${encodeURIComponent(id)}`;

/** The three sections of a person's queue, each a list of claims that open in their article. */
export function QueueSections({ queue }: { queue: Queue }) {
  return (
    <>
      <Section
        id="waiting"
        title="Waiting for my second verdict"
        count={queue.waiting.count}
        shown={queue.waiting.claims.length}
        empty="No claim in review waits for your verdict."
      >
        {queue.waiting.claims.map((claim) => (
          <li key={claim.id} data-testid="queue-claim" data-claim-id={claim.id}>
            <AppLink href={claimHref(claim.document.slug, claim.id)} className="queue-quote">
              “{claim.quote}”
            </AppLink>{" "}
            <span className="queue-meta">
              in {claim.document.title}; tagged by {claim.createdBy}, in review since <ChangeTime iso={claim.since} />
            </span>
          </li>
        ))}
      </Section>
      <Section
        id="returned"
        title="Returned to me"
        count={queue.returned.count}
        shown={queue.returned.claims.length}
        empty="None of your claims was sent back with changes requested."
      >
        {queue.returned.claims.map((claim) => (
          <li key={claim.id} data-testid="queue-claim" data-claim-id={claim.id}>
            <AppLink href={claimHref(claim.document.slug, claim.id)} className="queue-quote">
              “{claim.quote}”
            </AppLink>{" "}
            <span className="queue-meta">
              in {claim.document.title}; {claim.requestedBy} asked for changes, <ChangeTime iso={claim.since} />
            </span>
            {claim.comment && <blockquote className="queue-comment">{claim.comment}</blockquote>}
          </li>
        ))}
      </Section>
      <Section
        id="mentioned"
        title="Mentioned"
        count={queue.mentioned.count}
        shown={queue.mentioned.claims.length}
        empty="Nobody has mentioned you in a comment."
      >
        {queue.mentioned.claims.map((mention) => (
          <li key={`${mention.annotationId}`} data-testid="queue-claim" data-claim-id={mention.annotationId}>
            <AppLink href={claimHref(mention.document.slug, mention.annotationId)} className="queue-quote">
              “{mention.quote}”
            </AppLink>{" "}
            <span className="queue-meta">
              in {mention.document.title}; {mention.by.name} mentioned you, <ChangeTime iso={mention.at} />
            </span>
            <blockquote className="queue-comment">{mention.body}</blockquote>
          </li>
        ))}
      </Section>
    </>
  );
}

interface SectionProps {
  id: string;
  title: string;
  count: number;
  shown: number;
  empty: string;
  children: ReactNode;
}

function Section({ id, title, count, shown, empty, children }: SectionProps) {
  return (
    <section className="queue-section" aria-labelledby={`queue-${id}`} data-testid={`queue-${id}`} data-count={count}>
      <h2 id={`queue-${id}`}>
        {title} <span className="queue-count">({count})</span>
      </h2>
      {count === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <>
          <ul className="queue-list">{children}</ul>
          {shown < count && (
            <p className="hint">
              The first {shown} of {count} are listed.
            </p>
          )}
        </>
      )}
    </section>
  );
}
