import { StudioPage } from "./studio-page";

// Admin → Users: invite links and one row per member.

export class AdminUsersPage extends StudioPage {
  readonly inviteLink = this.page.getByTestId("invite-link");

  async goto() {
    await this.page.goto("/admin/users");
  }

  /** Creates an invite link (made out to an email if given) and returns it. */
  async createInvite(email?: string, role: "admin" | "member" = "member"): Promise<string> {
    await this.goto();
    await this.page.getByLabel("Role").selectOption(role);
    if (email) await this.page.getByLabel("Email (optional)").fill(email);
    await this.page.getByRole("button", { name: "Create invite link" }).click();
    return this.inviteLink.inputValue();
  }

  /** Makes a password reset link for the member and returns it. */
  async createResetLink(email: string): Promise<string> {
    await this.goto();
    const row = this.memberRow(email);
    await row.getByRole("button", { name: "Reset link" }).click();
    return row.getByTestId("reset-link").inputValue();
  }

  inviteRows() {
    return this.page.getByTestId("invite-row");
  }

  memberRow(email: string) {
    return this.page.getByTestId(`member-${email}`);
  }
}
