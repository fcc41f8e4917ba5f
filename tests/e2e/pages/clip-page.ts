import { expect } from "@playwright/test";
import { StudioPage } from "./studio-page";

// A clip's page (title, creator, player, visibility, download) and its extend form.

export class ClipPage extends StudioPage {
  readonly title = this.page.getByTestId("clip-title");
  readonly creator = this.page.getByTestId("clip-creator");
  readonly play = this.page.getByTestId("clip-play");
  readonly private = this.page.getByTestId("visibility-private");
  readonly downloadAudio = this.page.getByTestId("download-audio");
  readonly continueAt = this.page.getByTestId("continue-at");
  readonly extendSubmit = this.page.getByTestId("extend-submit");

  async goto(clipId: string) {
    return this.page.goto(`/clips/${clipId}`);
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
