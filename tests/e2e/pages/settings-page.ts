import { StudioPage } from "./studio-page";

// Settings: language, password and API tokens, labelled in the page's language.

export class SettingsPage extends StudioPage {
  readonly language = this.page.getByLabel(this.t.settings.language);
  readonly passwordForm = this.page.locator("form").filter({ has: this.page.locator('input[name="current"]') });

  async goto() {
    await this.page.goto("/settings");
  }

  async chooseLanguage(locale: "en" | "zh-CN") {
    await this.language.selectOption(locale);
    await this.page.getByRole("button", { name: this.t.settings.saveLanguage }).click();
  }

  async changePassword(current: string, password: string, confirm = password) {
    await this.passwordForm.getByLabel(this.t.settings.currentPassword).fill(current);
    await this.passwordForm.getByLabel(this.t.settings.newPassword, { exact: true }).fill(password);
    await this.passwordForm.getByLabel(this.t.settings.confirmPassword).fill(confirm);
    await this.passwordForm.getByRole("button", { name: this.t.settings.changePassword }).click();
  }
}
