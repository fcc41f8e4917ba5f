import crypto from "node:crypto";

// scrypt with N = 2^17, r = 8, p = 1 (SEC-5). 128·N·r bytes = 128 MiB, so maxmem is raised.
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 256 * 1024 * 1024;

// Looked up on each call (not captured at load) so tests can count hashing work.
function scrypt(password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** Whether the account has a password at all: accounts made by single sign-on store "". */
export function hasPassword(stored: string): boolean {
  return stored.startsWith("scrypt$");
}

/** False for an account without a password (single sign-on), whatever is typed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!hasPassword(stored)) return false;
  const [scheme, n, r, p, saltB64, hashB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, "base64url");
  const actual = await scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return crypto.timingSafeEqual(actual, expected);
}

// Verifying against this keeps an unknown email as slow as a wrong password (SEC-6).
let dummyHash: Promise<string> | undefined;
export async function spendEqualHashingTime(password: string): Promise<void> {
  dummyHash ??= hashPassword("songloft-dummy-password");
  await verifyPassword(password, await dummyHash);
}

// The ~18,000 passwords of eight characters or more among the 49,000 most common in
// public breach corpora, from zxcvbn-ts's dictionary (MIT; 380 KB compressed, ~250 ms
// to unpack), loaded on the first password set so nothing else pays for it (SEC-5).
let commonPasswords: Promise<ReadonlySet<string>> | undefined;
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].filter((p) => typeof p === "string" && p.length >= PASSWORD_MIN)),
  );
  return commonPasswords;
}

/** Why a new password is refused, as a message key; null when it is fine. No composition rules. */
export async function passwordProblem(password: string): Promise<"tooShort" | "tooLong" | "tooCommon" | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  if ((await loadCommonPasswords()).has(password.toLowerCase())) return "tooCommon";
  return null;
}
