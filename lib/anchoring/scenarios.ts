/**
 * Edit scenarios for re-anchoring, kept as data. Each one makes a claim on a
 * base text (the article in `content/jassy-bloomberg-retraction.txt` unless it
 * says otherwise), revises the text with a list of edits, and says which
 * words of the revision the claim should land on, or why it is an orphan.
 * `scenarios.test.ts` runs them; add a case here when anchoring gets a new
 * kind of edit wrong.
 */
import type { AnchorMethod, OrphanReason } from "./anchor";

/** Some words of a text: the `occurrence`-th (from 0) place where they occur. */
export interface Words {
  words: string;
  occurrence?: number;
}

/**
 * One change to the text. `find` must occur exactly once unless
 * `occurrence` picks one; `move` cuts a passage (found once) and pastes it
 * right before `before`.
 */
export type Edit =
  { find: string; replace: string; occurrence?: number } | { move: string; before: string } | { append: string } | { unicode: "NFC" | "NFD" };

export type Expectation = (Words & { method?: AnchorMethod }) | { orphan: OrphanReason };

export interface Scenario {
  name: string;
  /** The text the claim was made on; the article when absent. */
  base?: string;
  claim: Words;
  edits: Edit[];
  expect: Expectation;
}

const repeatedLine = "Super Micro plunges on new report of hacked hardware in US";
const updateNote = { find: "Key Points", replace: "Updated on Tuesday, October 9, at 10 a.m.\nKey Points" };
const schmidtParagraph =
  '"There are so many inaccuracies in this article as it relates to Amazon that they\'re hard to count," Steve Schmidt, chief information security officer at AWS, wrote in the post.\n';
const denialParagraph =
  'Bloomberg published a denial from AWS alongside its own report, and AWS refuted the report in a more strongly worded six-paragraph blog post entitled "Setting the Record Straight on Bloomberg Businessweek\'s Erroneous Article."\n';
const storyParagraph =
  "The Bloomberg story said that servers from Super Micro in AWS Beijing data centers contained malicious chips, which were also found in servers from Elemental Technologies, a company AWS acquired.";
const appleSentence =
  "Apple CEO Tim Cook told Buzzfeed on Friday that the scenario Bloomberg reported never happened and that the October story in Bloomberg Businessweek should be retracted. ";
const tweetEnd = ' "Reporters got played or took liberties. Bloomberg should retract."';

export const scenarios: Scenario[] = [
  // Edits around the claim.
  {
    name: "unchanged text: the claim stays at its old position",
    claim: { words: "never happened" },
    edits: [],
    expect: { words: "never happened", method: "position" },
  },
  {
    name: "words inserted before the claim",
    claim: { words: "the scenario Bloomberg reported never happened" },
    edits: [{ find: "told Buzzfeed on Friday", replace: "told BuzzFeed News on Friday, Oct. 12," }],
    expect: { words: "the scenario Bloomberg reported never happened", method: "quote" },
  },
  {
    name: "a paragraph deleted before the claim",
    claim: { words: "six-paragraph blog post" },
    edits: [{ find: "AWS CEO Andy Jassy said Bloomberg story on spy chips was wrong and should be retracted.\n", replace: "" }],
    expect: { words: "six-paragraph blog post", method: "quote" },
  },
  {
    name: "a sentence added right after the claim",
    claim: { words: "Reporters got played or took liberties." },
    edits: [{ find: "took liberties.", replace: "took liberties. They owe us an apology." }],
    expect: { words: "Reporters got played or took liberties.", method: "position" },
  },
  {
    name: "the words right before the claim rewritten",
    claim: { words: "was under surveillance by the Chinese government" },
    edits: [{ find: "provided by server company Super Micro, was", replace: "supplied by the server maker Super Micro Computer, was" }],
    expect: { words: "was under surveillance by the Chinese government", method: "quote" },
  },
  {
    name: "the sentences on both sides rewritten, a long claim intact",
    claim: { words: "the October story in Bloomberg Businessweek should be retracted" },
    edits: [
      {
        find: "Apple CEO Tim Cook told Buzzfeed on Friday that the scenario Bloomberg reported never happened and that ",
        replace: "On Friday, Apple's Tim Cook said in an interview that ",
      },
      { find: ". Bloomberg alleged", replace: ". The magazine alleged" },
    ],
    expect: { words: "the October story in Bloomberg Businessweek should be retracted", method: "quote" },
  },
  // A claim on whole words stays on whole words.
  {
    name: "a letter added to the claim's last word: the claim takes in the whole word",
    claim: { words: "They offered no proof" },
    edits: [{ find: "no proof,", replace: "no proofs," }],
    expect: { words: "They offered no proofs", method: "position" },
  },
  {
    name: "a word joined onto the claim's first word: the claim takes it in",
    claim: { words: "story kept changing" },
    edits: [{ find: "proof, story kept", replace: "proof, backstory kept" }],
    expect: { words: "backstory kept changing", method: "quote" },
  },
  {
    name: "a claim made on part of a word keeps to that part",
    claim: { words: "the October story in Bloomberg Businessweek should be retract" },
    edits: [{ find: "told Buzzfeed on Friday", replace: "told BuzzFeed News on Friday" }],
    expect: { words: "the October story in Bloomberg Businessweek should be retract", method: "quote" },
  },
  {
    name: "claim opening the text, words added before it",
    claim: { words: "Amazon cloud chief Jassy" },
    edits: [{ find: "Amazon cloud chief Jassy follows", replace: "UPDATE: Amazon cloud chief Jassy follows" }],
    expect: { words: "Amazon cloud chief Jassy", method: "quote" },
  },
  {
    name: "claim closing the text, a correction appended after it",
    claim: { words: "hacked hardware in US", occurrence: 2 },
    edits: [{ append: "\nCorrection: an earlier version misstated the date." }],
    expect: { words: "hacked hardware in US", occurrence: 2, method: "position" },
  },

  // Edits inside the claim.
  {
    name: "a word inserted inside the claim",
    claim: { words: "Bloomberg alleged data center hardware used by Apple and AWS" },
    edits: [{ find: "data center hardware", replace: "data center server hardware" }],
    expect: { words: "Bloomberg alleged data center server hardware used by Apple and AWS", method: "fuzzy" },
  },
  {
    name: "a word deleted inside the claim",
    claim: { words: "showed no interest in our answers unless we could validate their theories" },
    edits: [{ find: "in our answers", replace: "in answers" }],
    expect: { words: "showed no interest in answers unless we could validate their theories", method: "fuzzy" },
  },
  {
    name: "a typo fixed inside the claim",
    claim: { words: "followed Apple's lead in calling the for the retraction of Bloomberg's story" },
    edits: [{ find: "calling the for the retraction", replace: "calling for the retraction" }],
    expect: { words: "followed Apple's lead in calling for the retraction of Bloomberg's story", method: "fuzzy" },
  },
  {
    name: "a figure corrected inside a short claim",
    claim: { words: "October 25, 2016" },
    edits: [{ find: "October 25, 2016", replace: "October 24, 2016" }],
    expect: { words: "October 24, 2016", method: "fuzzy" },
  },
  {
    name: "a name corrected inside the claim and words inserted before it",
    claim: { words: "Steve Schmidt, chief information security officer at AWS" },
    edits: [updateNote, { find: "Steve Schmidt", replace: "Stephen Schmidt" }],
    expect: { words: "Stephen Schmidt, chief information security officer at AWS", method: "fuzzy" },
  },

  // Paragraphs moved.
  {
    name: "the claim's paragraph moved earlier",
    claim: { words: "they're hard to count" },
    edits: [{ move: schmidtParagraph, before: "Bloomberg published a denial" }],
    expect: { words: "they're hard to count", method: "quote" },
  },
  {
    name: "the claim's paragraph moved to the end, the claim opening it",
    claim: { words: "Bloomberg published a denial" },
    edits: [{ move: denialParagraph, before: "WATCH:" }],
    expect: { words: "Bloomberg published a denial", method: "quote" },
  },
  {
    name: "a whole-paragraph claim moved",
    claim: { words: storyParagraph },
    edits: [{ move: storyParagraph + "\n", before: "Andy Jassy, the CEO" }],
    expect: { words: storyParagraph, method: "quote" },
  },

  // The claim deleted.
  {
    name: "the claim's paragraph deleted",
    claim: { words: "Steve Schmidt, chief information security officer at AWS" },
    edits: [{ find: schmidtParagraph, replace: "" }],
    expect: { orphan: "not-found" },
  },
  {
    name: "the claimed sentence deleted",
    claim: { words: "Reporters got played or took liberties." },
    edits: [{ find: tweetEnd, replace: "" }],
    expect: { orphan: "not-found" },
  },

  // No false anchors: similar words elsewhere are not the claim.
  {
    name: "sentence deleted, the name it quoted still in another sentence",
    claim: { words: "Tim Cook", occurrence: 1 },
    edits: [{ find: appleSentence, replace: "" }],
    expect: { orphan: "context-mismatch" },
  },
  {
    name: "sentence deleted, a parallel sentence elsewhere with the same short words",
    claim: { words: "Apple", occurrence: 3 },
    edits: [{ find: appleSentence, replace: "" }],
    expect: { orphan: "context-mismatch" },
  },
  {
    name: "sentence deleted, a parallel sentence elsewhere with the same verb",
    claim: { words: "told Buzzfeed", occurrence: 1 },
    edits: [{ find: appleSentence, replace: "" }],
    expect: { orphan: "context-mismatch" },
  },
  {
    name: "sentence deleted, a similar sentence elsewhere",
    claim: { words: "Bloomberg should retract." },
    edits: [{ find: tweetEnd, replace: "" }],
    expect: { orphan: "not-found" },
  },
  {
    name: "the claim's words replaced by other words",
    claim: { words: "Super Micro told shareholders" },
    edits: [{ find: "Super Micro told shareholders", replace: "the company told investors" }],
    expect: { orphan: "not-found" },
  },
  {
    name: "the claim rewritten beyond a fuzzy match, its context intact",
    claim: { words: "the story was inaccurate" },
    edits: [{ find: "the story was inaccurate", replace: "the report was wrong" }],
    expect: { orphan: "not-found" },
  },

  // Repeated phrases.
  {
    name: "repeated word: the right occurrence by its context",
    claim: { words: "Bloomberg", occurrence: 4 },
    edits: [updateNote, { find: "AWS CEO Andy Jassy said Bloomberg story on spy chips was wrong and should be retracted.\n", replace: "" }],
    expect: { words: "Bloomberg", occurrence: 3, method: "quote" },
  },
  {
    name: "repeated line: the right copy by its context",
    claim: { words: repeatedLine, occurrence: 1 },
    edits: [updateNote],
    expect: { words: repeatedLine, occurrence: 1, method: "quote" },
  },
  {
    name: "repeated line: the last copy, after the line before it was deleted",
    claim: { words: repeatedLine, occurrence: 2 },
    edits: [{ find: "WATCH: " + repeatedLine + "\n", replace: "" }],
    expect: { words: repeatedLine, occurrence: 1, method: "quote" },
  },
  {
    name: "repeated line: part of the copy that ends the text stays on it when a paragraph above is deleted",
    claim: { words: "Super Micro plunges on new report", occurrence: 2 },
    edits: [{ find: "Also on Monday, Super Micro told shareholders", replace: "Super Micro told shareholders" }],
    expect: { words: "Super Micro plunges on new report", occurrence: 2, method: "quote" },
  },
  {
    name: "repeated line: part of the copy that ends the text, a whole paragraph above deleted",
    claim: { words: "Super Micro plunges on new report", occurrence: 2 },
    edits: [{ find: schmidtParagraph, replace: "" }],
    expect: { words: "Super Micro plunges on new report", occurrence: 2, method: "quote" },
  },
  {
    name: "repeated line: copies that context cannot tell apart make an orphan",
    claim: { words: repeatedLine, occurrence: 1 },
    edits: [updateNote, { append: "\n" + repeatedLine }],
    expect: { orphan: "ambiguous" },
  },

  // Whitespace and quote characters.
  {
    name: "straight quotes made curly inside the claim",
    claim: { words: '"Reporters got played or took liberties. Bloomberg should retract."' },
    edits: [{ find: tweetEnd, replace: " “Reporters got played or took liberties. Bloomberg should retract.”" }],
    expect: { words: "“Reporters got played or took liberties. Bloomberg should retract.”", method: "position" },
  },
  {
    name: "curly quotes and apostrophe inside the claim, words inserted before it",
    claim: { words: '"Setting the Record Straight on Bloomberg Businessweek\'s Erroneous Article."' },
    edits: [
      updateNote,
      {
        find: '"Setting the Record Straight on Bloomberg Businessweek\'s Erroneous Article."',
        replace: "“Setting the Record Straight on Bloomberg Businessweek’s Erroneous Article.”",
      },
    ],
    expect: { words: "“Setting the Record Straight on Bloomberg Businessweek’s Erroneous Article.”", method: "quote" },
  },
  {
    name: "spaces inside the claim doubled and made non-breaking",
    claim: { words: "more strongly worded six-paragraph blog post" },
    edits: [updateNote, { find: "strongly worded six-paragraph blog", replace: "strongly  worded six-paragraph\u00a0blog" }],
    expect: { words: "more strongly  worded six-paragraph\u00a0blog post", method: "quote" },
  },
  {
    name: "a line break where a space was inside the claim",
    claim: { words: "never happened and that the October story" },
    edits: [{ find: "that the October", replace: "that the\nOctober" }],
    expect: { words: "never happened and that the\nOctober story", method: "position" },
  },
  {
    name: "tabs and spaces added before the claim",
    claim: { words: "Bloomberg alleged data center hardware" },
    edits: [{ find: "retracted. Bloomberg alleged", replace: "retracted.  \t Bloomberg alleged" }],
    expect: { words: "Bloomberg alleged data center hardware", method: "quote" },
  },

  // Emoji and accents: offsets count code points.
  {
    name: "an emoji inserted before the claim",
    claim: { words: "Reporters got played or took liberties" },
    edits: [{ find: "in a tweet on Monday", replace: "in a tweet 🐦 on Monday" }],
    expect: { words: "Reporters got played or took liberties", method: "quote" },
  },
  {
    name: "emoji inside the claim, a typo fixed and emoji inserted before it",
    base: "Fans wrote 🎉🎉 that the launch 🚀 was a sucess for everyone 👍🏽 involved.\nCritics disagreed 😡.",
    claim: { words: "the launch 🚀 was a sucess for everyone 👍🏽" },
    edits: [
      { find: "sucess", replace: "success" },
      { find: "Fans wrote", replace: "🔥🔥 Fans wrote" },
    ],
    expect: { words: "the launch 🚀 was a success for everyone 👍🏽", method: "fuzzy" },
  },
  {
    name: "flags and a ZWJ family inside the claim, flags inserted before it",
    base: "We met the 👨‍👩‍👧 family from 🇫🇷 at noon, then left.",
    claim: { words: "👨‍👩‍👧 family from 🇫🇷" },
    edits: [{ find: "We met", replace: "🇺🇸🇺🇸 We met" }],
    expect: { words: "👨‍👩‍👧 family from 🇫🇷", method: "quote" },
  },
  {
    name: "accents re-encoded as combining marks, words inserted before the claim",
    base: "Le résumé de l'été: Jassy a été très clair à Zürich. Fin.",
    claim: { words: "Jassy a été très clair" },
    edits: [{ find: "Le résumé", replace: "Édition révisée. Le résumé" }, { unicode: "NFD" }],
    expect: { words: "Jassy a été très clair".normalize("NFD"), method: "quote" },
  },
  {
    name: "an accent added inside the claim",
    base: "The meeting in Zurich was cancelled by the organisers on Friday.",
    claim: { words: "meeting in Zurich was cancelled" },
    edits: [{ find: "Zurich", replace: "Zürich" }],
    expect: { words: "meeting in Zürich was cancelled", method: "fuzzy" },
  },
];

/**
 * A baseline in the manner of Hypothesis's: one realistic editorial pass
 * over the article, and the claims a reviewer had made on it before.
 */
export const revision: { edits: Edit[]; claims: { claim: Words; expect: Expectation }[] } = {
  edits: [
    updateNote,
    { find: "calling the for the retraction", replace: "calling for the retraction" },
    { find: tweetEnd, replace: " “Reporters got played or took liberties. Bloomberg should retract.”" },
    { find: '"They offered no proof,', replace: "“They offered no proof," },
    { find: 'validate their theories,"', replace: "validate their theories,”" },
    { find: "Buzzfeed", replace: "BuzzFeed", occurrence: 0 },
    { find: "Buzzfeed", replace: "BuzzFeed", occurrence: 0 },
    { move: storyParagraph + "\n", before: "Bloomberg published a denial" },
    { find: schmidtParagraph, replace: "" },
    { find: "WATCH: " + repeatedLine + "\n", replace: "" },
    { find: "a more strongly worded", replace: "a  more strongly worded" },
  ],
  claims: [
    { claim: { words: "Amazon cloud chief Jassy" }, expect: { words: "Amazon cloud chief Jassy", method: "position" } },
    {
      claim: { words: "spy chips was wrong and should be retracted" },
      expect: { words: "spy chips was wrong and should be retracted", method: "quote" },
    },
    {
      claim: { words: "who told Buzzfeed last week" },
      expect: { words: "who told BuzzFeed last week", method: "fuzzy" },
    },
    {
      claim: { words: "calling the for the retraction" },
      expect: { words: "calling for the retraction", method: "fuzzy" },
    },
    { claim: { words: "They offered no proof" }, expect: { words: "They offered no proof", method: "quote" } },
    { claim: { words: "Bloomberg should retract." }, expect: { words: "Bloomberg should retract.", method: "quote" } },
    {
      claim: { words: "the scenario Bloomberg reported never happened" },
      expect: { words: "the scenario Bloomberg reported never happened", method: "quote" },
    },
    {
      claim: { words: "Super Micro, was under surveillance by the Chinese government" },
      expect: { words: "Super Micro, was under surveillance by the Chinese government", method: "quote" },
    },
    {
      claim: { words: "servers from Super Micro in AWS Beijing data centers contained malicious chips" },
      expect: { words: "servers from Super Micro in AWS Beijing data centers contained malicious chips", method: "quote" },
    },
    { claim: { words: "six-paragraph blog post" }, expect: { words: "six-paragraph blog post", method: "quote" } },
    { claim: { words: "so many inaccuracies in this article" }, expect: { orphan: "not-found" } },
    {
      claim: { words: "lacks proof of the sort of malicious chips" },
      expect: { words: "lacks proof of the sort of malicious chips", method: "quote" },
    },
    { claim: { words: repeatedLine, occurrence: 2 }, expect: { words: repeatedLine, occurrence: 1, method: "quote" } },
  ],
};
