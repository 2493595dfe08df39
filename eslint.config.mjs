// ESLint runs Next's rules (React, hooks, accessibility, Next's own) and typescript-eslint's
// recommended set; eslint-config-prettier comes last so that no rule argues with Prettier,
// which owns the layout (`npm run format`). `npm run lint` runs both.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import eslintComments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  eslintComments.recommended,
  {
    linterOptions: {
      // A disable that no longer silences anything is an error, so stale ones do not pile up.
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // Every eslint-disable says why, after `--` on its own line.
      "@eslint-community/eslint-comments/require-description": "error",
      // A name starting with `_` is unused on purpose: a parameter kept for the signature, or a field left out of a rest.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // These two are React Compiler's rules, and this app is not compiled by it. The editor's controller
      // (use-annotator.ts) hands out its EditorView and text map from refs read while rendering: every
      // transaction sets editorState and so renders again with the current ones, which is what the rule
      // fears is missed. Effects that start a fetch set their "loading" state first, on purpose.
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
      // Links prefetch when reached for, not on sight (components/AppLink.tsx says why).
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use AppLink (components/AppLink.tsx)." }] }],
    },
  },
  {
    files: ["components/AppLink.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Playwright hands a fixture its value through a callback named `use`, which is not React's `use`.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  prettier,
  globalIgnores([
    // Beside Next's own (.next, out, build, next-env.d.ts): data and generated output, not code of ours.
    ".next-*/**",
    ".data/**",
    "content/**",
    "db/migrations/**",
    "test/w3c-annotation-tests/**",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
  ]),
]);
