/**
 * `@name` in a comment names someone of the newsroom. Names have spaces
 * ("Maya Chen"), so a mention is not a token to split off: it is `@`
 * followed by one of the known names, whole (not followed by a letter or
 * digit), the longest that fits; `@` inside a word (an email address) is
 * no mention. Two people who share a name are both mentioned by it.
 */
import { foldForMatching } from "./fold";

export interface Mentionable {
  id: string;
  name: string;
}

const wordChar = /[\p{L}\p{N}_]/u;

/** The ids of the people `body` mentions, in the order first mentioned, each once. */
export function findMentions(body: string, people: readonly Mentionable[]): string[] {
  const byLength = [...people].filter((person) => person.name.trim() !== "").sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  // Every index below is into `lower`: lower-casing may change a text's length ("İ" becomes two code units).
  const lower = body.toLowerCase();
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    if (at > 0 && wordChar.test(lower[at - 1])) continue;
    let matched: string | null = null;
    for (const person of byLength) {
      const name = person.name.toLowerCase();
      if (matched !== null && name !== matched) break;
      if (!lower.startsWith(name, at + 1)) continue;
      const after = lower[at + 1 + name.length];
      if (after !== undefined && wordChar.test(after)) continue;
      matched = name;
      if (!found.includes(person.id)) found.push(person.id);
    }
  }
  return found;
}

/**
 * The name being typed after an `@` that ends at `caret` (what the
 * autocomplete filters by), or null when the caret is not in a mention.
 * A name may hold spaces, so it runs back to the nearest `@` on the line.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1 || (at > 0 && wordChar.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (query.includes("\n") || query.length > 60 || /^\s/.test(query)) return null;
  return { start: at, query };
}

/**
 * The people whose name starts with (or has a word starting with) `query`,
 * in any case and with or without accents ("emi" offers "Émile Zola"), as
 * the review filters match names. Picking one puts the name as it is
 * written, which `findMentions` finds.
 */
export function matchPeople<T extends Mentionable>(people: readonly T[], query: string, limit = 8): T[] {
  const wanted = foldForMatching(query.trim());
  return people
    .filter((person) => {
      const name = foldForMatching(person.name);
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, limit);
}
