import cliProgress from "cli-progress";

/** Reports an export as it runs: a bar on a terminal, a line per deck otherwise. */
export interface ExportProgress {
  /** A PDF was written. */
  file(label: string): void;
  /** A deck page's PDFs are done; `line` describes them. */
  deck(line: string): void;
  /** Ends the report; lines held back while the bar was drawn are printed now. */
  stop(): void;
}

/** Progress for `total` files; the bar goes to `err` when it is a terminal, lines to `out`. */
export function createProgress(
  total: number,
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): ExportProgress {
  if (!err.isTTY) {
    return {
      file() {},
      deck: (line) => out.write(`${line}\n`),
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: err,
      format: "Exporting PDFs {bar} {value}/{total} {label}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const held: string[] = [];
  bar.start(total, 0, { label: "" });
  return {
    file: (label) => bar.increment(1, { label }),
    deck: (line) => held.push(line),
    stop() {
      bar.stop();
      if (held.length) out.write(`${held.join("\n")}\n`);
    },
  };
}
