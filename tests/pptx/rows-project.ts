import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fixture, ROOT } from "../helpers.ts";

/** The slides added to the rows fixture's copy: one of each row kind PowerPoint redraws. */
const EXTRA_SLIDES: Record<string, string> = {
  area: `## Filings, stacked\n\n<Chart kind="area" data="monthly" x="month" y="cases" series="court" title="Together the courts file more each year"/>\n`,
  bars: `## Mean sentence\n\n<Chart kind="bars" data="by_offense" x="offense" y="mean_months" sort="value" title="Distribution sentences are the longest"/>\n`,
  grouped: `## Filings by year\n\n<Chart kind="bars" data="by_year" x="year" y="cases" series="court" title="District A leads every year"/>\n`,
  stacked: `## Filings by year, stacked\n\n<Chart kind="bars" data="by_year" x="year" y="cases" series="court" layout="stacked" title="Every year adds up the same way"/>\n`,
  scatter: `## Each month\n\n<Chart kind="scatter" data="monthly" x="month" y="cases" series="court" title="Each court's months cluster apart"/>\n`,
  histogram: `## How long\n\n<Chart kind="histogram" data="sentences" x="sentence_months" title="Most sentences run four to eight years"/>\n`,
  box: `## Spread\n\n<Chart kind="box" data="sentences" x="sentence_months" y="offense" title="Receipt sentences spread the widest"/>\n`,
};

/** The added slides, in the order the audience shows them after the fixture's own. */
export const EXTRA_SLIDE_IDS = Object.keys(EXTRA_SLIDES);

// A 2 × 1 px PNG: the logo only has to be a real image file.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGNgYPj/H4RBBAMAPe4H+bDRqDEAAAAASUVORK5CYII=",
  "base64",
);

/** The footer line the copy's deck.yaml sets. */
export const ROWS_FOOTER = "Training use only";

/**
 * A scratch copy of `tests/fixtures/projects/rows` with the repository's themes, a slide per
 * row kind more, a derived table for grouped bars, a logo and a footer; returns its root.
 */
export function rowsProject(): string {
  // Inside the repository, so that the fixture's chart module finds its packages.
  const scratch = path.join(ROOT, "node_modules", ".factdeck-test");
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(path.join(scratch, "pptx-rows-"));
  cpSync(fixture("projects", "rows"), root, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(root, "themes"), { recursive: true });
  const deck = path.join(root, "slides", "rows");
  for (const [id, mdx] of Object.entries(EXTRA_SLIDES))
    writeFileSync(path.join(deck, `${id}.mdx`), mdx);
  writeFileSync(path.join(deck, "seal.png"), PNG);
  writeFileSync(
    path.join(deck, "deck.yaml"),
    [
      "title: Caseload from rows",
      "dataset: rows",
      "logo: { src: ./seal.png, alt: Training office }",
      `footer: ${ROWS_FOOTER}`,
      "audiences:",
      "  everyone:",
      "    label: Everyone",
      "    duration: 10",
      `    slides: [trend, spread, table, custom, ${EXTRA_SLIDE_IDS.join(", ")}]`,
      "",
    ].join("\n"),
  );
  const data = path.join(root, "data", "rows.yaml");
  writeFileSync(
    data,
    readFileSync(data, "utf8").replace(
      "tables:\n",
      [
        "tables:",
        "  by_year:",
        "    sql: select year(month) as year, court, sum(cases) as cases from monthly group by 1, 2 order by 1, 2",
        "    columns:",
        "      year: { label: Year }",
        "      court: { label: Court }",
        "      cases: { label: Cases filed, unit: count }",
        "",
      ].join("\n"),
    ),
  );
  return root;
}
