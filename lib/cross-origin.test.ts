import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "./cross-origin";

const ownOrigin = "https://factcheck.example.org";
const cookie = "reviewer=Rita";

function ask(method: string, headers: Record<string, string>) {
  return crossOriginRefusal({ method, headers: new Headers(headers), ownOrigin });
}

describe("crossOriginRefusal", () => {
  it("lets a cookie request from the app's own origin change things", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(ask(method, { cookie, origin: ownOrigin })).toBeNull();
    }
  });

  it("refuses a cookie request that changes something from another origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(ask(method, { cookie, origin: "https://evil.example" })).toMatch(
        /"https:\/\/evil\.example", not from this app \(https:\/\/factcheck\.example\.org\)/,
      );
    }
  });

  it("tells another scheme, host or port from the app's origin", () => {
    for (const origin of [
      "http://factcheck.example.org",
      "https://factcheck.example.org:8443",
      "https://sub.factcheck.example.org",
      "https://factcheck.example.org.evil.example",
    ]) {
      expect(ask("POST", { cookie, origin })).not.toBeNull();
    }
    // The same origin spelt with its default port or in capitals is the same origin.
    expect(ask("POST", { cookie, origin: "https://FACTCHECK.example.org:443" })).toBeNull();
  });

  it("refuses the opaque origin `null` and an Origin that is no URL, even with a good Referer", () => {
    expect(ask("POST", { cookie, origin: "null", referer: `${ownOrigin}/documents/a` })).toMatch(/opaque origin/);
    expect(ask("POST", { cookie, origin: "not a url" })).not.toBeNull();
  });

  it("falls back to the Referer when there is no Origin", () => {
    expect(ask("POST", { cookie, referer: `${ownOrigin}/documents/jassy?claim=1` })).toBeNull();
    expect(ask("DELETE", { cookie, referer: "https://evil.example/page" })).toMatch(/a page of "https:\/\/evil\.example"/);
    expect(ask("DELETE", { cookie, referer: "garbage" })).not.toBeNull();
  });

  it("refuses a cookie request that changes something and names no origin at all, and says what to send", () => {
    expect(ask("POST", { cookie })).toBe(
      'A request that changes something and carries the reviewer cookie must name where it comes from: send "Origin: https://factcheck.example.org".',
    );
  });

  it("compares with whatever origin it is given as the app's own (PUBLIC_URL's, or the request's)", () => {
    const asked = (own: string, origin: string) => crossOriginRefusal({ method: "POST", headers: new Headers({ cookie, origin }), ownOrigin: own });
    expect(asked("http://127.0.0.1:3100", "http://127.0.0.1:3100")).toBeNull();
    expect(asked("http://127.0.0.1:3100", "http://localhost:3100")).not.toBeNull();
  });

  it("leaves reads alone, whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(ask(method, { cookie, origin: "https://evil.example" })).toBeNull();
    }
  });

  it("is not concerned with requests that carry no cookie or a Bearer token", () => {
    expect(ask("POST", { origin: "https://evil.example" })).toBeNull();
    expect(ask("POST", {})).toBeNull();
    expect(ask("POST", { cookie: "", origin: "https://evil.example" })).toBeNull();
    expect(ask("POST", { cookie, authorization: "Bearer abc.def", origin: "https://evil.example" })).toBeNull();
    // Only a Bearer token exempts: Basic credentials are sent by browsers as cookies are.
    expect(ask("POST", { cookie, authorization: "Basic dXNlcjpwYXNz", origin: "https://evil.example" })).not.toBeNull();
  });
});
