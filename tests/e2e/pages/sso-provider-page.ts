import { expect, type Page } from "@playwright/test";
import { catalogs, type Messages } from "../../../lib/i18n/catalog";

// Single sign-on from the login page: the "Sign in with <name>" button, then the
// identity provider's own pages (oidc-provider's development login and consent
// forms, on its own origin), then back to Songloft.

export class SsoSignIn {
  constructor(
    readonly page: Page,
    readonly providerName: string,
    readonly t: Messages = catalogs.en,
  ) {}

  get button() {
    return this.page.getByRole("button", { name: this.t.auth.sso.signInWith.replace("{name}", this.providerName) });
  }

  /** On an invite made out to an email. */
  get joinButton() {
    return this.page.getByRole("button", { name: this.t.auth.sso.joinWith.replace("{name}", this.providerName) });
  }

  get error() {
    return this.page.getByTestId("sso-error");
  }

  /** From the login page on screen: through the provider's login and consent pages as `login`. */
  async signInAtProvider(issuer: string, login: string) {
    await this.button.click();
    await this.continueAtProvider(issuer, login);
  }

  /** On the provider's pages: signs in as `login` and consents. */
  async continueAtProvider(issuer: string, login: string) {
    await expect(this.page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill("any password works here");
    await this.page.getByRole("button", { name: "Sign-in" }).click();
    await this.page.getByRole("button", { name: "Continue" }).click();
  }
}
