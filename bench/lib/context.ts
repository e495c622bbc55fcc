import type { BenchOptions } from "./options.ts";
import type { Row } from "./report.ts";

/** What every section gets: the options, the browser if any, and a progress printer. */
export interface BenchContext {
  options: BenchOptions;
  /** Chromium's path, or undefined when none was found. */
  browserPath?: string;
  /** Why there is no browser, for sections that skip without one. */
  noBrowserReason?: string;
  log(message: string): void;
}

/** What a section hands back: table rows and the details for the JSON file. */
export interface SectionResult {
  rows: Row[];
  detail?: unknown;
  /** Set when the section could not run, with the reason printed to the user. */
  skipped?: string;
}
