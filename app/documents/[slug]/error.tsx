"use client";

export default function DocumentError({ reset }: { error: Error; reset: () => void }) {
  return (
    <section role="alert">
      <h1>The article could not be opened</h1>
      <p>The server could not load it. Your saved claims are safe.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
