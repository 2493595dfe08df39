import type { Metadata } from "next";
import { NewArticleForm } from "@/components/articles/NewArticleForm";

export const metadata: Metadata = { title: "Add an article" };

export default function NewArticlePage() {
  return (
    <section className="new-article">
      <h1>Add an article</h1>
      <p className="hint">
        Paste the article or upload a .txt, .md or .html file. HTML keeps its headings, paragraphs, lists, quotes, emphasis and links; everything else
        is removed.
      </p>
      <NewArticleForm />
    </section>
  );
}
