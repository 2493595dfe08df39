import { describe, expect, it } from "vitest";
import { foldForMatching } from "./fold";

describe("foldForMatching", () => {
  it("folds case and accents, precomposed or combining, to the same text", () => {
    const forms = ["Émile Zola", "émile zola", "EMILE ZOLA", "E\u0301mile Zola", "emile zola"];
    expect(new Set(forms.map(foldForMatching))).toEqual(new Set(["emile zola"]));
    expect(foldForMatching("José Álvarez-Núñez")).toBe("jose alvarez-nunez");
    expect(foldForMatching("İlkay")).toBe("ilkay");
  });

  it("keeps letters that are not an accented letter, and Hangul syllables whole", () => {
    expect(foldForMatching("Łukasz Ørsted Straße")).toBe("łukasz ørsted straße");
    expect(foldForMatching("한국").startsWith(foldForMatching("하"))).toBe(false);
  });
});
