/**
 * Text as typed words are matched against names: lower case, without
 * accents, so "emi", "EMI" and "Émi" all start "Émile". It is the browser's
 * side of what the database does with `immutable_unaccent(…) ilike`
 * (db/queries/review.ts), so that a name found by typing "jose" in one place
 * is found the same way in another. Accents go whether typed precomposed (é)
 * or as a letter and a combining mark (e + ◌́). Unlike `unaccent`, letters
 * that are not a letter and a mark stay as they are (ł, ø, ß, æ).
 */
export function foldForMatching(text: string): string {
  // Lower case first: "İ" lower-cases to "i" and a combining dot, which then goes with the accents.
  // NFC at the end composes again what NFD split that is not an accent (Hangul syllables), so that
  // "하" does not match the start of "한".
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}
