import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import songloft from "./eslint-rules/index.mjs";

// Import specifiers name a layer either through the "@/" alias or relatively ("../data",
// "../../lib/server/db"); one pattern per layer catches both spellings.
const layer = (name, message) => ({ regex: String.raw`^(@/lib/server/|(\.\./)+(lib/)?(server/)?)${name}(/|$)`, message });
const restrict = (...patterns) => ["error", { patterns }];

const DATA = layer("data", "Pages, actions and handlers reach data access through a service (lib/server/services).");
const DB = layer("db", "Pages, actions and handlers never touch the database: call a service.");
const ADAPTER_DATA = layer("data", "Provider adapters never touch the database: the service hands them what they need.");
const ADAPTER_DB = layer("db", "Provider adapters never touch the database: the service hands them what they need.");
const SERVICES = layer("services", "Data access never imports services: the flow is service → data.");
const DRIZZLE = { group: ["drizzle-orm", "drizzle-orm/*"], message: "Pages and handlers never import Drizzle: call a service." };
const SERVICE_DRIZZLE = { group: ["drizzle-orm", "drizzle-orm/*"], message: "Services say what to do; queries live in lib/server/data." };
const NEXT = { group: ["next", "next/*"], message: "Services are framework-free: the page, action or route handler speaks Next." };

// The registry is the one bridge between provider rows and adapters (STYLE.md: "the
// registry is the only place that picks an adapter"): it reads rows and stored keys.
const ADAPTER_BRIDGE = ["lib/server/providers/registry.ts"];

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next-*/**", "data/**", "playwright-report/**", "test-results/**"] },
  {
    plugins: { songloft },
    rules: {
      // Omitting a field by destructuring it into `_name` beside `...rest` is deliberate.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Covers come from the auth-checked /media route or admin-configured vendor hosts; next/image's optimiser would fetch them without the viewer's cookie.
      "@next/next/no-img-element": "off",
      "songloft/client-stays-off-server": "error",
    },
  },
  {
    // Tests read free-form JSON (vendor fixtures, the OpenAPI document) whose shape is the thing under test.
    files: ["**/*.test.ts", "tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Replaces app/jsx-text.test.ts: words on a page come from the i18n catalogues.
    files: ["app/**/*.tsx"],
    rules: {
      "react/jsx-no-comment-textnodes": "error",
      "songloft/no-hard-coded-jsx-text": ["error", { allow: ["Songloft"] }],
    },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": restrict(DATA, DB, DRIZZLE) },
  },
  {
    files: ["lib/server/services/**"],
    // Tests beside a service may arrange rows with Drizzle; the service itself may not.
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": restrict(NEXT, SERVICE_DRIZZLE) },
  },
  {
    files: ["lib/server/data/**"],
    rules: { "no-restricted-imports": restrict(SERVICES) },
  },
  {
    files: ["lib/server/providers/**"],
    ignores: ADAPTER_BRIDGE,
    rules: { "no-restricted-imports": restrict(ADAPTER_DATA, ADAPTER_DB) },
  },
];

export default config;
