import Link from "next/link";

export default function RevisionNotFound() {
  return (
    <section>
      <h1>Revision not found</h1>
      <p>
        This article, or this revision of it, does not exist: revisions are numbered from 1, and the article&rsquo;s page links to its list of
        revisions. <Link href="/">See all articles</Link>.
      </p>
    </section>
  );
}
