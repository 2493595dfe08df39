"use client";

export default function ReviewError({ reset }: { error: Error; reset: () => void }) {
  return (
    <section role="alert">
      <h1>The claims could not be listed</h1>
      <p>The server could not load them. Nothing was changed.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
