import { decryptSecret, encryptSecret, isUnboundSecret } from "@/lib/server/crypto";

// A stored vendor key is sealed to its provider id and its base URL's origin (SEC-15):
// the same ciphertext cannot be moved to another provider, nor opened after the base
// URL points at another host, so a key only ever travels to the host it was entered for.

const PURPOSE = "provider-key";

/** scheme://host[:port], lowercased, default port dropped: what the key is bound to. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return "";
  }
}

function contextOf(provider: { id: string; baseUrl: string }): string {
  return `provider:${provider.id}|${originOf(provider.baseUrl)}`;
}

export function sealProviderKey(provider: { id: string; baseUrl: string }, key: string): string {
  return encryptSecret(key, PURPOSE, contextOf(provider));
}

/** The key cannot be read with this server's secret for this provider and origin. */
export class UnreadableProviderKeyError extends Error {
  readonly providerId: string;
  constructor(provider: { id: string; name: string }, options: { cause?: unknown } = {}) {
    super(
      `The stored key of provider "${provider.name}" (${provider.id}) cannot be decrypted: this server's secret ` +
        `(AUTH_SECRET or DATA_DIR/secret) is not the one it was stored with, or the provider's base URL was changed ` +
        `outside the app. Put back the secret the database was backed up with, or run ` +
        `\`npm run cli -- providers:forget-unreadable-keys\` and enter the key again under Admin → Providers.`,
      options,
    );
    this.name = "UnreadableProviderKeyError";
    this.providerId = provider.id;
  }
}

/**
 * Opens a stored key. `resealed` is set when the ciphertext predates the binding and
 * should be written back sealed to the provider; a key that does not open throws,
 * so a provider never calls its vendor with an empty or wrong key.
 */
export function openProviderKey(provider: { id: string; name: string; baseUrl: string }, stored: string): { key: string; resealed?: string } {
  try {
    const key = decryptSecret(stored, PURPOSE, contextOf(provider));
    return isUnboundSecret(stored) ? { key, resealed: sealProviderKey(provider, key) } : { key };
  } catch (err) {
    throw new UnreadableProviderKeyError(provider, { cause: err });
  }
}
