import { parseArgs } from "node:util";
import { z } from "zod";

/** The parts of the benchmark, in the order they run. */
export const SECTIONS = [
  "build",
  "payload",
  "dev",
  "pdf",
  "pptx",
  "scale",
  "micro",
  "phases",
  "anchors",
  "tables",
] as const;
export type Section = (typeof SECTIONS)[number];

const count = z.coerce.number().int().min(0);
const sizes = z
  .string()
  .transform((s) => s.split(",").map((n) => Number(n.trim())))
  .pipe(z.array(z.number().int().min(5)).min(1));

/** Resolved benchmark options: run counts and what to measure. */
export const benchOptionsSchema = z.strictObject({
  quick: z.boolean(),
  /** Measured runs per child-process measurement (cold build, PDF). */
  runs: count.min(1),
  /** Unmeasured runs before them (fills tsx's and the OS's caches). */
  warmup: count,
  /** Measured builds per synthetic deck size. */
  scaleRuns: count.min(1),
  /** Synthetic deck sizes in slides. */
  sizes: z.array(z.number().int().min(5)).min(1),
  /** Measured edits per kind of dev update. */
  edits: count.min(1),
  /** Iterations per chart render and MDX compile. */
  iterations: count.min(1),
  only: z.array(z.enum(SECTIONS)).min(1),
  /** Also record a CPU profile of one cold build and summarise it. */
  profile: z.boolean(),
  /** Keep the temporary project copies for inspection. */
  keep: z.boolean(),
  /** Where the JSON result goes. */
  out: z.string(),
});
export type BenchOptions = z.infer<typeof benchOptionsSchema>;

/** Usage text for `npm run bench -- --help`. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

Options (each also as an environment variable, FD_BENCH_<NAME>):
  --quick            fewer runs, smaller synthetic decks (about 2.5 min on 2 cores; full: 4,
                     plus 3–6 min for the anchors and, once, 1.5 min to install them)
  --runs N           measured runs per cold build / PDF export (default 5; quick 2)
  --warmup N         unmeasured runs first (default 1)
  --scale-runs N     measured builds per synthetic deck size (default 3; quick 1)
  --sizes A,B,C      synthetic deck sizes in slides (default 100,500,1000; quick 100,250,500)
  --edits N          measured dev updates per kind of edit (default 10; quick 3)
  --iterations N     iterations per chart render and MDX compile (default 30; quick 8)
  --only A,B         only these sections: ${SECTIONS.join(", ")}
  --profile          also write a CPU profile of one cold build and summarise it (default on, off in quick)
  --no-profile       skip the CPU profile
  --keep             keep the temporary project copies
  --out FILE         result file (default bench/results/latest.json)
`;

/** Parses flags, then FD_BENCH_* variables, then the defaults for the mode. */
export function parseBenchOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { options?: BenchOptions; help?: boolean; error?: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        quick: { type: "boolean" },
        runs: { type: "string" },
        warmup: { type: "string" },
        "scale-runs": { type: "string" },
        sizes: { type: "string" },
        edits: { type: "string" },
        iterations: { type: "string" },
        only: { type: "string" },
        profile: { type: "boolean" },
        "no-profile": { type: "boolean" },
        keep: { type: "boolean" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const pick = (flag: string) =>
    values[flag] ?? env[`FD_BENCH_${flag.toUpperCase().replaceAll("-", "_")}`];
  const quick = Boolean(pick("quick")) && pick("quick") !== "0";
  const profileFlag = values["no-profile"] ? false : values.profile;
  const raw = {
    quick,
    runs: pick("runs") ?? (quick ? 2 : 5),
    warmup: pick("warmup") ?? 1,
    scaleRuns: pick("scale-runs") ?? (quick ? 1 : 3),
    sizes: sizes.safeParse(pick("sizes") ?? (quick ? "100,250,500" : "100,500,1000")),
    edits: pick("edits") ?? (quick ? 3 : 10),
    iterations: pick("iterations") ?? (quick ? 8 : 30),
    only: String(pick("only") ?? SECTIONS.join(","))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    profile: profileFlag ?? (env.FD_BENCH_PROFILE ? env.FD_BENCH_PROFILE !== "0" : !quick),
    keep: Boolean(pick("keep")),
    out: pick("out") ?? "bench/results/latest.json",
  };
  if (!raw.sizes.success) return { error: "--sizes: give slide counts of 5 or more, e.g. 100,500" };
  const parsed = benchOptionsSchema.safeParse({ ...raw, sizes: raw.sizes.data });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return { error: `--${flag}: ${issue.message}` };
  }
  return { options: parsed.data };
}
