"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api, ApiError, failureMessage, type PublishingSettings } from "@/lib/api-client";
import { fieldMessages, type SettingsField } from "./settings-errors";

/** The form's fields, as typed: kept as they are when a save is refused. */
interface Typed {
  name: string;
  url: string;
  logo: string;
  publicBaseUrl: string;
}

const empty: Typed = { name: "", url: "", logo: "", publicBaseUrl: "" };

function typedOf(settings: PublishingSettings): Typed {
  return {
    name: settings.publisher?.name ?? "",
    url: settings.publisher?.url ?? "",
    logo: settings.publisher?.logo ?? "",
    publicBaseUrl: settings.publicBaseUrl ?? "",
  };
}

const unreachable = "The server cannot be reached; nothing was saved. What you typed is still here.";

/**
 * The publishing settings an admin edits: the organisation that signs the
 * ClaimReviews (name, URL, logo) and the public address of each article's
 * fact-check. Read from and saved to `/api/settings`; the server validates,
 * and its refusal is shown beside the field it names, the typed values kept.
 */
export function PublishingSettingsForm() {
  const [typed, setTyped] = useState<Typed>(empty);
  const [loaded, setLoaded] = useState<"loading" | "loaded" | "failed">("loading");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [saved, setSaved] = useState(false);
  const id = useId();

  useEffect(() => {
    let current = true;
    api.publishingSettings().then(
      (settings) => {
        if (!current) return;
        setTyped(typedOf(settings));
        setLoaded("loaded");
      },
      (failure) => {
        if (!current) return;
        setError(failureMessage(failure, "The server cannot be reached; reload the page to see the settings."));
        setLoaded("failed");
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const set = (field: keyof Typed) => (value: string) => {
    setTyped((before) => ({ ...before, [field]: value }));
    setSaved(false);
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setSaved(false);
    const logo = typed.logo.trim();
    try {
      const settings = await api.changePublishingSettings({
        publisher: { name: typed.name.trim(), url: typed.url.trim(), ...(logo ? { logo } : {}) },
        publicBaseUrl: typed.publicBaseUrl.trim(),
      });
      setTyped(typedOf(settings));
      setSaved(true);
    } catch (failure) {
      // The typed values stay: only the messages change.
      if (failure instanceof ApiError && failure.status === 400 && failure.serverMessage) {
        const { byField, rest } = fieldMessages(failure.serverMessage);
        setFieldErrors(byField);
        setError(rest.length > 0 ? rest.join("; ") : "Some settings need fixing: see the fields marked below.");
      } else setError(failureMessage(failure, unreachable));
    } finally {
      setBusy(false);
    }
  }

  return (
    // noValidate: the server judges the values, and its messages are the ones shown (the browser's would differ).
    <form className="settings-form" noValidate onSubmit={save} aria-busy={loaded === "loading"} data-testid="settings-form" data-loaded={loaded}>
      <fieldset disabled={loaded !== "loaded" || busy}>
        <legend>Publisher of the fact-checks</legend>
        <Field id={`${id}-name`} label="Name" value={typed.name} onChange={set("name")} error={fieldErrors.name} required />
        <Field id={`${id}-url`} label="Website (URL)" type="url" value={typed.url} onChange={set("url")} error={fieldErrors.url} required />
        <Field
          id={`${id}-logo`}
          label="Logo (URL of an image, optional)"
          type="url"
          value={typed.logo}
          onChange={set("logo")}
          error={fieldErrors.logo}
        />
      </fieldset>
      <fieldset disabled={loaded !== "loaded" || busy}>
        <legend>Where the fact-checks are published</legend>
        <Field
          id={`${id}-base`}
          label="Public base URL of each article's fact-check"
          hint="e.g. https://factcheck.example.org/checks/ : the article's slug follows it"
          type="url"
          value={typed.publicBaseUrl}
          onChange={set("publicBaseUrl")}
          error={fieldErrors.publicBaseUrl}
          required
        />
      </fieldset>
      <FormError message={error} />
      <p role="status" className="settings-saved" data-testid="settings-saved">
        {saved ? "Saved. The ClaimReview export now uses these settings." : ""}
      </p>
      <button type="submit" disabled={loaded !== "loaded" || busy}>
        {busy ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: "text" | "url";
  required?: boolean;
}

/** One labelled input, with its hint and the server's word on it. */
function Field({ id, label, hint, value, onChange, error, type = "text", required }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="review-field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid="settings-field-error">
          {error}
        </span>
      )}
    </div>
  );
}
