import { accessSync, constants } from "node:fs";
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

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to use: CHROME_PATH when set, then the usual install locations; undefined if none. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  candidates = BROWSER_CANDIDATES,
): string | undefined {
  const configured = env.CHROME_PATH;
  if (configured) return isExecutable(configured) ? configured : undefined;
  return candidates.find(isExecutable);
}

/** The finding printed when no browser is found: what happened and how to get one. */
export function noBrowserDiagnostic(env: NodeJS.ProcessEnv = process.env): Diagnostic {
  const configured = env.CHROME_PATH;
  return {
    code: "FD_BROWSER_MISSING",
    severity: "error",
    message: configured
      ? `CHROME_PATH is set to "${configured}", but no browser can be started from there.`
      : "No Chrome or Chromium was found, and PDF export needs one.",
    detail: `looked in: ${configured ? configured : `CHROME_PATH (unset), ${BROWSER_CANDIDATES.join(", ")}`}`,
    hint:
      "install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome), " +
      "or set CHROME_PATH to the browser's executable; building the decks does not need a browser",
  };
}

/** Starts headless Chromium; throws a FactdeckError that says how to get a browser when none is found. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findBrowser();
  if (!executablePath) throw new FactdeckError([noBrowserDiagnostic()]);
  return chromium.launch({ executablePath, args: BROWSER_ARGS, headless: true });
}
