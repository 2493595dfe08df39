import { AppLink } from "@/components/AppLink";

export default function RevisionNotFound() {
  return (
    <section>
      <h1>Revision not found</h1>
      <p>
        This article, or this revision of it, does not exist: revisions are numbered from 1, and the article&rsquo;s page links to its list of
        revisions. <AppLink href="/">See all articles</AppLink>.
      </p>
    </section>
  );
}
