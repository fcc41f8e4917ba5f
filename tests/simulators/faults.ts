import type http from "node:http";
import { errorFixture, type FixtureDir } from "./fixtures";
import type { Fault, ProtocolHandler, SimProtocol, SimReply } from "./types";

// How each injected fault answers. `delay` and `truncated` wrap the normal answer and
// are applied by the server itself.

const HTML_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

export function sendJson(res: http.ServerResponse, reply: SimReply) {
  res.writeHead(reply.status, { "Content-Type": "application/json; charset=utf-8", ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** Answers (or deliberately does not answer) per the fault; false when the normal answer should follow. */
export function answerWithFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse, protocol: SimProtocol, handler: ProtocolHandler): boolean {
  switch (fault.kind) {
    case "hang":
      return true;
    case "reset":
      req.socket.destroy();
      return true;
    case "status":
      sendJson(res, { status: fault.status, body: fault.body ?? handler.error(fault.status, `HTTP ${fault.status}`), headers: fault.headers });
      return true;
    case "fixture":
      sendJson(res, errorFixture(protocol as FixtureDir, fault.name));
      return true;
    case "vendor-error":
      sendJson(res, { status: fault.status, body: handler.error(fault.status, fault.message, fault.code) });
      return true;
    case "rate-limit":
      sendJson(res, {
        status: 429,
        body: handler.error(429, "too many requests", "too_many_requests"),
        headers: { "Retry-After": String(fault.retryAfter ?? 1) },
      });
      return true;
    case "html":
      res.writeHead(fault.status ?? 502, { "Content-Type": "text/html" });
      res.end(HTML_502);
      return true;
    case "empty":
      res.writeHead(fault.status ?? 200, { "Content-Type": "application/json" });
      res.end();
      return true;
    case "echo-auth": {
      const status = fault.status ?? 401;
      sendJson(res, { status, body: handler.error(status, `invalid token: ${req.headers.authorization}`, "invalid_token") });
      return true;
    }
    case "truncated":
    case "delay":
      return false;
  }
}

/** The normal answer cut in half: what a dropped connection mid-body looks like once read. */
export function sendTruncated(res: http.ServerResponse, reply: SimReply) {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { "Content-Type": "application/json" });
  res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
}
