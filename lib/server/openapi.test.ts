import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clipListQueryObject, clipPatchSchema } from "@/lib/schemas/clips";
import { exportQuerySchema } from "@/lib/schemas/export";
import { generationBodySchema } from "@/lib/schemas/generate";
import { buildOpenApiDocument } from "./openapi";

// The document must describe every route handler under app/api/v1, found on disk, so
// a new route without documentation fails here; and it must hold together as
// OpenAPI 3.1 (every $ref resolves, every path parameter is declared, …).

type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

const apiRoot = path.join(process.cwd(), "app", "api", "v1");
const routes = routeFiles(apiRoot).map((file) => {
  const urlPath =
    "/api/v1/" +
    path
      .relative(apiRoot, path.dirname(file))
      .split(path.sep)
      .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
      .join("/");
  const source = fs.readFileSync(file, "utf8");
  const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${m}\\b`).test(source));
  return { file, urlPath: urlPath.replace(/\/$/, ""), methods };
});

function resolvePointer(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

const operations = Object.entries(doc.paths as Json).flatMap(([p, item]) =>
  Object.entries(item as Json)
    .filter(([m]) => METHODS.includes(m.toUpperCase() as (typeof METHODS)[number]))
    .map(([method, op]) => ({ path: p, method, op: op as Json })),
);

describe("the OpenAPI document", () => {
  it("documents every route handler under app/api/v1 with each of its methods", () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      expect(route.methods.length, `${route.file} exports no handler`).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(doc.paths[route.urlPath]?.[method.toLowerCase()], `${method} ${route.urlPath} is not documented`).toBeDefined();
      }
    }
  });

  it("documents nothing that does not exist", () => {
    for (const { path: p, method } of operations) {
      if (!p.startsWith("/api/v1/")) continue;
      const route = routes.find((r) => r.urlPath === p);
      expect(route?.methods, `${method.toUpperCase()} ${p} has no route handler`).toContain(method.toUpperCase());
    }
  });

  it("has the shape of OpenAPI 3.1", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe("string");
    expect(typeof doc.info.version).toBe("string");
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, method, op } of operations) {
      const where = `${method.toUpperCase()} ${p}`;
      expect(p.startsWith("/"), where).toBe(true);
      const codes = Object.keys(op.responses ?? {});
      expect(
        codes.some((c) => /^2\d\d$/.test(c)),
        `${where} has no success response`,
      ).toBe(true);
      for (const [code, response] of Object.entries(op.responses as Json)) {
        expect(code, where).toMatch(/^[1-5]\d\d$/);
        const resolved = (response as Json).$ref ? (resolvePointer((response as Json).$ref) as Json) : (response as Json);
        expect(typeof resolved?.description, `${where} ${code} needs a description`).toBe("string");
      }
      const params = (op.parameters ?? []) as Json[];
      for (const param of params) {
        expect(["query", "header", "path", "cookie"], where).toContain(param.in);
        expect(typeof param.name, where).toBe("string");
        expect(typeof param.schema, where).toBe("object");
        if (param.in === "path") expect(param.required, where).toBe(true);
      }
      for (const [, name] of p.matchAll(/\{(\w+)\}/g)) {
        expect(
          params.some((x) => x.in === "path" && x.name === name),
          `${where} does not declare {${name}}`,
        ).toBe(true);
      }
      if (op.requestBody) expect(Object.keys(op.requestBody.content), where).toContain("application/json");
      for (const requirement of op.security ?? doc.security) {
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], where).toBeDefined();
      }
    }
  });

  it("resolves every $ref", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolvePointer(ref), ref).toBeDefined();
  });

  it("describes auth, the error envelope and the Idempotency-Key header", () => {
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
    const header = (doc.paths["/api/v1/generations"].post.parameters as Json[]).find((p) => p.name === "Idempotency-Key");
    expect(header).toMatchObject({ in: "header", required: false });
    expect(doc.paths["/api/health"].get.security).toEqual([]);
  });

  it("gives a failed task's vendor words apart from its English message", () => {
    const taskError = doc.components.schemas.Task.properties.error.anyOf.find((s: Json) => s.type === "object");
    expect(taskError.required).toEqual(["code", "message", "vendorMessage"]);
    expect(taskError.properties.vendorMessage.type).toEqual(["string", "null"]);
  });

  it("gives a clip its other formats and the timed lyrics their lines, or 202 with Retry-After", () => {
    const formats = doc.components.schemas.Clip.properties.formats;
    expect(Object.keys(formats.properties)).toEqual(["wav", "video"]);
    expect(formats.required ?? []).toEqual([]);
    expect(doc.components.schemas.Clip.required).toContain("formats");
    const timed = doc.paths["/api/v1/clips/{id}/timed-lyrics"].get;
    expect(timed.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/TimedLyrics" });
    expect(doc.components.schemas.TimedLyrics.properties.lines.items.required).toEqual(["text", "start", "end"]);
    expect(timed.responses["202"].headers["Retry-After"]).toBeDefined();
    expect(Object.keys(timed.responses)).toEqual(expect.arrayContaining(["401", "404", "409", "502"]));
  });

  it("is generated from the schemas the routes parse with", () => {
    const strip = ({ $schema, ...rest }: Json) => (void $schema, rest);
    expect(doc.components.schemas.ClipPatch).toEqual(strip(z.toJSONSchema(clipPatchSchema, { io: "input" }) as Json));
    expect(doc.components.schemas.GenerationRequest).toEqual(strip(z.toJSONSchema(generationBodySchema, { io: "input" }) as Json));
    const query = (doc.paths["/api/v1/clips"].get.parameters as Json[]).map((p) => p.name);
    expect(query).toEqual(Object.keys(clipListQueryObject.shape));
  });

  it("describes the export as a streamed ZIP with its song count header and its scopes", () => {
    const op = doc.paths["/api/v1/export"].get as Json;
    expect(Object.keys(op.responses["200"].content)).toEqual(["application/zip"]);
    expect(op.responses["200"].headers).toHaveProperty("X-Songloft-Export-Count");
    expect((op.parameters as Json[]).map((p) => p.name)).toEqual(Object.keys(exportQuerySchema.shape));
    expect((op.parameters as Json[])[0]).toMatchObject({ name: "scope", in: "query", schema: { enum: ["mine", "starred"] } });
  });
});
