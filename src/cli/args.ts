import { parseArgs } from "node:util";
import { z } from "zod";

/** The CLI verbs. */
export const COMMANDS = ["build", "dev", "check", "pdf", "pptx"] as const;
export type Command = (typeof COMMANDS)[number];

/** Options every verb accepts, parsed once at the entry point. */
export const cliOptionsSchema = z.strictObject({
  command: z.enum(COMMANDS),
  deck: z.string().optional(),
  audience: z.string().optional(),
  theme: z.string().optional(),
  format: z.enum(["text", "json"]).default("text"),
  strict: z.boolean().default(false),
  paper: z.enum(["letter", "a4"]).default("letter"),
  layout: z.enum(["1up", "3up"]).optional(),
  /** Output folder for build, input and output folder for pdf and pptx; default dist. */
  out: z.string().optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  help: z.boolean().default(false),
});
export type CliOptions = z.infer<typeof cliOptionsSchema>;

/** Usage text for `factdeck --help`. */
export const USAGE = `Usage: factdeck <command> [deck] [options]

Commands:
  build   build every deck and audience into dist/
  dev     serve the decks on 127.0.0.1 with live updates
  check   check data, slides, figures and accessibility without building
  pdf     export dist/<deck>/<audience>/slides.pdf, handout.pdf and presenter.pdf (needs Chromium)
  pptx    export dist/<deck>/<audience>/slides.pptx: editable text, native charts, notes

Options:
  --audience NAME   only this audience
  --theme NAME      use this theme for every audience (pdf: the handouts' theme; default print)
  --format json     (check) print findings as JSON
  --strict          (check) fail on warnings too
  --paper a4        (pdf) handout and presenter paper size; default letter
  --layout 3up      (pdf) handout with three slides a page; default 1up
  --out DIR         (build, pdf, pptx) output folder; default dist
  --port N          (dev) port; default 5173
`;

/** Parses argv into options, or returns a message for the user. */
export function parseCli(argv: string[]): { options?: CliOptions; error?: string } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        audience: { type: "string" },
        theme: { type: "string" },
        format: { type: "string" },
        strict: { type: "boolean" },
        paper: { type: "string" },
        layout: { type: "string" },
        port: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const [command, deck, ...rest] = parsed.positionals;
  if (parsed.values.help || !command)
    return { options: cliOptionsSchema.parse({ command: "build", help: true }) };
  if (rest.length) return { error: `unexpected argument "${rest[0]}"` };
  const result = cliOptionsSchema.safeParse({ ...parsed.values, command, deck });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.join(".");
    return {
      error:
        where === "command"
          ? `unknown command "${command}"; use one of ${COMMANDS.join(", ")}`
          : `--${where}: ${issue.message}`,
    };
  }
  return { options: result.data };
}
