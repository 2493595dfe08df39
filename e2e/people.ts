/**
 * The suite's people on its server, made once per run by `people.setup.ts`
 * through the API: one per role, with a browser's signed-in state
 * (`storageState`) and a Bearer token each. The editor is "Rita Reviewer",
 * whose name the journeys' assertions use.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addPerson, type E2ePerson, type Role } from "./accounts";

export const suitePeople: Record<Role, string> = {
  admin: "Test Admin",
  editor: "Rita Reviewer",
  reviewer: "Ravi Reviewer",
  viewer: "Vera Viewer",
};

/**
 * A second person with the reviewer role, for journeys where two reviewers
 * judge one claim (the review workflow): a browser state of their own.
 */
export const secondReviewer = "Rhea Reviewer";

function authDir(): string {
  const dir = process.env.E2E_AUTH_DIR;
  if (!dir) throw new Error("E2E_AUTH_DIR is not set: run the suite through playwright.config.ts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Where the signed-in browser state of `role` is kept. */
export const storageStateOf = (role: Role) => path.join(authDir(), `${role}.json`);

/** Where the signed-in browser state of `secondReviewer` is kept. */
export const secondReviewerState = () => path.join(authDir(), "second-reviewer.json");

const peopleFile = () => path.join(authDir(), "people.json");

/** Saves the suite's people and a browser state for each (its session cookie on the server of `baseURL`). */
export function savePeople(baseURL: string, people: Record<Role, E2ePerson>): void {
  writeFileSync(peopleFile(), JSON.stringify(people));
  for (const [role, person] of Object.entries(people) as [Role, E2ePerson][]) saveBrowserState(baseURL, person, storageStateOf(role));
}

/** A browser state signed in as `person`, a test's own (not one of the suite's people): its file. */
export function browserStateOf(baseURL: string, person: E2ePerson): string {
  const file = path.join(authDir(), `person-${person.email}.json`);
  saveBrowserState(baseURL, person, file);
  return file;
}

/** Saves a browser state signed in as `person` (their session cookie on the server of `baseURL`) to `file`. */
function saveBrowserState(baseURL: string, person: E2ePerson, file: string): void {
  const at = person.cookie.indexOf("=");
  const cookie = {
    name: person.cookie.slice(0, at),
    value: person.cookie.slice(at + 1),
    domain: new URL(baseURL).hostname,
    path: "/",
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: "Lax" as const,
  };
  writeFileSync(file, JSON.stringify({ cookies: [cookie], origins: [] }));
}

const secondReviewerFile = () => path.join(authDir(), "second-reviewer-person.json");

/** Saves `secondReviewer` and a browser state signed in as them. */
export function saveSecondReviewer(baseURL: string, person: E2ePerson): void {
  writeFileSync(secondReviewerFile(), JSON.stringify(person));
  saveBrowserState(baseURL, person, secondReviewerState());
}

/** The suite's people, as `people.setup.ts` saved them. */
export function loadPeople(): Record<Role, E2ePerson> {
  return JSON.parse(readFileSync(peopleFile(), "utf8")) as Record<Role, E2ePerson>;
}

/**
 * The people a test names beyond the suite's four (a colleague whose claims
 * it arranges): added once per worker, as editors, by the suite's admin.
 */
const extra = new Map<string, Promise<E2ePerson>>();

/** The suite's person of that name, else an editor of that name added now. */
export function personNamed(baseURL: string, name: string): Promise<E2ePerson> {
  const people = loadPeople();
  const second = existsSync(secondReviewerFile()) ? [JSON.parse(readFileSync(secondReviewerFile(), "utf8")) as E2ePerson] : [];
  const known = [...Object.values(people), ...second].find((person) => person.name === name);
  if (known) return Promise.resolve(known);
  let pending = extra.get(name);
  if (!pending) {
    pending = addPerson(new URL(baseURL).origin, people.admin.token, name, "editor");
    extra.set(name, pending);
    pending.catch(() => extra.delete(name));
  }
  return pending;
}
