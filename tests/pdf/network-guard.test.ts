import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { isAllowedRequest } from "../../src/export/network-guard.ts";
import { describeWithBrowser } from "../browser-helpers.ts";
import type { CliRun } from "./built-page.ts";
import { copyMiniProject, runCliIn } from "./mini-project.ts";

describe("what the export's pages may fetch", () => {
  const server = "http://127.0.0.1:41234";

  it("allows the export's own server, and content already in the page", () => {
    expect(isAllowedRequest(`${server}/mini/everyone/`, server)).toBe(true);
    expect(isAllowedRequest(`${server}/assets/a.woff2?v=1`, server)).toBe(true);
    expect(isAllowedRequest("data:image/png;base64,AAAA", server)).toBe(true);
    expect(isAllowedRequest("blob:http://127.0.0.1:41234/5f1c", server)).toBe(true);
  });

  it.each([
    "http://example.invalid/x.png",
    "https://127.0.0.1:41234/x",
    "http://127.0.0.1:41235/x",
    "http://localhost:41234/x",
    "http://[::1]:41234/x",
    "http://127.0.0.1:41234@example.invalid/x",
    "file:///etc/passwd",
    "ws://127.0.0.1:41235/",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isAllowedRequest(url, server)).toBe(false);
  });
});

describeWithBrowser("factdeck pdf, when a built page asks for files elsewhere", () => {
  let root: string;
  let spy: Server;
  let spyUrl: string;
  let connections = 0;
  let run: CliRun;
  const remote = "http://example.invalid/x.png";

  beforeAll(async () => {
    root = copyMiniProject("factdeck-pdf-guard-");
    await buildSite({ root, quiet: true });
    // A server on loopback but not the export's: anything that reaches it left the built site.
    spy = createServer((_req, res) => res.end("spied"));
    spy.on("connection", () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
    spyUrl = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;

    const page = path.join(root, "dist", "mini", "everyone", "index.html");
    const planted =
      `<img src="${remote}" alt="">` +
      `<img src="${spyUrl}/img.png" alt="">` +
      `<link rel="stylesheet" href="${spyUrl}/style.css">` +
      `<script>fetch("${spyUrl}/fetch").catch(() => {});` +
      `try { new WebSocket("${spyUrl.replace("http", "ws")}/socket"); } catch {}</script>`;
    const html = readFileSync(page, "utf8")
      // A page whose policy was lost: the guard must hold without it.
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi, "")
      .replace("</body>", `${planted}</body>`);
    writeFileSync(page, html);

    run = await runCliIn(root, ["pdf", "mini", "--audience", "everyone"]);
  });
  afterAll(async () => {
    await new Promise((resolve) => spy?.close(resolve));
    if (root) rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it("still prints the PDFs", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(root, "dist", "mini", "everyone", "slides.pdf"))).toBe(true);
    expect(existsSync(path.join(root, "dist", "mini", "everyone", "handout.pdf"))).toBe(true);
  });

  it("lets no request leave the export's own server", () => {
    expect(connections).toBe(0);
  });

  it("warns, naming every URL it refused", () => {
    expect(run.stderr).toContain("FD_PDF_REMOTE_BLOCKED (warning)");
    for (const url of [remote, `${spyUrl}/img.png`, `${spyUrl}/style.css`, `${spyUrl}/fetch`])
      expect(run.stderr).toContain(url);
    expect(run.stderr).toContain(`${spyUrl.replace("http", "ws")}/socket`);
  });
});
