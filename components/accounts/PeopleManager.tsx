"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api, failureMessage, type PersonSummary } from "@/lib/api-client";
import { maxReviewerLength } from "@/lib/limits";
import { type Role, roles } from "@/lib/roles";
import { CopyButton } from "./CopyButton";

interface PeopleManagerProps {
  initialPeople: PersonSummary[];
  /** The admin using the page (named "you" in the list). */
  selfId: string;
  /** How long an invitation link works. */
  invitationDays: number;
}

const unreachable = "The server cannot be reached; nothing was changed.";

/**
 * The table's column names, once: its headers, and each cell's `data-label`,
 * under which a phone shows the value when the rows are cards (app/phone.css).
 */
const columns = { name: "Name", email: "Email", role: "Role", status: "Status" } as const;

/** The list of people, with their roles and whether they may sign in, and the form that adds one. */
export function PeopleManager({ initialPeople, selfId, invitationDays }: PeopleManagerProps) {
  const [people, setPeople] = useState(initialPeople);
  const [error, setError] = useState<string | null>(null);
  const replace = (person: PersonSummary) => setPeople((list) => list.map((p) => (p.id === person.id ? person : p)));
  const change = async (person: PersonSummary, patch: { role?: Role; active?: boolean }) => {
    setError(null);
    try {
      replace(await api.changePerson(person.id, patch));
    } catch (failure) {
      setError(failureMessage(failure, unreachable));
    }
  };

  return (
    <>
      <AddPerson invitationDays={invitationDays} onAdded={(person) => setPeople((list) => [...list, person])} />
      <h2>Everyone with an account</h2>
      <FormError message={error} />
      <table className="people-table phone-cards" data-testid="people">
        <thead>
          <tr>
            {Object.values(columns).map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id} data-testid="person">
              <th scope="row">
                {person.name}
                {person.id === selfId && <span className="hint"> (you)</span>}
              </th>
              <td data-label={columns.email}>{person.email}</td>
              <td data-label={columns.role}>
                <select
                  aria-label={`Role of ${person.name}`}
                  value={person.role}
                  onChange={(e) => void change(person, { role: e.target.value as Role })}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
              <td data-label={columns.status}>
                {person.active ? "active" : "deactivated"}{" "}
                <button type="button" className="link-button" onClick={() => void change(person, { active: !person.active })}>
                  {person.active ? "Deactivate" : "Reactivate"}
                  <span className="sr-only"> {person.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Adds a person with a role, and shows the one-time invitation link to give them. */
function AddPerson({ invitationDays, onAdded }: { invitationDays: number; onAdded: (person: PersonSummary) => void }) {
  const [person, setPerson] = useState<{ email: string; name: string; role: Role }>({ email: "", name: "", role: "reviewer" });
  const [invited, setInvited] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="add-person" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">Add a person</h2>
      <form
        className="add-person-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const { user, invitationUrl } = await api.addPerson({ ...person, email: person.email.trim(), name: person.name.trim() });
            onAdded(user);
            setInvited({ name: user.name, url: invitationUrl });
            setPerson({ email: "", name: "", role: person.role });
          } catch (failure) {
            setError(failureMessage(failure, unreachable));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="review-field">
          Email
          <input type="email" required value={person.email} onChange={(e) => setPerson({ ...person, email: e.target.value })} />
        </label>
        <label className="review-field">
          Name
          <input required maxLength={maxReviewerLength} value={person.name} onChange={(e) => setPerson({ ...person, name: e.target.value })} />
        </label>
        <label className="review-field">
          Role
          <select value={person.role} onChange={(e) => setPerson({ ...person, role: e.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Adding…" : "Add person"}
        </button>
      </form>
      <FormError message={error} />
      {invited && (
        <div className="invitation" role="status" data-testid="invitation">
          <p>
            {invited.name} is added. Give them this link, which works once and for {invitationDays} days, to set their password (no email is sent):
          </p>
          <p className="secret-line">
            <code data-testid="invitation-url">{invited.url}</code> <CopyButton text={invited.url} label="Copy the link" />
          </p>
        </div>
      )}
    </section>
  );
}
