import { expect } from "@playwright/test";
import { StudioPage } from "./studio-page";

// The song lists: my library and the team's, with search and the rows they show.

export class LibraryPage extends StudioPage {
  readonly search = this.page.getByTestId("library-search");
  readonly list = this.page.getByTestId("clip-list");
  readonly rows = this.page.getByTestId("clip-row");
  readonly rowLinks = this.page.getByTestId("clip-row-link");
  readonly inFlight = this.page.getByTestId("in-flight-task");
  readonly emptyResults = this.page.getByTestId("empty-results");
  readonly emptyState = this.page.getByTestId("empty-state");
  /** The header's month at a glance. */
  readonly month = this.page.getByTestId("month-glance");
  readonly monthSongs = this.page.getByTestId("month-songs");
  readonly monthMinutes = this.page.getByTestId("month-minutes");
  readonly monthStyles = this.page.getByTestId("month-styles").getByRole("link");
  readonly exportMenu = this.page.getByTestId("export-menu");
  readonly exportStatus = this.page.getByTestId("export-status");

  async gotoLibrary(query?: string) {
    await this.page.goto(query === undefined ? "/library" : `/library?q=${encodeURIComponent(query)}`);
  }

  async gotoTeam() {
    await this.page.goto("/team");
  }

  /** Searches the team's songs from the search box and waits for the address to follow. */
  async searchTeam(words: string) {
    await this.gotoTeam();
    await this.search.fill(words);
    await this.search.press("Enter");
    await expect(this.page).toHaveURL(new RegExp(`/team\\?q=${encodeURIComponent(words)}$`));
  }

  /** Export → My songs / My starred songs; answers the browser's download of the ZIP. */
  async startExport(which: "My songs" | "My starred songs") {
    await this.exportMenu.getByText("Export", { exact: true }).click();
    const download = this.page.waitForEvent("download");
    await this.exportMenu.getByRole("menuitem", { name: which, exact: true }).click();
    return download;
  }

  /** The clip pages the rows link to, top first. */
  async rowHrefs(): Promise<Array<string | null>> {
    return this.rowLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  }
}
