import { describe, expect, it } from "vitest";
import { agreementOf } from "./agreement";
import type { Tag } from "./tags";

/** `count` pairs of `[first, second]`. */
const times = (count: number, first: Tag, second: Tag) => Array.from({ length: count }, () => [first, second] as const);

describe("Cohen's κ", () => {
  it("matches a hand-computed example", () => {
    // 20 claims. Rows: the first verdict; columns: the second.
    //
    //               disputed  denied  unverified | first
    //   disputed        6        2         0     |   8
    //   denied          1        5         1     |   7
    //   unverified      0        1         4     |   5
    //   ------------------------------------------
    //   second          7        8         5     |  20
    //
    // pₒ = (6 + 5 + 4) / 20 = 15/20 = 0.75
    // pₑ = (8·7 + 7·8 + 5·5) / 20² = (56 + 56 + 25) / 400 = 137/400 = 0.3425
    // κ = (0.75 − 0.3425) / (1 − 0.3425) = 0.4075 / 0.6575 = 0.619771863…
    const pairs = [
      ...times(6, "disputed", "disputed"),
      ...times(2, "disputed", "denied"),
      ...times(1, "denied", "disputed"),
      ...times(5, "denied", "denied"),
      ...times(1, "denied", "unverified"),
      ...times(1, "unverified", "denied"),
      ...times(4, "unverified", "unverified"),
    ];
    const result = agreementOf(pairs);
    expect(result.claims).toBe(20);
    expect(result.observed).toBe(0.75);
    expect(result.kappa).toBeCloseTo(0.4075 / 0.6575, 12);
    expect(result.kappa).toBeCloseTo(0.6198, 4);
    expect(result.confusion).toEqual({
      disputed: { disputed: 6, denied: 2, unverified: 0 },
      denied: { disputed: 1, denied: 5, unverified: 1 },
      unverified: { disputed: 0, denied: 1, unverified: 4 },
    });
  });

  it("is 1 for full agreement over more than one tag, and below 0 for agreement worse than chance", () => {
    expect(agreementOf([...times(3, "denied", "denied"), ...times(2, "disputed", "disputed")]).kappa).toBe(1);
    // pₒ = 0, pₑ = (1·1 + 1·1) / 2² = 0.5: κ = (0 − 0.5) / 0.5 = −1.
    expect(
      agreementOf([
        ["denied", "disputed"],
        ["disputed", "denied"],
      ]).kappa,
    ).toBe(-1);
  });

  it("is null when undefined: no pairs, or every verdict the same tag (pₑ = 1)", () => {
    expect(agreementOf([])).toMatchObject({ claims: 0, observed: null, kappa: null });
    expect(agreementOf(times(4, "unverified", "unverified"))).toMatchObject({ claims: 4, observed: 1, kappa: null });
  });
});
