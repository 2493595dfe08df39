/** True for an absolute http(s) address with a host: what evidence links may be. */
export function isHttpUrl(value: string): boolean {
  // "http:x" parses (as http://x/), but nobody means a link by it.
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
