import { vi } from "vitest";
import { main } from "../src/cli/main.ts";

/** Runs the CLI in-process from a folder; resolves to its exit status and printed output. */
export async function runCliIn(
  cwd: string,
  argv: string[],
): Promise<{ exit: number; output: string }> {
  let output = "";
  const capture = (chunk: unknown) => {
    output += String(chunk);
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return { exit: await main(argv), output };
  } finally {
    process.chdir(previous);
    out.mockRestore();
    err.mockRestore();
  }
}
