import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

// The reverse proxies of docs/deploy.md, run for real in front of a test server: Debian's
// nginx and Caddy as this user, on loopback ports, with everything they write in a
// temporary directory. Their configuration is the guide's own files, with only the
// addresses, ports and certificate paths put in, so the guide cannot drift from what
// the tests check.

const root = path.resolve(__dirname, "..", "..");
export const deployDir = path.join(root, "docs", "deploy");

export interface RunningProxy {
  /** https://127.0.0.1:<port> (nginx) or http://127.0.0.1:<port> (Caddy). */
  url: string;
  /** nginx only: the plain-HTTP listener that redirects to HTTPS. */
  httpUrl?: string;
  /** The certificate a client must trust for `url` (nginx only). */
  ca?: Buffer;
  config: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Replaces `pattern` in `text`, failing when the guide's file no longer has it exactly once. */
function substitute(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (matches?.length !== 1) throw new Error(`docs/deploy: expected one ${what} (${pattern}), found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** A self-signed certificate for 127.0.0.1, as a certificate authority would issue for the site's name. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  const r = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { cert, key };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The proxy exited early:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`The proxy did not listen in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops the proxy, then removes its directory (configuration, key, logs, temporary files). */
function stopper(child: ChildProcess, dir: string) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * nginx with docs/deploy/nginx.conf (the TLS site and the HTTP→HTTPS redirect) and its
 * locations file included verbatim, in front of the app at `appPort`.
 */
export async function startNginx(appPort: number): Promise<RunningProxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-nginx-"));
  const { cert, key } = selfSignedCertificate(dir);
  const [tlsPort, httpPort] = [await freePort(), await freePort()];
  let site = fs.readFileSync(path.join(deployDir, "nginx.conf"), "utf8");
  site = substitute(site, /server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${appPort};`, "upstream address");
  site = substitute(site, /listen 80;/, `listen 127.0.0.1:${httpPort};`, "HTTP listener");
  site = substitute(site, /listen 443 ssl http2;/, `listen 127.0.0.1:${tlsPort} ssl http2;`, "TLS listener");
  // Loopback IPv4 only here; the IPv6 twins of the listeners above.
  site = substitute(site, /\n\s*listen \[::\]:80;/, "", "IPv6 HTTP listener");
  site = substitute(site, /\n\s*listen \[::\]:443 ssl http2;/, "", "IPv6 TLS listener");
  site = substitute(site, /ssl_certificate \S+;/, `ssl_certificate ${cert};`, "certificate");
  site = substitute(site, /ssl_certificate_key \S+;/, `ssl_certificate_key ${key};`, "certificate key");
  site = substitute(site, /include \/etc\/nginx\/snippets\/songloft-locations\.conf;/, `include ${path.join(deployDir, "nginx-songloft-locations.conf")};`, "locations include");
  // The main context a Debian nginx.conf gives the site, with every path this user may write.
  const config = [
    `pid ${dir}/nginx.pid;`,
    "worker_processes 1;",
    "events { worker_connections 256; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind}_temp;`),
    site,
    "}",
    "",
  ].join("\n");
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, config);
  const args = ["-p", dir, "-e", path.join(dir, "error.log"), "-c", file];
  const check = spawnSync("/usr/sbin/nginx", [...args, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t refused the guide's configuration:\n${check.stderr}\n${config}`);
  let out = "";
  const child = spawn("/usr/sbin/nginx", [...args, "-g", "daemon off;"]);
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const output = () => out + (fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : "");
  await waitForPort(tlsPort, child, output);
  return {
    url: `https://127.0.0.1:${tlsPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    ca: fs.readFileSync(cert),
    config,
    output,
    stop: stopper(child, dir),
  };
}

/** Caddy with docs/deploy/Caddyfile, the site address made plain HTTP on a loopback port (no certificate authority here). */
export async function startCaddy(appPort: number): Promise<RunningProxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-caddy-"));
  const port = await freePort();
  let site = fs.readFileSync(path.join(deployDir, "Caddyfile"), "utf8");
  site = substitute(site, /^songs\.example\.com \{/m, `http://127.0.0.1:${port} {`, "site address");
  site = substitute(site, /reverse_proxy 127\.0\.0\.1:3000 /, `reverse_proxy 127.0.0.1:${appPort} `, "upstream address");
  // No admin endpoint (it would want port 2019, shared by everyone on this machine).
  const config = `{\n\tadmin off\n\tstorage file_system ${dir}/storage\n}\n\n${site}`;
  const file = path.join(dir, "Caddyfile");
  fs.writeFileSync(file, config);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
  const check = spawnSync("/usr/bin/caddy", ["validate", "--adapter", "caddyfile", "--config", file], { encoding: "utf8", env });
  if (check.status !== 0) throw new Error(`caddy validate refused the guide's Caddyfile:\n${check.stderr}\n${config}`);
  let out = "";
  const child = spawn("/usr/bin/caddy", ["run", "--adapter", "caddyfile", "--config", file], { env });
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const output = () => out;
  await waitForPort(port, child, output);
  return { url: `http://127.0.0.1:${port}`, config, output, stop: stopper(child, dir) };
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One request through a proxy, trusting its test certificate; `localAddress` picks the
 * loopback address the connection comes from (127.0.0.2 is another client to nginx).
 */
export function request(
  proxy: Pick<RunningProxy, "ca">,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string } = {},
): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? https.request : http.request;
    const req = send(target, { method: options.method ?? "GET", headers: options.headers, ca: proxy.ca, localAddress: options.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** An open response whose body is read as it arrives (event streams). */
export function openStream(proxy: Pick<RunningProxy, "ca">, url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; chunks: AsyncIterable<Buffer>; close(): void }>((resolve, reject) => {
    const target = new URL(url);
    const get = target.protocol === "https:" ? https.get : http.get;
    const req = get(target, { headers, ca: proxy.ca, agent: false }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks: res, close: () => req.destroy() });
    });
    req.on("error", reject);
  });
}
