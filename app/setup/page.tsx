import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/accounts/SetupForm";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { hasAccounts } from "@/server/auth";

export const metadata: Metadata = { title: "Create the first account" };

/** The first run: on a database with no accounts, every page leads here; the account made is an admin. */
async function SetupPage() {
  // Per request, never at build time (which would open the database of the build's environment).
  await connection();
  if (await hasAccounts()) redirect("/sign-in");
  return (
    <section className="account-page">
      <h1>Create the first account</h1>
      <p className="hint">No one has an account yet. The first account is an admin: it adds everyone else, each with a role, from the People page.</p>
      <SetupForm />
    </section>
  );
}

export default whenDatabaseUp(SetupPage);
