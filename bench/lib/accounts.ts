/**
 * The benchmark signs in as a script would: the first account of a fresh
 * database signs up (on a server restarted over the same database, signs
 * in), and the people of the load figure are added through POST /api/users
 * and their invitations, each with a personal API token.
 */
export interface BenchAuth {
  /** Request headers that authenticate as this person (a Bearer token). */
  headers: Record<string, string>;
  /** Their session cookie, for a browser context. */
  cookie: { name: string; value: string };
}

const benchAdmin = { email: "bench@bench.example", name: "Bench", password: "bench password, not a secret" };
const personPassword = "bench person password";

async function json(response: Response, what: string): Promise<{ [key: string]: unknown }> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as { [key: string]: unknown };
}

function sessionCookie(response: Response): { name: string; value: string } {
  const line = response.headers.getSetCookie().find((value) => /session_token=/.test(value));
  if (!line) throw new Error("no session cookie was set");
  const [pair] = line.split(";");
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: pair.slice(at + 1) };
}

/** Signed in with a cookie: makes a token and returns both. */
async function withToken(origin: string, cookie: { name: string; value: string }): Promise<BenchAuth> {
  const created = await fetch(`${origin}/api/tokens`, {
    method: "POST",
    headers: { cookie: `${cookie.name}=${cookie.value}`, origin, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  const { token } = (await json(created, "creating a token")) as { token: string };
  return { headers: { authorization: `Bearer ${token}` }, cookie };
}

/** The benchmark's admin (the first account), on a server that answers. */
export async function signInBench(origin: string): Promise<BenchAuth> {
  const post = (path: string, body: unknown) =>
    fetch(`${origin}/api/auth/${path}`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify(body) });
  let answer = await post("sign-up/email", benchAdmin);
  if (answer.status === 403) answer = await post("sign-in/email", { email: benchAdmin.email, password: benchAdmin.password });
  await json(answer.clone(), "signing in the benchmark's admin");
  return withToken(origin, sessionCookie(answer));
}

/** People of these names and `role`, added by `admin`, each signed in with a token of their own. */
export async function addBenchPeople(origin: string, admin: BenchAuth, names: string[], role: string): Promise<Map<string, BenchAuth>> {
  const people = new Map<string, BenchAuth>();
  for (const name of names) {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@bench.example`;
    const added = await fetch(`${origin}/api/users`, {
      method: "POST",
      headers: { ...admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ email, name, role }),
    });
    const { invitationUrl } = (await json(added, `adding ${name}`)) as { invitationUrl: string };
    const token = new URL(invitationUrl).pathname.split("/").at(-1);
    const accepted = await fetch(`${origin}/api/invitations/${token}`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ password: personPassword }),
    });
    await json(accepted.clone(), `${name} accepting the invitation`);
    people.set(name, await withToken(origin, sessionCookie(accepted)));
  }
  return people;
}
