import { test as base } from "@playwright/test";
import { AnnotatorPage, ClaimsApi } from "./pages/annotator-page";
import { ReviewPage } from "./pages/review-page";

export const reviewer = "Rita Reviewer";

/** Each test starts on a clean article, as a reviewer who has given a name. */
export const test = base.extend<{ annotator: AnnotatorPage; api: ClaimsApi; review: ReviewPage }>({
  api: async ({ request, baseURL }, use) => {
    const api = new ClaimsApi(request, baseURL!);
    await api.clear();
    await use(api);
  },
  annotator: async ({ page, context, baseURL, api }, use) => {
    void api; // Ensures the article is cleared before the page opens.
    await context.addCookies([{ name: "reviewer", value: encodeURIComponent(reviewer), url: baseURL! }]);
    const annotator = new AnnotatorPage(page);
    await annotator.goto();
    await use(annotator);
  },
  // Not opened yet: each review test arranges its claims first, then picks the page and filters.
  review: async ({ page, context, baseURL, api }, use) => {
    void api;
    await context.addCookies([{ name: "reviewer", value: encodeURIComponent(reviewer), url: baseURL! }]);
    await use(new ReviewPage(page));
  },
});

export { expect } from "@playwright/test";
