import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./sign-in-path";

describe("safeNextPath", () => {
  it("keeps a path of this app, with its query and fragment", () => {
    expect(safeNextPath("/documents/jassy-bloomberg-retraction?revision=2#claim")).toBe("/documents/jassy-bloomberg-retraction?revision=2#claim");
    expect(signInPath("/review?tag=denied")).toBe("/sign-in?next=%2Freview%3Ftag%3Ddenied");
  });

  it("never leads to another site, however the path is spelled", () => {
    for (const next of [
      "//evil.com",
      "/\\evil.com",
      "/\t/evil.com",
      "/\n/evil.com",
      "/\r\n/evil.com",
      "https://evil.com",
      "evil.com",
      "/%09/x\u0000",
      "",
      null,
      undefined,
    ]) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe("/");
    }
  });
});
