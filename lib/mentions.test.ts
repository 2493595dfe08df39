import { describe, expect, it } from "vitest";
import { findMentions, matchPeople, mentionQueryAt } from "./mentions";

const people = [
  { id: "maya", name: "Maya Chen" },
  { id: "may", name: "Maya" },
  { id: "ed", name: "Ed Stone" },
  { id: "ed2", name: "Ed Stone" },
];

describe("findMentions", () => {
  it("finds whole names after @, the longest that fits, each person once", () => {
    expect(findMentions("@Maya Chen please check, and @maya too; @Maya Chen again", people)).toEqual(["maya", "may"]);
  });

  it("mentions everyone who shares a name", () => {
    expect(findMentions("Ask @Ed Stone.", people)).toEqual(["ed", "ed2"]);
  });

  it("ignores an @ inside a word, and a name that goes on", () => {
    expect(findMentions("mail maya@Maya Chen or @Mayan or @Ed Stoned", people)).toEqual([]);
  });

  it("finds a mention after letters that lower-case to more than one (İ), and not one inside a word after them", () => {
    expect(findMentions("İİ @Ed Stone", people)).toEqual(["ed", "ed2"]);
    expect(findMentions("İİ x@Ed Stone", people)).toEqual([]);
  });

  it("finds nobody in a body without a known name", () => {
    expect(findMentions("@nobody here", people)).toEqual([]);
  });
});

describe("mentionQueryAt", () => {
  it("gives what is typed after an @ up to the caret", () => {
    expect(mentionQueryAt("Hi @Maya C", 10)).toEqual({ start: 3, query: "Maya C" });
    expect(mentionQueryAt("Hi @", 4)).toEqual({ start: 3, query: "" });
  });

  it("is null outside a mention", () => {
    expect(mentionQueryAt("a@b", 3)).toBeNull();
    expect(mentionQueryAt("no mention", 5)).toBeNull();
    expect(mentionQueryAt("@Maya\nnext", 10)).toBeNull();
  });
});

describe("matchPeople", () => {
  it("matches the start of the name or of a word in it", () => {
    expect(matchPeople(people, "sto").map((p) => p.id)).toEqual(["ed", "ed2"]);
    expect(matchPeople(people, "MAY").map((p) => p.id)).toEqual(["maya", "may"]);
  });

  it("matches in any case and with or without accents, on either side", () => {
    const newsroom = [
      { id: "zola", name: "Émile Zola" },
      { id: "jose", name: "José Álvarez" },
      { id: "emma", name: "Emma Stone" },
    ];
    for (const query of ["emi", "EMI", "Émi", "émi", "E\u0301mi", "zol"]) expect(matchPeople(newsroom, query).map((p) => p.id)).toEqual(["zola"]);
    expect(matchPeople(newsroom, "Ém").map((p) => p.id)).toEqual(["zola", "emma"]);
    expect(matchPeople(newsroom, "alva").map((p) => p.id)).toEqual(["jose"]);
    expect(matchPeople(newsroom, "jos\u00e9 \u00c1").map((p) => p.id)).toEqual(["jose"]);
    expect(matchPeople(newsroom, "ema")).toEqual([]);
  });
});

describe("findMentions and a name picked from matchPeople", () => {
  it("finds the person whose name was picked by typing it without accents", () => {
    const newsroom = [{ id: "zola", name: "Émile Zola" }];
    const [picked] = matchPeople(newsroom, "emi");
    // The comment box puts the name as written (CommentThread's pick), which the server finds.
    expect(findMentions(`Ask @${picked.name} about it`, newsroom)).toEqual(["zola"]);
  });
});
