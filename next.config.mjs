// Security headers apply to every response, pages and route handlers alike (SEC-11).
// 'unsafe-inline' scripts are needed by Next's inline bootstrap without a nonce; the
// directives that matter most for this app (object-src, base-uri, frame-ancestors)
// are locked down.
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and benchmarks build into their own folder so parallel builds never clash.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests and scripts included) with tsc
  // first; checking again inside every build only doubles the build time.
  typescript: { ignoreBuildErrors: true },
  // mpg123-decoder carries its WebAssembly inline and a web-worker shim: loaded by Node as
  // published rather than bundled.
  serverExternalPackages: ["better-sqlite3", "@zxcvbn-ts/language-common", "mpg123-decoder", "node-taglib-sharp"],
  experimental: {
    // Bodies are bounded while they stream in (SEC-13): server actions to the same
    // 64 KiB as the JSON API (the largest form, a song with 5,000 characters of lyrics,
    // is far smaller); the proxy never sees a body at all (proxy.ts), and would keep
    // no more than this if it did.
    serverActions: { bodySizeLimit: "64kb" },
    proxyClientMaxBodySize: "64kb",
  },
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    return [
      {
        // Every path but a share's embeddable player may never be framed.
        source: "/:path((?!s/[^/]+/embed$).*)",
        headers: [{ key: "Content-Security-Policy", value: csp }, { key: "X-Frame-Options", value: "DENY" }, ...common],
      },
      {
        // The embed is made to sit in an iframe on any site (SEC-17); nothing else changes.
        source: "/s/:token/embed",
        headers: [{ key: "Content-Security-Policy", value: csp.replace("frame-ancestors 'none'", "frame-ancestors *") }, ...common],
      },
      {
        // Covers may be SVGs from a vendor: opened directly, they must not run script.
        source: "/media/:clipId/cover",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; sandbox" }],
      },
    ];
  },
};

export default nextConfig;
