import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIsStale } from "./build-check";

// `npm start` builds when there is no build or the source is newer than it.
describe("buildIsStale", () => {
  it("is stale without a build, fresh after one, stale again when a source file changes", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-build-"));
    fs.mkdirSync(path.join(root, "app"));
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, "app", "page.tsx"), past, past);
    fs.utimesSync(path.join(root, "app"), past, past);
    expect(buildIsStale(root, ".next")).toBe(true);

    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    expect(buildIsStale(root, ".next")).toBe(false);

    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, "app", "page.tsx"), future, future);
    expect(buildIsStale(root, ".next")).toBe(true);
  });
});
