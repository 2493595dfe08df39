/**
 * The home page when its list of articles cannot be read in time: the
 * notice `/review` shows, not the error page (an HTTP 500). The list is an
 * async component React renders after the page's own function has returned,
 * so it is rendered here the way React does, by calling it with its props.
 */
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/server/actor", () => ({
  requirePageActor: async () => ({ id: "home-page-test", name: "Home Page Test", email: "home-page-test@example.com", role: "editor" }),
}));

/** What Drizzle throws when PostgreSQL cancels a statement at `statement_timeout` (db/client.ts). */
const statementTimeout = () =>
  Object.assign(new Error("Failed query: select … from documents"), {
    cause: Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }),
  });

vi.mock("@/server/articles", () => ({
  listArticleOutlets: async () => [],
  listArticles: async () => {
    throw statementTimeout();
  },
}));

/** Renders `node`, calling each async component in it as React would. */
async function render(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(render));
  if (!isValidElement(node)) return node;
  const element = node as ReactElement<{ children?: ReactNode }>;
  if (typeof element.type === "function" && element.type.constructor.name === "AsyncFunction") {
    return render(await (element.type as (props: unknown) => Promise<ReactNode>)(element.props));
  }
  const { children } = element.props;
  if (children === undefined) return element;
  const rendered = await render(children);
  return Array.isArray(rendered) ? cloneElement(element, undefined, ...rendered) : cloneElement(element, undefined, rendered);
}

describe("the home page", () => {
  it("shows the database-unavailable notice when its list of articles times out", async () => {
    const { default: HomePage } = await import("./page");
    const page = await render(await HomePage({ searchParams: Promise.resolve({}) }));
    const html = renderToStaticMarkup(page as ReactElement);
    expect(html).toContain('data-testid="database-unavailable"');
    expect(html).toContain("The database cannot be reached");
  });
});
