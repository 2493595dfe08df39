import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { InvitationForm } from "@/components/accounts/InvitationForm";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { invitationFor } from "@/server/people";

export const metadata: Metadata = { title: "Set your password" };

type Props = { params: Promise<{ token: string }> };

/** Where an invited person sets a password, through the one-time link an admin gave them. */
async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const person = await invitationFor(token);
  if (!person) {
    return (
      <section className="account-page">
        <h1>This invitation link does not work</h1>
        <p data-testid="invitation-unusable">
          It was used already, has expired, or is not a link an admin made. Ask an admin for a new one, or <AppLink href="/sign-in">sign in</AppLink>.
        </p>
      </section>
    );
  }
  return (
    <section className="account-page">
      <h1>Set your password</h1>
      <p>
        For <strong>{person.name}</strong> ({person.email}), invited as {person.role === "admin" || person.role === "editor" ? "an" : "a"}{" "}
        {person.role}.
      </p>
      <InvitationForm token={token} email={person.email} />
    </section>
  );
}

export default whenDatabaseUp(InvitationPage);
