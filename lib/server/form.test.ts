import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/server/logger";
import { toActionState } from "./form";

describe("toActionState", () => {
  it("gives a form the error's catalogue key and parameters, never its English message", () => {
    const err = new AppError("conflict", "Only a finished song can be extended.", { key: "common.errors.clipNotFinished", params: { title: "Harbour" } });
    const state = toActionState(err, { values: { title: "x" } });
    expect(state).toEqual({ formError: { key: "common.errors.clipNotFinished", params: { title: "Harbour" } }, values: { title: "x" } });
    expect(JSON.stringify(state)).not.toContain(err.message);
  });

  it("turns field details into keys of the form's catalogue group", () => {
    const err = new AppError("validation", "The current password is wrong.", { details: { current: ["currentPasswordWrong"] } });
    expect(toActionState(err, { fields: "auth.errors" })).toEqual({ fieldErrors: { current: [{ key: "auth.errors.currentPasswordWrong" }] } });
  });

  it("says a refusal without a key in the words for its code", () => {
    expect(toActionState(new AppError("forbidden", "Cross-origin requests are not allowed."))).toEqual({ formError: { key: "common.errors.forbidden" } });
  });

  it("logs anything else and shows the generic failure", () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const state = toActionState(new Error("SQLITE_BUSY: database is locked"));
    expect(state).toEqual({ formError: { key: "common.errors.unexpected" } });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
