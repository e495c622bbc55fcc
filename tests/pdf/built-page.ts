import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { ROOT } from "../helpers.ts";
import { squash } from "./poppler.ts";

/** A slide of a built deck page, as the expectations of the PDF tests see it. */
export interface BuiltSlide {
  number: number;
  id: string;
  /** Figures as the slide shows them (bound values, figure-table value cells). */
  figures: string[];
  /** Figures as the speaker notes show them. */
  noteFigures: string[];
  /** Whether the slide has a heading (the PDF outline needs one). */
  hasHeading: boolean;
  /** A backup figure table after the end slide: the handouts' appendix holds it instead. */
  backup: boolean;
  /** A generated section divider: the presenter's script shows it, the handout does not. */
  divider: boolean;
}

/** What the built HTML says: the expectation every PDF is checked against. */
export interface BuiltPage {
  title: string;
  lang: string;
  width: number;
  height: number;
  slides: BuiltSlide[];
  /** Every figure key the page shows anywhere (slides, notes, charts, figure tables). */
  figureKeys: Set<string>;
  /** Figure key → value as the generated figure table prints it. */
  figureValues: Map<string, string>;
  /** Every chart: its title and the values in its data table. */
  charts: Array<{ title: string; values: string[] }>;
}

/** Reads a built `dist/<deck>/<audience>/index.html`. */
export function readBuiltPage(file: string): BuiltPage {
  const { document } = parseHTML(readFileSync(file, "utf8"));
  const reveal = document.querySelector(".reveal")!;
  const sections = [...reveal.querySelectorAll("section")].filter(
    (s) => !s.querySelector("section"),
  );
  const shown = (el: Element) => squash((el.querySelector(".fd-num") ?? el).textContent ?? "");
  const slides = sections.map((section, i) => {
    // The innermost bound element is the value (a stat wraps one; a table row holds one).
    const bound = [...section.querySelectorAll("[data-figure]")].filter(
      (el) => !el.querySelector("[data-figure]"),
    );
    return {
      number: i + 1,
      id: section.getAttribute("id") ?? "",
      figures: bound.filter((el) => !el.closest("aside.notes")).map(shown),
      noteFigures: bound.filter((el) => el.closest("aside.notes")).map(shown),
      hasHeading: !!section.querySelector("h1, h2, h3"),
      backup: section.hasAttribute("data-fd-backup"),
      divider: section.classList.contains("fd-divider"),
    };
  });
  const figureKeys = new Set<string>();
  for (const el of reveal.querySelectorAll("[data-figure]"))
    figureKeys.add(el.getAttribute("data-figure")!);
  for (const el of reveal.querySelectorAll("[data-figures]"))
    for (const key of el.getAttribute("data-figures")!.split(/\s+/)) if (key) figureKeys.add(key);
  const figureValues = new Map<string, string>();
  for (const tr of reveal.querySelectorAll("tr[data-figure]"))
    figureValues.set(tr.getAttribute("data-figure")!, shown(tr));
  return {
    title: squash(document.querySelector("title")?.textContent ?? ""),
    lang: document.documentElement.getAttribute("lang") ?? "",
    width: Number(reveal.getAttribute("data-fd-width")),
    height: Number(reveal.getAttribute("data-fd-height")),
    slides,
    figureKeys,
    figureValues,
    charts: [...reveal.querySelectorAll("figure.fd-chart")].map((chart) => ({
      title: squash(chart.querySelector(".fd-chart-title")?.textContent ?? ""),
      values: [...chart.querySelectorAll("table tbody tr")].map((tr) =>
        squash(tr.querySelectorAll("td")[0]?.textContent ?? ""),
      ),
    })),
  };
}

/** The outcome of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/factdeck.js …` from the repository root, as a user does (not a TTY). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "factdeck.js"), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
