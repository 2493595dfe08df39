import type { Metadata } from "next";
import { PeopleManager } from "@/components/accounts/PeopleManager";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { invitationDays, listPeople } from "@/server/people";
import { Refusal } from "@/server/refusal";

export const metadata: Metadata = { title: "People" };

/** Admins add people (each gets an invitation link), change their roles, and deactivate them. */
async function PeoplePage() {
  const actor = await requirePageActor();
  const people = await listPeople(actor);
  if (people instanceof Refusal) {
    return (
      <section className="account-page">
        <h1>People</h1>
        <p role="note" data-testid="people-refused">
          Only admins can manage people.
        </p>
      </section>
    );
  }
  return (
    <section className="people-page">
      <h1>People</h1>
      <PeopleManager initialPeople={people} selfId={actor.id} invitationDays={invitationDays} />
    </section>
  );
}

export default whenDatabaseUp(PeoplePage);
