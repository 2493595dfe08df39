import { describe, expect, it } from "vitest";
import { readPublicOrigin } from "./env";

describe("readPublicOrigin", () => {
  it("is PUBLIC_URL's origin, whatever path it names", () => {
    expect(readPublicOrigin({ PUBLIC_URL: "https://factcheck.example.org/app/" })).toBe("https://factcheck.example.org");
    expect(readPublicOrigin({ PUBLIC_URL: "http://localhost:3000" })).toBe("http://localhost:3000");
  });

  it("is undefined when PUBLIC_URL is unset or empty, so that the request's origin is used", () => {
    expect(readPublicOrigin({})).toBeUndefined();
    expect(readPublicOrigin({ PUBLIC_URL: "" })).toBeUndefined();
  });

  it("refuses a PUBLIC_URL that is no http(s) URL", () => {
    expect(() => readPublicOrigin({ PUBLIC_URL: "ftp://example.org" })).toThrow(/PUBLIC_URL/);
  });
});
