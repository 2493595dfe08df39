/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Playwright and curl reach the dev server as 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Lets a second build (e.g. the benchmark's) live beside the usual one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project (tests included) with tsc first;
  // the build need not do it again, which saves a long step on 2 cores.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // proxy.ts makes Next buffer each request body for it, silently cut at
    // this size (10 MB by default). The largest body a route takes is an
    // import's 10 MiB, and a route must see past its limit to answer 413.
    proxyClientMaxBodySize: "11mb",
  },
};

export default nextConfig;
