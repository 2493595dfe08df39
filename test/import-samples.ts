/**
 * Annotations on the Jassy article as other tools write them, for import
 * tests. Hypothesis (its W3C JSON-LD, `h/presenters/annotation_jsonld.py`)
 * writes the note as a markdown TextualBody without a purpose, tags as
 * `tagging` bodies, a target array on the publisher's page with a Range, a
 * TextPosition and a TextQuote selector; its offsets count in the whole web
 * page, so they are off by the page's navigation text. Recogito writes
 * `tagging` and `commenting` bodies, a single target without a source and
 * offsets into the same text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type ArticleBlock, articleText, parsePlainArticle } from "@/lib/article";
import { describeRange } from "@/lib/selectors";

export const jassyBlocks: ArticleBlock[] = parsePlainArticle(
  readFileSync(path.join(import.meta.dirname, "..", "content", "jassy-bloomberg-retraction.txt"), "utf8"),
);
export const jassyText = articleText(jassyBlocks);

/** Where `quote` first occurs in the Jassy text, as both selectors describe it. */
export function findQuote(quote: string) {
  const utf16 = jassyText.indexOf(quote);
  if (utf16 < 0) throw new Error(`not in the article: ${quote}`);
  // The article has no astral characters before its end, so UTF-16 and code point offsets agree.
  return describeRange(jassyText, utf16, utf16 + [...quote].length);
}

/** How far Hypothesis' offsets are from the article's: the web page's text before the article. */
const pageShift = 1437;

export function hypothesisAnnotation(quote: string, tags: string[], text: string) {
  const place = findQuote(quote);
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    id: `https://hypothes.is/a/${Buffer.from(quote).toString("base64url").slice(0, 22)}`,
    created: "2018-10-22T14:02:11.123456+00:00",
    modified: "2018-10-22T14:05:40.654321+00:00",
    creator: "acct:factchecker@hypothes.is",
    body: [
      { type: "TextualBody", value: text, format: "text/markdown" },
      ...tags.map((tag) => ({ type: "TextualBody", purpose: "tagging", value: tag })),
    ],
    target: [
      {
        source: "https://www.cnbc.com/2018/10/22/amazon-cloud-chief-jassy-calls-for-bloomberg-retraction.html",
        selector: [
          {
            type: "RangeSelector",
            startSelector: { type: "XPathSelector", value: "/main[1]/div[2]/div[1]/p[3]" },
            endSelector: { type: "XPathSelector", value: "/main[1]/div[2]/div[1]/p[3]" },
            startOffset: 12,
            endOffset: 12 + quote.length,
          },
          { type: "TextPositionSelector", start: place.start + pageShift, end: place.end + pageShift },
          { type: "TextQuoteSelector", exact: place.exact, prefix: place.prefix, suffix: place.suffix },
        ],
      },
    ],
  };
}

export function recogitoAnnotation(quote: string, tag: string, comment: string) {
  const place = findQuote(quote);
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    id: `#${Buffer.from(quote).toString("hex").slice(0, 32)}`,
    body: [
      { type: "TextualBody", value: tag, purpose: "tagging" },
      {
        type: "TextualBody",
        value: comment,
        purpose: "commenting",
        creator: { id: "https://recogito.example/users/ada", name: "Ada" },
        created: "2024-03-02T10:00:00Z",
      },
    ],
    target: {
      selector: [
        { type: "TextQuoteSelector", exact: place.exact },
        { type: "TextPositionSelector", start: place.start, end: place.end },
      ],
    },
  };
}
