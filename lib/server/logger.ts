// A tiny structured logger. Errors are reduced to name, message and the top of the
// stack (never request bodies, headers or keys), and fields whose names look secret
// are dropped, so nothing secret reaches a log line (SEC-8).

type Fields = Record<string, unknown>;

function scrub(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (/key|secret|token|password|authorization/i.test(k)) continue;
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack?.split("\n").slice(0, 4).join("\n") } : v;
  }
  return out;
}

function write(level: "info" | "warn" | "error", msg: string, fields: Fields = {}) {
  if (process.env.SONGLOFT_LOG === "silent") return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...scrub(fields) });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const logger = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
