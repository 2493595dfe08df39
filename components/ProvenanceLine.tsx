import { type Provenance, provenanceDate } from "@/lib/provenance";

/**
 * Who wrote an imported claim or comment, in which tool and when:
 * "by A. Smith in Hypothesis, 3 Oct 2018". The author's full id in the tool
 * (`acct:smith@hypothes.is`) is the name's title, and the full time the
 * date's, as `ChangeTime` gives it.
 */
export function ProvenanceLine({ provenance }: { provenance: Provenance }) {
  const { creator, source, created } = provenance;
  return (
    <span className="provenance" data-testid="provenance">
      {creator && (
        <>
          by <span title={creator.id}>{creator.name}</span>{" "}
        </>
      )}
      in {source}
      {created && (
        <>
          ,{" "}
          <time dateTime={created} title={created}>
            {provenanceDate(created)}
          </time>
        </>
      )}
    </span>
  );
}
