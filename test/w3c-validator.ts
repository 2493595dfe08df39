/**
 * Checks JSON against the MUST assertions of the W3C Web Annotation test
 * suite (a copy in `w3c-annotation-tests/`), the way the suite's own tools
 * do: every shared definition loaded, then each assertion listed for an
 * Annotation, a Collection or a Page compiled with Ajv (draft-04) and its
 * verdict compared with the assertion's `expectedResult`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const root = path.join(import.meta.dirname, "w3c-annotation-tests");

/** The MUST lists of the suite, by what they check. */
const mustLists = {
  annotation: "annotations/annotationMusts.test",
  collection: "collections/collectionMusts.test",
  page: "collections/pages/pageMusts.test",
} as const;

export type W3cKind = keyof typeof mustLists;

/** An assertion that failed, with the suite's message for it. */
export interface W3cFailure {
  assertion: string;
  message: string;
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));

/** The context every W3C annotation document must name. */
export const annoContext = "http://www.w3.org/ns/anno.jsonld";

/** Compiles the suite once; the returned function lists the MUST assertions `value` fails. */
export function w3cMustChecker(): (kind: W3cKind, value: unknown) => W3cFailure[] {
  // The assertions carry the suite's own keywords (expectedResult, errorMessage…).
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const file of readdirSync(path.join(root, "definitions"))) ajv.addSchema(readJson(`definitions/${file}`));

  const compileList = (list: string) =>
    (readJson(list).assertions as string[]).map((file) => {
      const schema = readJson(file);
      const expected: "valid" | "invalid" = schema.expectedResult;
      return { file, expected, message: schema.errorMessage as string, validate: ajv.compile(schema) };
    });
  const compiled: Record<W3cKind, ReturnType<typeof compileList>> = {
    annotation: compileList(mustLists.annotation),
    collection: compileList(mustLists.collection),
    page: compileList(mustLists.page),
  };

  return (kind, value) =>
    compiled[kind]
      .filter(({ expected, validate }) => (validate(value) ? "valid" : "invalid") !== expected)
      .map(({ file, message }) => ({ assertion: file, message }));
}

/**
 * The suite's samples expected to pass (`correct`) or fail (`incorrect`) that
 * are JSON: some incorrect ones are not JSON at all, which a parser refuses
 * before any schema is involved.
 */
export function w3cSamples(kind: "correct" | "incorrect"): { name: string; json: unknown }[] {
  const folder = `tools/samples/${kind}`;
  return readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      try {
        return [{ name, json: readJson(`${folder}/${name}`) }];
      } catch {
        return [];
      }
    });
}
