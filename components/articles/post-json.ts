/** Sends JSON (POST, or `method`) and gives back either the answer or the server's error, never throws. */
export async function postJson<T>(
  url: string,
  body: unknown,
  method: "POST" | "PATCH" = "POST",
): Promise<{ ok: true; body: T } | { ok: false; status: number; message: string }> {
  try {
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (response.ok) return { ok: true, body: json as T };
    return { ok: false, status: response.status, message: json?.error?.message ?? `The server answered ${response.status}.` };
  } catch {
    return { ok: false, status: 0, message: "The server cannot be reached. Your text is still here; try again." };
  }
}
