// Which hosts the archiver may download from (SEC-10): the Suno CDN, each provider's
// own host, and the hosts an operator lists in MEDIA_ALLOWED_HOSTS. Only the listed
// ones may resolve to loopback or private addresses (local test vendors need that).

export interface HostPolicy {
  /** May this URL's host be contacted at all? */
  allowsHost(url: URL): boolean;
  /** May this URL's host resolve to a loopback, private or otherwise reserved address? */
  allowsPrivateAddress(url: URL): boolean;
}

// audiopipe.suno.ai serves live streams that never end: never archive from it.
const STREAM_HOSTS = new Set(["audiopipe.suno.ai"]);
const SUNO_FILE_HOST = /^(?:[a-z0-9-]+\.)*suno\.(?:ai|com)$/;
const SUNO_APEXES = new Set(["suno.ai", "suno.com"]);

function bareHostname(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

function isDefaultPort(url: URL): boolean {
  return url.port === "";
}

export function isStreamHost(url: URL): boolean {
  return STREAM_HOSTS.has(bareHostname(url));
}

function isSunoFileHost(url: URL): boolean {
  const host = bareHostname(url);
  return SUNO_FILE_HOST.test(host) && !SUNO_APEXES.has(host) && isDefaultPort(url);
}

interface HostEntry {
  host: string;
  /** Undefined: any port. */
  port?: string;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port` → entry (normalised like URL hosts); anything else is dropped. */
export function parseHostEntry(entry: string): HostEntry | null {
  const text = entry.trim();
  if (!text || /[/?#@\s]/.test(text)) return null;
  // A bare IPv6 address has several colons and no brackets.
  const authority = !text.startsWith("[") && (text.match(/:/g) ?? []).length > 1 ? `[${text}]` : text;
  const explicitPort = /:(\d{1,5})$/.exec(authority.replace(/^\[[^\]]*\]/, ""))?.[1];
  try {
    const url = new URL(`http://${authority}`);
    return { host: bareHostname(url), port: explicitPort === undefined ? undefined : String(Number(explicitPort)) };
  } catch {
    return null;
  }
}

function matches(entry: HostEntry, url: URL): boolean {
  if (entry.host !== bareHostname(url)) return false;
  return entry.port === undefined || entry.port === effectivePort(url);
}

/** Is the URL's host (and port, when the entry names one) in a `host` / `host:port` list? */
export function isListedHost(list: string[], url: URL): boolean {
  return list.some((raw) => {
    const entry = parseHostEntry(raw);
    return entry !== null && matches(entry, url);
  });
}

function providerEntry(baseUrl: string): HostEntry | null {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return { host: bareHostname(url), port: effectivePort(url) };
  } catch {
    return null;
  }
}

export function createHostPolicy(options: { extraHosts: string[]; providerBaseUrls: string[] }): HostPolicy {
  const extra = options.extraHosts.map(parseHostEntry).filter((e): e is HostEntry => e !== null);
  const providers = options.providerBaseUrls.map(providerEntry).filter((e): e is HostEntry => e !== null);
  const listed = (url: URL) => extra.some((e) => matches(e, url));
  return {
    allowsHost(url) {
      if (isStreamHost(url)) return false;
      return isSunoFileHost(url) || providers.some((e) => matches(e, url)) || listed(url);
    },
    allowsPrivateAddress(url) {
      return !isStreamHost(url) && listed(url);
    },
  };
}
