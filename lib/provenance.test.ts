import { describe, expect, it } from "vitest";
import { describeProvenance } from "./provenance";

describe("describeProvenance", () => {
  it("says who, where and on which day, as the claim's panel shows it", () => {
    expect(describeProvenance({ creator: { name: "A. Smith" }, source: "Hypothesis", created: "2018-10-03T23:30:00Z" })).toBe(
      "by A. Smith in Hypothesis, 3 Oct 2018",
    );
  });

  it("leaves out what the file did not say", () => {
    expect(describeProvenance({ source: "W3C import" })).toBe("in W3C import");
  });
});
