import type { Metadata } from "next";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { QueueSections } from "@/components/queue/QueueSections";
import { requirePageActor } from "@/server/actor";
import { getQueue } from "@/server/queue";
import { unwrap } from "@/server/refusal";

export const metadata: Metadata = { title: "My queue" };

/** What waits for the signed-in person: second verdicts to give, claims sent back to them, mentions. */
async function QueuePage() {
  const queue = unwrap(await getQueue(await requirePageActor()));
  return (
    <section className="queue-page">
      <h1>My queue</h1>
      <QueueSections queue={queue} />
    </section>
  );
}

export default whenDatabaseUp(QueuePage);
