import { describe, expect, it } from "vitest";
import { selfTimeByOwner } from "../../bench/lib/cpuprofile.ts";
import { type EditPlan, editFigure, editSlide } from "../../bench/lib/edits.ts";
import { parseBenchOptions } from "../../bench/lib/options.ts";
import { formatMarkdown, formatTable, meets, type Row } from "../../bench/lib/report.ts";
import {
  letters,
  type SyntheticDeck,
  syntheticSlide,
  syntheticSlideIds,
} from "../../bench/lib/synthetic.ts";
import { parseBuildSummary } from "../../bench/sections/build.ts";

describe("synthetic decks", () => {
  it("names slides with letters, as slide prose carries no typed numbers", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(letters)).toEqual([
      "a",
      "b",
      "z",
      "aa",
      "ab",
      "zz",
      "aaa",
    ]);
  });

  const deck: SyntheticDeck = {
    id: "bench-10",
    slides: 10,
    dataset: "d",
    theme: "t",
    keys: ["g.one", "g.two", "g.three"],
    charts: [{ kind: "bars", keys: ["g.one", "g.two"], title: "Two figures" }],
  };

  it("puts a chart on every fifth slide and a stat on the others", () => {
    const slides = Array.from({ length: 10 }, (_, i) => syntheticSlide(i, deck));
    const withChart = slides.map((s, i) => (s.includes("<Chart ") ? i + 1 : 0)).filter(Boolean);
    expect(withChart).toEqual([5, 10]);
    expect(slides[4]).toContain('<Chart kind="bars" of="g.one g.two" title="Two figures (e)"/>');
    expect(slides[0]).toContain('<Stat of="g.three"/>');
  });

  it("writes no digit outside the components' attributes", () => {
    for (let i = 0; i < 30; i++) {
      const prose = syntheticSlide(i, deck).replace(/<[^>]*>/g, "");
      expect(prose).not.toMatch(/\d/);
    }
  });

  it("pads slide ids so they sort in slide order", () => {
    expect(syntheticSlideIds(100).slice(0, 2)).toEqual(["slide-001", "slide-002"]);
    expect(syntheticSlideIds(100).at(-1)).toBe("slide-100");
  });
});

describe("edits the dev benchmark makes", () => {
  const yaml = `# comment kept
figures:
  recidivism:
    rearrested:
      value: 27.6 # as published
      unit: percent
      precision: 1
    cohort:
      value: 1093
`;
  const plan: EditPlan = {
    deck: "d",
    audience: "a",
    slideCount: 3,
    slideFile: "s.mdx",
    dataFile: "d.yaml",
    figureKey: "recidivism.rearrested",
    value: 27.6,
    precision: 1,
  };

  it("changes only the figure's value, to a new value on every edit", () => {
    expect(editFigure(yaml, plan, 0)).toBe(yaml.replace("27.6 #", "27.5 #"));
    expect(editFigure(yaml, plan, 1)).toBe(yaml.replace("27.6 #", "27.4 #"));
    const cohort = { ...plan, figureKey: "recidivism.cohort", value: 1093, precision: 0 };
    expect(editFigure(yaml, cohort, 2)).toBe(yaml.replace("1093", "1090"));
  });

  it("moves a value upwards when going down would leave zero behind", () => {
    const small = { ...plan, value: 0.1 };
    expect(editFigure(yaml.replace("27.6", "0.1"), small, 2)).toContain("value: 0.4 #");
  });

  it("appends a different paragraph on each slide edit, without digits", () => {
    const a = editSlide("## Title\n\nText.\n", 0);
    const b = editSlide("## Title\n\nText.\n", 1);
    expect(a.text).toBe(`## Title\n\nText.\n\n${a.marker}\n`);
    expect(a.marker).not.toBe(b.marker);
    expect(a.marker).not.toMatch(/\d/);
  });
});

describe("reading what children report", () => {
  it("reads the build's own summary line", () => {
    expect(parseBuildSummary("Built 3 deck page(s) in 815 ms:\n  dist/index.html")).toEqual({
      pages: 3,
      ms: 815,
    });
    expect(parseBuildSummary("something else")).toBeUndefined();
  });

  it("adds up a CPU profile's self time by package, counting each sample until the next", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(root)", url: "" } },
        {
          id: 2,
          callFrame: { functionName: "parse", url: "file:///p/node_modules/yaml/dist/a.js" },
        },
        {
          id: 3,
          callFrame: {
            functionName: "compile",
            url: "file:///p/node_modules/@mdx-js/mdx/lib/c.js",
          },
        },
        {
          id: 4,
          callFrame: { functionName: "renderChart", url: "file:///p/src/charts/render.ts" },
        },
        { id: 5, callFrame: { functionName: "(garbage collector)", url: "" } },
      ],
      samples: [2, 3, 3, 4, 5, 2],
      // µs before each sample; a sample lasts until the next one.
      timeDeltas: [0, 1000, 2000, 3000, 4000, 5000],
    };
    expect(selfTimeByOwner(profile)).toEqual([
      { name: "@mdx-js/mdx", ms: 5 },
      { name: "V8: garbage collection", ms: 5 },
      { name: "factdeck src/charts", ms: 4 },
      // The last sample has no successor, so it counts nothing.
      { name: "yaml", ms: 1 },
    ]);
  });
});

describe("benchmark options", () => {
  it("uses five runs and the issue's deck sizes by default, fewer in quick mode", () => {
    const full = parseBenchOptions([], {}).options!;
    expect(full).toMatchObject({ runs: 5, sizes: [100, 500, 1000], quick: false, profile: true });
    const quick = parseBenchOptions(["--quick"], {}).options!;
    expect(quick.runs).toBeLessThan(full.runs);
    expect(quick.profile).toBe(false);
  });

  it("takes counts from flags before the environment", () => {
    expect(parseBenchOptions(["--runs", "7"], { FD_BENCH_RUNS: "3" }).options!.runs).toBe(7);
    expect(
      parseBenchOptions([], { FD_BENCH_RUNS: "3", FD_BENCH_SCALE_RUNS: "2" }).options,
    ).toMatchObject({ runs: 3, scaleRuns: 2 });
  });

  it("says what is wrong with a bad value", () => {
    expect(parseBenchOptions(["--only", "build,speed"], {}).error).toMatch(/^--only/);
    expect(parseBenchOptions(["--sizes", "100,x"], {}).error).toMatch(/^--sizes/);
    expect(parseBenchOptions(["--runs", "0"], {}).error).toMatch(/^--runs/);
  });
});

describe("the results table", () => {
  const rows: Row[] = [
    {
      section: "cold build",
      measure: "wall",
      unit: "ms",
      value: 1600,
      target: { op: "<", limit: 1500 },
    },
    {
      section: "payload",
      measure: "JS",
      unit: "bytes",
      value: 40_000,
      target: { op: "<=", limit: 40_000 },
    },
    {
      section: "cold build",
      measure: "peak memory",
      unit: "rss",
      value: 300 * 2 ** 20,
      headline: true,
    },
    { section: "phases", measure: "import vite", unit: "ms", value: 450 },
    {
      section: "proposal: x",
      measure: "wall",
      unit: "ms",
      value: 900,
      target: { op: "<", limit: 1500 },
    },
  ];

  it("judges a median against its target, a limit itself passing only for ≤", () => {
    expect(rows.map(meets)).toEqual([false, true, undefined, undefined, true]);
    expect(meets({ ...rows[0]!, value: 1500 })).toBe(false);
  });

  it("prints targets with ✓/✗ and the marked headline rows in the Markdown summary", () => {
    const md = formatMarkdown(rows);
    expect(md.split("\n").slice(2)).toEqual([
      "| cold build: wall | 1,600 ms | < 1.5 s | ✗ |",
      "| payload: JS | 40.0 KB | ≤ 40.0 KB | ✓ |",
      "| cold build: peak memory | 300 MiB |  |  |",
    ]);
  });

  it("prints every row in the text table, the section named once per block", () => {
    const text = formatTable(rows.slice(0, 3));
    const lines = text.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^cold build\s+wall\s+1,600 ms\s+< 1\.5 s ✗$/);
    expect(lines[3]).toMatch(/^payload\s+JS\s+40\.0 KB\s+≤ 40\.0 KB ✓$/);
    expect(lines[4]).toMatch(/^cold build\s+peak memory\s+300 MiB$/);
  });
});
