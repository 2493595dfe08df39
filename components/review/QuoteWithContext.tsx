import { AppLink } from "@/components/AppLink";
import type { QuoteContext } from "@/lib/quote-context";

interface QuoteWithContextProps {
  claimId: string;
  slug: string;
  /** The quote and the words around it, as `quoteWithContext` cut them. */
  context: QuoteContext;
}

/** Where a claim opens in the editor: the article, scrolled to the claim, its panel open. */
export function claimEditorHref(slug: string, claimId: string): string {
  return `/documents/${encodeURIComponent(slug)}?claim=${encodeURIComponent(claimId)}`;
}

/**
 * A claim's quote, linked to the claim in the editor, between a few quieter
 * words of the text around it. The context is hidden from screen readers so
 * the link reads as the claim itself.
 */
export function QuoteWithContext({ claimId, slug, context: { before, quote, after } }: QuoteWithContextProps) {
  return (
    <span className="quote-with-context">
      {before && (
        <span className="quote-context" aria-hidden="true">
          {before}
        </span>
      )}
      <AppLink href={claimEditorHref(slug, claimId)} className="quote-link" data-testid="claim-quote-link">
        {quote}
      </AppLink>
      {after && (
        <span className="quote-context" aria-hidden="true">
          {after}
        </span>
      )}
    </span>
  );
}
