import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StaticServer, serveStatic } from "../../src/export/serve.ts";

/** GETs a raw request path, exactly as written: no URL parser tidies `..` away first. */
function get(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the export's static server", () => {
  let work: string;
  let server: StaticServer;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-serve-"));
    const dist = path.join(work, "dist");
    mkdirSync(path.join(dist, "mini", "everyone"), { recursive: true });
    writeFileSync(path.join(dist, "index.html"), "<h1>the built site</h1>");
    writeFileSync(path.join(dist, "mini", "everyone", "index.html"), "<h1>a deck page</h1>");
    // The single-file deck beside the audience's folder, named as sirv would try first.
    writeFileSync(path.join(dist, "mini", "everyone.html"), "<h1>the single file</h1>");
    writeFileSync(path.join(dist, ".factdeck-build.json"), '{"secret": true}');
    mkdirSync(path.join(dist, ".git"));
    writeFileSync(path.join(dist, ".git", "config"), "secret");
    // Siblings of the served folder, one of them sharing its name as a prefix.
    mkdirSync(path.join(work, "dist-private"));
    writeFileSync(path.join(work, "dist-private", "x"), "secret");
    writeFileSync(path.join(work, "x"), "secret");
    server = await serveStatic(dist);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("listens on loopback only", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves the built pages", async () => {
    const index = await get(server.url, "/index.html");
    expect(index.status).toBe(200);
    expect(index.body).toContain("the built site");
    const deck = await get(server.url, "/mini/everyone/");
    expect(deck.status).toBe(200);
    expect(deck.body).toContain("a deck page");
    const query = await get(server.url, "/mini/everyone/?print-pdf");
    expect(query.body).toContain("a deck page");
  });

  it.each([
    "/..%2fdist-private/x",
    "/../dist-private/x",
    "/../x",
    "/%2e%2e/x",
    "/%2e%2e%2fx",
    "/..%5cx",
    "/index.html%00.png",
    "/%00",
    "/.factdeck-build.json",
    "/.git/config",
    "/mini/../.git/config",
  ])("refuses %s", async (rawPath) => {
    const res = await get(server.url, rawPath);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain("secret");
  });
});
