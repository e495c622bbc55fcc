import { accessSync, constants, statSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import type { Diagnostic } from "../errors/index.ts";
import { FactdeckError } from "../errors/index.ts";

/** Where Chrome or Chromium usually lives on Linux and macOS, in the order tried after CHROME_PATH. */
export const BROWSER_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** Flags for a quiet, offline headless browser. */
export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--font-render-hinting=none",
];

/**
 * Flags for printing: no host name resolves but 127.0.0.1 (a request the export's guard misses
 * still goes nowhere), and WebRTC sends nothing outside a proxy, of which there is none.
 */
export const OFFLINE_ARGS = [
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
];

/** Why a file cannot be a browser: missing, a folder, or not executable; undefined if it can. */
function unusable(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return "it is a folder, not a program";
    accessSync(file, constants.X_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT"
      ? "there is no such file"
      : "it is not an executable file";
  }
}

const isExecutable = (file: string) => unusable(file) === undefined;

/** The browser to use: CHROME_PATH when set, then the usual install locations; undefined if none. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  candidates = BROWSER_CANDIDATES,
): string | undefined {
  const configured = env.CHROME_PATH;
  if (configured) return isExecutable(configured) ? configured : undefined;
  return candidates.find(isExecutable);
}

const GET_A_BROWSER =
  "install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome), " +
  "or set CHROME_PATH to the browser's executable; building the decks does not need a browser";

/** The finding printed when no browser is found: what happened and how to get one. */
export function noBrowserDiagnostic(env: NodeJS.ProcessEnv = process.env): Diagnostic {
  const configured = env.CHROME_PATH;
  return {
    code: "FD_BROWSER_MISSING",
    severity: "error",
    message: configured
      ? `CHROME_PATH is set to "${configured}", but no browser can be started from there.`
      : "No Chrome or Chromium was found, and PDF export needs one.",
    detail: configured
      ? `${configured}: ${unusable(configured) ?? "it is executable"}`
      : `looked in: CHROME_PATH (unset), ${BROWSER_CANDIDATES.join(", ")}`,
    hint: GET_A_BROWSER,
  };
}

/** What Playwright's launch error says happened, without its log of the launch command. */
function launchFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [logs = ""] = message.split("\nCall log:");
  const said = [...logs.matchAll(/^\[pid=\d+\]\[err\] (.+)$/gm)].map((m) => m[1]!.trim());
  const exit = /<process did exit: exitCode=(\w+), signal=(\w+)>/.exec(message);
  const lines = [message.split("\n")[0]!.replace(/^browserType\.launch:\s*/, "")];
  if (exit)
    lines[0] =
      exit[2] !== "null"
        ? `it was stopped by ${exit[2]} before it started`
        : `it exited with status ${exit[1]} before it started`;
  lines.push(...said.slice(0, 3).map((line) => `it printed: ${line}`));
  return lines.join("\n");
}

/** The finding printed when the file found as the browser does not start as one. */
export function browserStartDiagnostic(
  executablePath: string,
  error: unknown,
  env: NodeJS.ProcessEnv = process.env,
): Diagnostic {
  const configured = env.CHROME_PATH === executablePath;
  return {
    code: "FD_PDF_BROWSER",
    severity: "error",
    message: configured
      ? `CHROME_PATH is set to "${executablePath}", which did not start as Chrome or Chromium.`
      : `The browser at "${executablePath}" did not start.`,
    detail: launchFailure(error),
    hint: configured
      ? "set CHROME_PATH to Chrome's or Chromium's own executable, or unset it to use an installed " +
        "browser; to install one: Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome"
      : `reinstall it, or ${GET_A_BROWSER}`,
  };
}

/** Options for starting the browser. */
export interface LaunchOptions {
  /** Resolve no host but 127.0.0.1 (the PDF export); default false. */
  offline?: boolean;
}

/**
 * Starts headless Chromium; throws a FactdeckError that says how to get a browser when none is
 * found or the one found does not start.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser();
  if (!executablePath) throw new FactdeckError([noBrowserDiagnostic()]);
  const args = options.offline ? [...BROWSER_ARGS, ...OFFLINE_ARGS] : BROWSER_ARGS;
  try {
    // A real browser starts in a few seconds; a program that is not one may never answer.
    return await chromium.launch({ executablePath, args, headless: true, timeout: 60_000 });
  } catch (error) {
    throw new FactdeckError([browserStartDiagnostic(executablePath, error)]);
  }
}
