import { describe, expect, it } from "vitest";
import { fieldMessages } from "./settings-errors";

describe("fieldMessages", () => {
  it("puts each named field's message beside that field", () => {
    expect(fieldMessages("publisher.url: must be an http(s) URL; publicBaseUrl: Required")).toEqual({
      byField: { url: "must be an http(s) URL", publicBaseUrl: "Required" },
      rest: [],
    });
  });

  it("keeps what names no field of the form as a message of the whole form", () => {
    expect(fieldMessages("unknown or unchangeable field(s): colour; publisher.name: Too long")).toEqual({
      byField: { name: "Too long" },
      rest: ["unknown or unchangeable field(s): colour"],
    });
  });

  it("joins two messages on one field", () => {
    expect(fieldMessages("publisher.logo: a; publisher.logo: b").byField).toEqual({ logo: "a; b" });
  });
});
