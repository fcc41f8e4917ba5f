import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs, type Messages } from "../../../lib/i18n/catalog";
import type { Account } from "../helpers";

// The sign-in form, in whichever language the page is in.

export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly formError: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = catalogs.en,
  ) {
    this.email = page.getByLabel(t.auth.email);
    this.password = page.getByLabel(t.auth.password);
    // Exact: with single sign-on on, "Sign in with <name>" is a button too.
    this.submit = page.getByRole("button", { name: t.auth.signIn, exact: true });
    this.formError = page.getByTestId("form-error");
  }

  /** Fills and sends the form already on screen (after a redirect to /login, say). */
  async submitCredentials(user: Pick<Account, "email" | "password">) {
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.submit.click();
  }

  async signIn(user: Pick<Account, "email" | "password">, path = "/login") {
    await this.page.goto(path);
    await this.submitCredentials(user);
  }

  /** Signs in and waits until the studio greets the user by name. */
  async signInAs(user: Account) {
    await this.signIn(user);
    await expect(this.page.getByTestId("current-user")).toHaveText(user.name);
  }
}
