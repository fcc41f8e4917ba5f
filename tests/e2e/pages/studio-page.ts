import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs, type Messages } from "../../../lib/i18n/catalog";

// What every signed-in page has: the header with the current user and sign-out, and a
// document that client-side navigation keeps (a reload would lose the mark).

export class StudioPage {
  readonly currentUser: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = catalogs.en,
  ) {
    this.currentUser = page.getByTestId("current-user");
  }

  async signOut() {
    await this.page.getByRole("button", { name: this.t.common.nav.signOut }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  /** Remembers the document, so a reload (which would forget it) is detectable. */
  async markDocument() {
    await this.page.evaluate(() => ((window as unknown as { songloftMark: number }).songloftMark = 42));
  }

  async expectSameDocument() {
    expect(await this.page.evaluate(() => (window as unknown as { songloftMark?: number }).songloftMark)).toBe(42);
  }

  /** A task's status badge inside a card, the live task panel or any other scope. */
  status(scope: Locator) {
    return scope.getByTestId("task-status").first();
  }
}
