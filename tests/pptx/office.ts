import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "vitest";

/** LibreOffice's command, if installed: `SOFFICE_PATH`, then the usual places. */
export const sofficePath = [
  process.env.SOFFICE_PATH,
  "/usr/bin/soffice",
  "/usr/local/bin/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
].find((p): p is string => !!p && existsSync(p));

const INSTALL =
  "install LibreOffice Impress (Debian/Ubuntu: sudo apt-get install libreoffice-impress-nogui) or set SOFFICE_PATH";

/**
 * `describe` for suites that need LibreOffice. Without it they skip locally with a printed
 * reason; under CI=true a missing LibreOffice is a failing test, never a silent skip.
 */
export function describeWithOffice(name: string, body: () => void): void {
  if (sofficePath) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs LibreOffice", () => {
        throw new Error(`No LibreOffice (soffice) found: ${INSTALL}.`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": no LibreOffice (soffice) found (${INSTALL})`);
  describe.skip(name, body);
}

/**
 * Converts files to PDF with one headless LibreOffice run in a profile of its own (so it
 * neither waits on nor disturbs a LibreOffice someone has open); resolves to its output.
 */
export function convertToPdf(
  files: string[],
  outDir: string,
): Promise<{ stdout: string; stderr: string }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "factdeck-lo-"));
  return new Promise((resolve, reject) => {
    execFile(
      sofficePath!,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        ...files,
      ],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr })),
    );
  });
}
