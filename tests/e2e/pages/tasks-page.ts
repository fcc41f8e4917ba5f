import type { Locator } from "@playwright/test";
import { StudioPage } from "./studio-page";

// The task history (/tasks): filters, rows with their status, Retry and Reuse settings, paging.

export class TasksPage extends StudioPage {
  readonly rows = this.page.getByTestId("task-row");
  readonly statusFilter = this.page.getByTestId("task-filter-status");
  readonly kindFilter = this.page.getByTestId("task-filter-kind");
  readonly providerFilter = this.page.getByTestId("task-filter-provider");
  readonly older = this.page.getByTestId("tasks-older");
  readonly everyone = this.page.getByTestId("task-scope-all");

  async goto(query = "") {
    await this.page.goto(`/tasks${query}`);
  }

  /** Opens the history from the main navigation, as a person would. */
  async openFromNav() {
    await this.page.getByRole("navigation", { name: this.t.common.nav.label }).getByRole("link", { name: this.t.common.nav.tasks }).click();
  }

  row(taskId: string): Locator {
    return this.page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
  }

  rowStatus(row: Locator): Locator {
    return row.getByTestId("task-status");
  }
}
