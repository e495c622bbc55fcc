import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";

/** A static server for a built dist/ on 127.0.0.1. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 at a free port; the server does not keep the process alive.
 * sirv lists the folder's files once, at start, and serves only those by their exact path,
 * so no spelling of `..` reaches outside the folder, and dotfiles are never listed.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const files = sirv(path.resolve(dir), { dotfiles: false, etag: false, dev: false });
  const server = createServer((req, res) => {
    // The browser only reads; anything else is not a request the export makes.
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    // A folder's address is its index.html: sirv would first try `<folder>.html`, which is
    // where the build writes that audience's single-file deck.
    const [pathname = "/", query] = (req.url ?? "/").split(/\?(.*)/s, 2);
    if (pathname.endsWith("/"))
      req.url = `${pathname}index.html${query === undefined ? "" : `?${query}`}`;
    files(req, res, () => {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser may keep a connection open; closing must not wait for it.
        server.closeAllConnections();
      }),
  };
}
