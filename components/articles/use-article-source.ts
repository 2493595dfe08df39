"use client";

import { useState } from "react";
import type { ArticleSource } from "./ArticleSourceFields";

/**
 * An article's words as a form holds them (`ArticleSourceFields`), whether
 * the preview's box to leave out page furniture is ticked
 * (`ArticlePreview`), and the fields they make in the request: shared by
 * "add an article" and "publish a revision", which the API reads alike.
 */
export function useArticleSource(initial: ArticleSource) {
  const [source, setSource] = useState<ArticleSource>(initial);
  const [dropFurniture, setDropFurniture] = useState(false);
  // Furniture is a plain-text reading: HTML and Markdown say what is what, and the API refuses the field with them.
  const furniture = source.format === "text" && dropFurniture ? { furniture: "drop" as const } : {};
  const body = { [source.format]: source.content, ...furniture };
  return { source, setSource, dropFurniture, setDropFurniture, body };
}
