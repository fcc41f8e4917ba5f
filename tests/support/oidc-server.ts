import http from "node:http";
import type { AddressInfo } from "node:net";

// A real OpenID Connect provider for the single sign-on tests: the `oidc-provider`
// package (the certified implementation behind many identity servers) on 127.0.0.1,
// with its built-in development login and consent pages. Whatever login name is typed
// there becomes the account id; `accounts` says which email and verification it has.

export interface OidcAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface RunningOidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the app's one redirect URI; until then the provider answers 503 (the app's port is known only once it runs). */
  registerClient(redirectUri: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startOidcServer(options: { accounts: Record<string, OidcAccount> }): Promise<RunningOidcServer> {
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "songloft-test";
  const clientSecret = "songloft-test-client-secret-0123456789";
  const registerClient = async (redirectUri: string) => {
    // ESM only; a dynamic import keeps this loadable from the CommonJS that Playwright compiles specs to.
    const { default: Provider } = await import("oidc-provider");
    const provider = new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      cookies: { keys: ["songloft-oidc-test-cookie-key"] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, id) {
        const account = options.accounts[id];
        if (!account) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }) };
      },
    });
    provider.on("server_error", (_ctx, err) => console.error("oidc-provider:", err));
    handler = provider.callback();
  };
  return {
    issuer,
    clientId,
    clientSecret,
    registerClient,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
