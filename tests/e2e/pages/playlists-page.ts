import { expect, type Locator } from "@playwright/test";
import { StudioPage } from "./studio-page";

// Playlists: the list with its "New playlist" form, one playlist's page (tracks, drag and
// keyboard reordering, Play all, share panel), and the "Add to playlist" menu wherever it sits.

export class PlaylistsPage extends StudioPage {
  readonly newForm = this.page.getByTestId("new-playlist-form");
  readonly mine = this.page.getByTestId("my-playlists");
  readonly team = this.page.getByTestId("team-playlists");
  readonly name = this.page.getByTestId("playlist-name");
  readonly facts = this.page.getByTestId("playlist-facts");
  readonly tracks = this.page.getByTestId("playlist-track");
  readonly trackTitles = this.page.getByTestId("playlist-track-title");
  readonly announcement = this.page.getByTestId("playlist-announcement");
  readonly playAll = this.page.getByTestId("play-all");
  readonly miniPlayerTitle = this.page.getByTestId("mini-player-title");
  readonly sharePanel = this.page.getByTestId("share-panel");

  async gotoList() {
    await this.page.goto("/playlists");
  }

  /** Fills and sends the "New playlist" form (it opens the new playlist when it works). */
  async create(fields: { name: string; description?: string; visibility?: "team" | "private" }) {
    const p = this.t.playlists;
    await this.newForm.getByLabel(p.name).fill(fields.name);
    await this.newForm.getByLabel(p.description).fill(fields.description ?? "");
    await this.newForm.getByLabel(fields.visibility === "private" ? p.visibilityPrivate : p.visibilityTeam).check();
    await this.newForm.getByRole("button", { name: p.create }).click();
  }

  /** Opens the "Add to playlist" menu inside `scope` and picks a playlist; waits until it says so. */
  async addTo(scope: Locator, playlist: string) {
    await scope.getByTestId("add-to-playlist").click();
    const menu = scope.getByTestId("playlist-menu");
    await menu.getByTestId("playlist-choice").filter({ hasText: playlist }).click();
    await expect(menu.getByRole("status")).toHaveText(this.t.playlists.add.added.replace("{name}", playlist));
    await this.page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
  }

  track(title: string) {
    return this.tracks.filter({ has: this.page.getByTestId("playlist-track-title").getByText(title, { exact: true }) });
  }

  async expectOrder(titles: string[]) {
    await expect(this.trackTitles).toHaveText(titles);
  }

  /** Drags one track's row onto another's (HTML5 drag and drop). */
  async drag(title: string, onto: string) {
    await this.track(title).dragTo(this.track(onto));
  }

  /** Moves a track with its Move up / Move down button, from the keyboard. */
  async moveWithKeyboard(title: string, direction: "up" | "down") {
    const button = this.track(title).getByTestId(`move-${direction}`);
    await button.focus();
    await this.page.keyboard.press("Enter");
  }
}
