import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/index.ts";
import { ROOT } from "../helpers.ts";
import { type FigureForms, figureForms, scanMdx } from "./scan-figures.ts";

const SLIDES = path.join(ROOT, "slides");

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(full);
    return entry.name.endsWith(".mdx") ? [full] : [];
  });
}

let forms: FigureForms;

beforeAll(async () => {
  const { dataset, diagnostics } = await loadDataset(path.join(ROOT, "data"), "ussc-fy2019");
  if (!dataset) throw new Error(`the dataset did not load: ${JSON.stringify(diagnostics)}`);
  forms = figureForms(dataset);
});

describe("the scanner for hand-typed figures", () => {
  const found = (source: string) =>
    scanMdx(source, forms).map((f) => `${f.line}: ${f.text} (${f.reason})`);

  it("finds percentages, thousands and published values in prose, headings and notes", () => {
    const source = [
      "## Rearrests: 27.6% of the cohort",
      "",
      "Of the 1,093 offenders, 47 were rearrested for a sex offense.",
      "",
      "<Notes>",
      "The median case had 4265 images; the rate rose to 59 percent.",
      "</Notes>",
    ].join("\n");
    expect(found(source)).toEqual([
      "1: 27.6% (a percentage typed by hand)",
      "3: 1,093 (a number with a thousands separator)",
      "3: 47 (a number equal to a figure in the dataset)",
      "6: 4265 (a number equal to a figure in the dataset)",
      "6: 59 percent (a percentage typed by hand)",
    ]);
  });

  it("finds number words that equal a figure, and figures in chart titles and labels", () => {
    const source = [
      "Rearrested within three years.",
      "",
      '<Chart kind="bars" of="a.b" title="Sentences rose to 103 months"/>',
      "",
      '<Stat of="a.b" label="Eighty-eight failed to register"/>',
    ].join("\n");
    expect(found(source)).toEqual([
      "1: three (a number word equal to a figure in the dataset)",
      "3: 103 (a number equal to a figure in the dataset)",
      "5: Eighty-eight (a number word equal to a figure in the dataset)",
    ]);
  });

  it("reports the line of a figure inside a paragraph that spans lines", () => {
    expect(found("First line of prose\nand a second with 4.3 in it.")).toEqual([
      "2: 4.3 (a number equal to a figure in the dataset)",
    ]);
  });

  it("leaves bound figures, years, citations, expressions and <Literal> alone", () => {
    const source = [
      "## The 2012 recommendation and §2G2.2(b)(7)(D)",
      "",
      'In FY2019, under 18 U.S.C. § 2252A(b), <Value of="offenders.total"/> were sentenced in 2015.',
      "",
      'A minor under <Literal reason="statutory age">12</Literal>, {"not prose: 27.6%"}.',
      "",
      '<Chart kind="bars" of="enhancements.images_600" title="Most offenders received it"/>',
    ].join("\n");
    expect(found(source)).toEqual([]);
  });

  it("still finds a figure written as a bare guideline subsection number", () => {
    expect(found("The enhancement in subsection (b)(4) applies.")).toEqual([
      "1: 4 (a number equal to a figure in the dataset)",
    ]);
  });
});

describe("slides/**/*.mdx", () => {
  it("contain no hand-typed figures (every number comes from the dataset)", () => {
    const findings = mdxFiles(SLIDES).flatMap((file) =>
      scanMdx(readFileSync(file, "utf8"), forms).map(
        (f) => `${path.relative(ROOT, file)}:${f.line}: "${f.text}" is ${f.reason}`,
      ),
    );
    expect(findings, findings.join("\n")).toEqual([]);
  });
});
