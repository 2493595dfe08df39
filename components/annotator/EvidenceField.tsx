"use client";

import { useState } from "react";
import { isHttpUrl } from "@/lib/http-url";
import type { Claim } from "./claim";

interface EvidenceFieldProps {
  claim: Claim;
  onChange: (claim: Claim) => void;
  /** Whether a link is typed and not added yet. */
  onTyped: (typed: boolean) => void;
}

/** The open claim's evidence links: listed with Remove, and one more added (http and https only). */
export function EvidenceField({ claim, onChange, onTyped }: EvidenceFieldProps) {
  const [link, setLink] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const type = (value: string) => {
    setLink(value);
    onTyped(value !== "");
  };

  const addLink = () => {
    const value = link.trim();
    if (!isHttpUrl(value)) return setLinkError("Enter a full http:// or https:// address.");
    if (claim.evidence.includes(value)) return setLinkError("This link is already listed.");
    onChange({ ...claim, evidence: [...claim.evidence, value] });
    type("");
    setLinkError(null);
  };

  return (
    <div className="field">
      <span id="evidence-label">Evidence links</span>
      {claim.evidence.length > 0 && (
        <ul className="evidence-list" aria-labelledby="evidence-label">
          {claim.evidence.map((url) => (
            <li key={url}>
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>{" "}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove link ${url}`}
                onClick={() => onChange({ ...claim, evidence: claim.evidence.filter((u) => u !== url) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="evidence-add">
        <input
          type="url"
          aria-label="Add an evidence link"
          placeholder="https://…"
          value={link}
          aria-invalid={linkError ? "true" : undefined}
          onChange={(e) => {
            type(e.target.value);
            setLinkError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              addLink();
            }
          }}
        />
        <button type="button" onClick={addLink}>
          Add link
        </button>
      </div>
      {linkError && (
        <p className="field-error" role="alert">
          {linkError}
        </p>
      )}
    </div>
  );
}
