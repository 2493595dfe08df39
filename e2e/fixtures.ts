import { test as base } from "@playwright/test";
import type { Role } from "./accounts";
import { AnnotatorPage, ClaimsApi } from "./pages/annotator-page";
import { ReviewPage } from "./pages/review-page";
import { storageStateOf, suitePeople } from "./people";

/** The signed-in editor most journeys act as. */
export const reviewer = suitePeople.editor;

/**
 * Each test's browser is signed in as the suite's editor (`role` picks
 * another of its people), and starts on a clean article.
 */
export const test = base.extend<{ role: Role; annotator: AnnotatorPage; api: ClaimsApi; review: ReviewPage }>({
  role: ["editor", { option: true }],
  storageState: async ({ role }, use) => use(storageStateOf(role)),
  api: async ({ request, baseURL }, use) => {
    const api = new ClaimsApi(request, baseURL!);
    await api.clear();
    await use(api);
  },
  annotator: async ({ page, api }, use) => {
    void api; // Ensures the article is cleared before the page opens.
    const annotator = new AnnotatorPage(page);
    await annotator.goto();
    await use(annotator);
  },
  // Not opened yet: each review test arranges its claims first, then picks the page and filters.
  review: async ({ page, api }, use) => {
    void api;
    await use(new ReviewPage(page));
  },
});

export { expect } from "@playwright/test";
