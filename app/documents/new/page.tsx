import type { Metadata } from "next";
import { NewArticleForm } from "@/components/articles/NewArticleForm";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { whyNot } from "@/server/policy";

export const metadata: Metadata = { title: "Add an article" };

async function NewArticlePage() {
  const refusal = whyNot(await requirePageActor(), "add_article", { kind: "article" });
  return (
    <section className="new-article">
      <h1>Add an article</h1>
      {refusal ? (
        <p className="role-notice" role="note" data-testid="role-refusal">
          {refusal}
        </p>
      ) : (
        <>
          <p className="hint">
            Paste the article or upload a .txt, .md or .html file. HTML keeps its headings, paragraphs, lists, quotes, emphasis and links; everything
            else is removed.
          </p>
          <NewArticleForm />
        </>
      )}
    </section>
  );
}

// The database away (reading who is signed in) is a plain notice, not the error page.
export default whenDatabaseUp(NewArticlePage);
