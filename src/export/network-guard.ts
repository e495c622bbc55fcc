import type { BrowserContext } from "playwright-core";
import type { Diagnostic } from "../errors/index.ts";

/** What a guarded browser context refused to fetch. */
export interface NetworkGuard {
  /** Every URL refused so far, once each, in the order first asked for. */
  blocked(): string[];
}

// Schemes that name content already in the page; no request leaves the browser for them.
const LOCAL_SCHEMES = new Set(["data:", "blob:", "about:"]);

/** True when a request goes to the export's own server (same origin) or stays in the page. */
export function isAllowedRequest(url: string, serverOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return LOCAL_SCHEMES.has(parsed.protocol) || parsed.origin === serverOrigin;
}

/**
 * Lets the pages of `context` reach only the export's static server at `serverUrl`: every other
 * request and WebSocket is refused and remembered. Slides are refused remote URLs when they
 * are built; this catches whatever got into the built pages anyway.
 */
export async function guardContext(
  context: BrowserContext,
  serverUrl: string,
): Promise<NetworkGuard> {
  const origin = new URL(serverUrl).origin;
  const blocked = new Set<string>();
  await context.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (isAllowedRequest(url, origin)) return route.continue();
      blocked.add(url);
      return route.abort("blockedbyclient");
    },
  );
  await context.routeWebSocket(
    () => true,
    (socket) => {
      blocked.add(socket.url());
      // Never connected to the server, so closing it sends nothing anywhere.
      return socket.close({ code: 1008, reason: "factdeck pdf reaches no other host" });
    },
  );
  return { blocked: () => [...blocked] };
}

const SHOWN = 20;
const shorten = (url: string) => (url.length > 200 ? `${url.slice(0, 199)}…` : url);

/** The warning printed when pages asked for anything off the export's server. */
export function remoteBlockedDiagnostic(urls: readonly string[]): Diagnostic {
  const listed = urls.slice(0, SHOWN).map(shorten);
  if (urls.length > SHOWN) listed.push(`and ${urls.length - SHOWN} more`);
  return {
    code: "FD_PDF_REMOTE_BLOCKED",
    severity: "warning",
    message: `The built pages asked for ${urls.length === 1 ? "a file" : `${urls.length} files`} from outside the built site, which the export refused; the PDFs were printed without ${urls.length === 1 ? "it" : "them"}.`,
    detail: listed.join("\n"),
    hint: "serve every image, font and script from the project itself, then run `npm run build` and export again",
  };
}
