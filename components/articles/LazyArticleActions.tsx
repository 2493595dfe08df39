"use client";

import { lazyComponent } from "@/components/lazy-component";

/**
 * `ArticleActions` for an article's own page, which shows them only in an
 * archived article's notice: fetched when that notice is drawn, so that the
 * editor's first scripts do not carry them for every article (bench figure 7).
 */
export const LazyArticleActions = lazyComponent(() => import("./ArticleActions").then((module) => module.ArticleActions));
