import fs from "node:fs";
import yauzl from "yauzl";
import { createToken, expect, generateSong, test } from "./fixtures";
import { LibraryPage } from "./pages/library-page";

// Issue 13, export: a member takes their songs out from the Library. The download is
// the browser's own (streamed to disk), the page shows how it went, and the ZIP holds
// each song's audio and a songloft.json describing them.

test.use({ appEnv: {} });

function zipNames(file: string): Promise<{ names: string[]; manifest: { clips: { title: string; file: string | null }[] } }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      let manifest = "";
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (entry.fileName !== "songloft.json") return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          stream.on("data", (c: Buffer) => (manifest += c.toString("utf8")));
          stream.on("end", () => zip.readEntry());
        });
      });
      zip.on("end", () => resolve({ names, manifest: JSON.parse(manifest) }));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

test("a member exports their songs from the Library, sees how it went, and gets a ZIP of them", async ({ app, member, memberPage }) => {
  const token = createToken(app, member.email);
  const takes = await generateSong(app, token, { mode: "custom", title: "Harbour Lights", style: "sea shanty", lyrics: "[Verse]\nBoats come home", model: "v4.5" });
  // The export sends what the server has archived; wait until the archive holds both takes.
  await expect
    .poll(
      async () => {
        const answers = await Promise.all(takes.map((id) => fetch(`${app.url}/api/v1/clips/${id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())));
        return answers.every((a: { clip: { archived: boolean } }) => a.clip.archived);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);

  const library = new LibraryPage(memberPage);
  await library.gotoLibrary();
  const download = await library.startExport("My songs");
  expect(download.suggestedFilename()).toMatch(/^songloft-my-songs-\d{4}-\d{2}-\d{2}\.zip$/);
  await expect(library.exportStatus).toContainText(/Export complete: 2 songs · \d+(\.\d)? (KB|MB)/, { timeout: 30_000 });

  const file = await download.path();
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  const { names, manifest } = await zipNames(file);
  expect(names.filter((n) => /^\d - Harbour Lights\.\w+$/.test(n))).toHaveLength(2);
  expect(names.at(-1)).toBe("songloft.json");
  expect(manifest.clips.map((c) => c.title)).toEqual(["Harbour Lights", "Harbour Lights"]);
  expect(manifest.clips.every((c) => c.file && names.includes(c.file))).toBe(true);

  await library.exportStatus.getByRole("button", { name: "Dismiss" }).click();
  await expect(library.exportStatus).toBeHidden();
});
