import { expect, type Locator, type Page } from "@playwright/test";
import type { Account } from "../helpers";

// The two forms that create an account: first-run setup (the owner) and an invite.

class AccountForm {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name");
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password", { exact: true });
    this.confirm = page.getByLabel("Confirm password");
  }

  async fill(user: Account) {
    await this.name.fill(user.name);
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.confirm.fill(user.password);
  }
}

export class SetupPage extends AccountForm {
  readonly submit = this.page.getByRole("button", { name: "Create owner account" });

  /** Creates the owner on a fresh install and lands signed in. */
  async complete(owner: Account, url = "/setup") {
    await this.page.goto(url);
    await this.fill(owner);
    await this.submit.click();
    await expect(this.page.getByTestId("current-user")).toHaveText(owner.name);
  }
}

export class InvitePage extends AccountForm {
  readonly submit = this.page.getByRole("button", { name: "Join the team" });

  /** Opens an invite link and joins the team with it, signed in at the end. */
  async join(link: string, member: Account) {
    await this.page.goto(link);
    await this.fill(member);
    await this.submit.click();
    await expect(this.page.getByTestId("current-user")).toHaveText(member.name);
  }
}

export class ResetPage {
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.password = page.getByLabel("New password");
    this.confirm = page.getByLabel("Confirm password");
    this.submit = page.getByRole("button", { name: "Set password and sign in" });
  }

  async setPassword(password: string, confirm = password) {
    await this.password.fill(password);
    await this.confirm.fill(confirm);
    await this.submit.click();
  }
}
