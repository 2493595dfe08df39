/**
 * The origin the client addressed: its Host header, as Next's `request.url`
 * names the host the server listens on instead. A Host that is not a bare
 * host name (with a port) is ignored. Proxies' X-Forwarded-* headers are not
 * read: anyone can send them, so behind a proxy set PUBLIC_URL.
 */
export function requestOrigin(url: string, host: string | null): string {
  const { protocol, origin } = new URL(url);
  if (!host || !/^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i.test(host)) return origin;
  try {
    return new URL(`${protocol}//${host}`).origin;
  } catch {
    return origin; // A port over 65535, an address with bad numbers.
  }
}
