import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Fact-check annotator", template: "%s · Fact-check annotator" },
  description: "Tag claims in news articles as disputed, denied or unverified.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, none prerendered at build time: Next
  // puts the request's CSP nonce (proxy.ts) on a page's scripts only when it
  // renders it, and a page without it would run no script at all.
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-name">
            Fact-check annotator
          </Link>
          <nav aria-label="Site" className="site-nav">
            <Link href="/review">Review all claims</Link>
            <Link href="/documents/new">Add an article</Link>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
