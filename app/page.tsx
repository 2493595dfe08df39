import Link from "next/link";
import { getDb } from "@/db/client";
import { listDocuments } from "@/db/queries/documents";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const documents = await listDocuments(await getDb());
  return (
    <section className="document-index">
      <h1>Articles</h1>
      {documents.length === 0 ? (
        <p>No articles yet. Put a .txt file in content/ and restart.</p>
      ) : (
        <ul className="document-list">
          {documents.map((document) => (
            <li key={document.id}>
              <Link href={`/documents/${document.slug}`}>{document.title}</Link>
              <span className="document-meta">
                {[document.outlet, document.publishedAt].filter(Boolean).join(" · ")}
              </span>
              <Link href={`/documents/${document.slug}/review`} className="document-review-link">
                Review claims<span className="sr-only"> in “{document.title}”</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
