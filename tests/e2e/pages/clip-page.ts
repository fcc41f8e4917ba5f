import { expect, type Download } from "@playwright/test";
import { StudioPage } from "./studio-page";

// A clip's page (title, creator, player, visibility, downloads, karaoke lyrics) and its extend form.

export class ClipPage extends StudioPage {
  readonly title = this.page.getByTestId("clip-title");
  readonly creator = this.page.getByTestId("clip-creator");
  readonly play = this.page.getByTestId("clip-play");
  readonly private = this.page.getByTestId("visibility-private");
  readonly downloadMenu = this.page.getByTestId("download-menu");
  readonly downloadToggle = this.page.getByTestId("download-toggle");
  readonly timedLines = this.page.getByTestId("timed-line");
  /** The karaoke line being sung (aria-current). */
  readonly currentLine = this.page.locator('[data-testid="timed-line"][aria-current="true"]');
  readonly audio = this.page.getByTestId("player-audio");
  /** The seek bar drawn as the song's waveform, on the page and in the mini-player. */
  readonly waveform = this.page.getByTestId("clip-player").getByRole("slider", { name: this.t.player.seek });
  readonly miniWaveform = this.page.getByTestId("mini-player").getByRole("slider", { name: this.t.player.seek });
  readonly continueAt = this.page.getByTestId("continue-at");
  readonly extendSubmit = this.page.getByTestId("extend-submit");

  async goto(clipId: string) {
    return this.page.goto(`/clips/${clipId}`);
  }

  /** Opens the clip until its waveform shows: the server draws it shortly after the song is archived. */
  async gotoWithWaveform(clipId: string) {
    await expect(async () => {
      await this.goto(clipId);
      await expect(this.waveform).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Opens the Download menu (if closed) and saves one of its files. */
  async download(kind: "audio" | "wav" | "video" | "cover"): Promise<Download> {
    if (!(await this.downloadMenu.evaluate((d) => (d as HTMLDetailsElement).open))) await this.downloadToggle.click();
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(`download-${kind}`).click()]);
    return download;
  }

  /** Where the studio's player is in the song, in seconds. */
  async playerTime(): Promise<number> {
    return this.audio.evaluate((el: HTMLAudioElement) => el.currentTime);
  }

  async gotoExtend(clipPath: string) {
    await this.page.goto(`${clipPath}/extend`);
  }

  /** Switches the clip to private and checks the choice survives a reload; returns the creator's member id. */
  async makePrivate(clipId: string): Promise<string> {
    await this.goto(clipId);
    await this.private.click();
    await expect(this.private).toHaveAttribute("aria-checked", "true");
    await this.page.reload();
    await expect(this.private).toHaveAttribute("aria-checked", "true");
    return (await this.creator.getAttribute("href"))!.split("/").pop()!;
  }
}
