import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("password hashing (SEC-5)", () => {
  it("uses scrypt with N=2^17, r=8, p=1 and a random salt", async () => {
    const a = await hashPassword("a long enough passphrase");
    const b = await hashPassword("a long enough passphrase");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });

  it("never truncates: a 200-character password differing only at the end does not verify", async () => {
    const long = "x".repeat(199) + "a";
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword("x".repeat(199) + "b", hash)).toBe(false);
  });

  it("accepts 8 to 256 characters without composition rules and refuses common passwords", async () => {
    expect(await passwordProblem("abcdefg")).toBe("tooShort");
    expect(await passwordProblem("zebra lamp")).toBeNull();
    expect(await passwordProblem("alllowercaseletters")).toBeNull();
    expect(await passwordProblem("密码是一只猫和一条狗")).toBeNull();
    expect(await passwordProblem("y".repeat(256))).toBeNull();
    expect(await passwordProblem("y".repeat(257))).toBe("tooLong");
    expect(await passwordProblem("password123")).toBe("tooCommon");
    expect(await passwordProblem("Password1")).toBe("tooCommon");
    expect(await passwordProblem("qwertyuiop")).toBe("tooCommon");
  });

  it("refuses the common passwords of a published breach list, not only a short hand-picked one", async () => {
    for (const common of ["mercedes", "corvette", "chocolate", "spiderman", "ferrari1", "michelle1"]) {
      expect(await passwordProblem(common), common).toBe("tooCommon");
    }
  });
});
