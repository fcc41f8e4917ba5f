import type { Locator } from "@playwright/test";
import { StudioPage } from "./studio-page";

// The create page: the form in both modes and the task cards that follow each song.

export class CreatePage extends StudioPage {
  readonly provider = this.page.getByLabel(this.t.create.fields.provider);
  readonly model = this.page.getByLabel(this.t.create.fields.model);
  readonly description = this.page.getByLabel(this.t.create.fields.description);
  readonly submit = this.page.getByTestId("create-submit");
  readonly taskCards = this.page.getByTestId("task-card");
  readonly firstCard = this.taskCards.first();

  async goto() {
    await this.page.goto("/");
  }

  async chooseMode(mode: "inspiration" | "custom") {
    await this.page.getByText(this.t.create.modes[mode], { exact: true }).click();
  }

  /** Describes a song in inspiration mode and sends it (the mode must be showing). */
  async submitDescription(description: string) {
    await this.description.fill(description);
    await this.submit.click();
  }

  /** Plays a clip's audio element and returns its duration once the metadata has loaded. */
  async playAndMeasure(audio: Locator): Promise<number> {
    return audio.evaluate(async (el: HTMLAudioElement) => {
      el.muted = true;
      const loaded = el.readyState >= 1 ? Promise.resolve() : new Promise((resolve) => el.addEventListener("loadedmetadata", resolve, { once: true }));
      await el.play();
      await loaded;
      el.pause();
      return el.duration;
    });
  }
}
