import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { type Diagnostic, nearest, type SourcePosition, suggestion } from "../errors/index.ts";
import { isResolved, projectUrl, resolveImage } from "./image-file.ts";
import { readDataFile } from "./parse.ts";
import type { Locate } from "./positions.ts";
import { issuesToDiagnostics } from "./zod-issues.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens");

/**
 * A titled group of slides in an audience's list: `{ section: "What the data show", slides: […] }`.
 * Each section opens with a generated divider slide, and its title feeds `<Agenda/>`.
 */
export const sectionSchema = z.strictObject({
  section: z.string().min(2),
  /** Planned minutes for the section; default a share of the audience's duration by slide count. */
  minutes: z.number().positive().optional(),
  slides: z.array(id).min(1),
});

/** The end slide after the sources: a heading and a line (contact, next steps); default "Thank you". */
export const closingSchema = z.strictObject({
  title: z.string().min(2),
  text: z.string().min(1).optional(),
});
export type ClosingConfig = z.infer<typeof closingSchema>;

/**
 * A small image in a corner of every slide but the cover: `{ src: ./logo.svg, alt: "…" }`,
 * the path read from the deck's folder. `alt: ""` marks it as decoration, read by no one.
 */
export const logoSchema = z.strictObject({
  src: z.string().min(1),
  alt: z.string(),
});
export type LogoConfig = z.infer<typeof logoSchema>;

/** One line of plain text at the foot of every slide, beside its number ("Training use only"). */
export const footerSchema = z
  .string()
  .trim()
  .min(1)
  .max(80, "keep the footer to one short line (80 characters)");

/** A section of an audience's talk, resolved: where its slides start in the flat list. */
export interface SectionConfig {
  title: string;
  minutes?: number;
  /** Index into `slides` of the section's first slide. */
  start: number;
  /** The section's slide ids, in order. */
  slides: string[];
}

/** One audience of a deck: its slides in order, its length and its look. */
export const audienceSchema = z
  .strictObject({
    /** Name shown on the index page and the title slide ("Judges"). */
    label: z.string().min(2),
    /** Planned length in minutes. */
    duration: z.number().int().positive(),
    /** Theme for this audience; default the deck's theme. */
    theme: id.optional(),
    /**
     * Slide file ids (file names in the deck folder without `.mdx`) in the order shown; an
     * entry may be a section that groups slides under a title.
     */
    slides: z.array(z.union([id, sectionSchema])).min(1),
    /** Refuse figures whose status is below primary; default the deck's setting. */
    strict: z.boolean().optional(),
    /** The end slide for this audience; default the deck's. */
    closing: closingSchema.optional(),
    /** This audience's logo; `false` for none; default the deck's. */
    logo: z.union([logoSchema, z.literal(false)]).optional(),
    /** This audience's footer; `false` for none; default the deck's. */
    footer: z.union([footerSchema, z.literal(false)]).optional(),
  })
  .transform(({ slides: entries, ...rest }) => {
    // Every consumer reads the flat list; sections and where each id is written ride beside it.
    const slides: string[] = [];
    const slidePaths: Array<Array<string | number>> = [];
    const sections: SectionConfig[] = [];
    entries.forEach((entry, i) => {
      if (typeof entry === "string") {
        slides.push(entry);
        slidePaths.push([i]);
        return;
      }
      sections.push({
        title: entry.section,
        minutes: entry.minutes,
        start: slides.length,
        slides: [...entry.slides],
      });
      entry.slides.forEach((slide, j) => {
        slides.push(slide);
        slidePaths.push([i, "slides", j]);
      });
    });
    return { ...rest, slides, sections, slidePaths };
  });

/** `slides/<deck>/deck.yaml`: title, dataset, audiences, theme and size. */
export const deckConfigSchema = z.strictObject({
  title: z.string().min(3),
  subtitle: z.string().optional(),
  /** Dataset id: a file `data/<dataset>.yaml` (or .json, .csv). */
  dataset: id,
  lang: z.string().default("en"),
  theme: id.default("federal"),
  /** Slide size in CSS pixels; also the PDF page size. */
  size: z
    .strictObject({ width: z.number().int().min(320), height: z.number().int().min(240) })
    .default({ width: 1280, height: 720 }),
  strict: z.boolean().default(false),
  /** The end slide shown after the sources slide; default "Thank you". */
  closing: closingSchema.optional(),
  /** A logo in the corner of every slide but the cover; default none. */
  logo: logoSchema.optional(),
  /** A line of text at the foot of every slide; default none. */
  footer: footerSchema.optional(),
  audiences: z
    .record(id, audienceSchema)
    .refine((a) => Object.keys(a).length > 0, "a deck needs at least one audience"),
});
export type DeckConfig = z.infer<typeof deckConfigSchema>;
export type AudienceConfig = z.infer<typeof audienceSchema>;

/** A deck on disk: its folder, config, slide files and where config entries are written. */
export interface Deck {
  id: string;
  dir: string;
  configFile: string;
  config: DeckConfig;
  /** Slide id → absolute MDX file path. */
  slideFiles: Map<string, string>;
  locate: Locate;
}

/**
 * Deck ids under a slides folder: every sub-folder with a deck.yaml. A symlinked folder
 * counts too; `loadDeck` refuses one that leads outside the project.
 */
export function listDecks(slidesDir: string): string[] {
  if (!existsSync(slidesDir)) return [];
  return readdirSync(slidesDir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() || (e.isSymbolicLink() && isFolder(path.join(slidesDir, e.name))),
    )
    .filter((e) => existsSync(path.join(slidesDir, e.name, "deck.yaml")))
    .map((e) => e.name)
    .sort();
}

/** Reads and validates one deck's config and checks that every listed slide exists. */
export function loadDeck(
  slidesDir: string,
  deckId: string,
): { deck?: Deck; diagnostics: Diagnostic[] } {
  const dir = path.join(slidesDir, deckId);
  const configFile = path.join(dir, "deck.yaml");
  if (!existsSync(configFile)) {
    return { diagnostics: [checkDeckName(listDecks(slidesDir), deckId)!] };
  }
  // The project is the folder above slides/: a deck must not reach files beyond it.
  const root = path.dirname(slidesDir);
  const leaves = outsideProject(root, dir) ?? outsideProject(root, configFile);
  if (leaves) return { diagnostics: [leaves] };
  const parsed = readDataFile(configFile);
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  const result = deckConfigSchema.safeParse(parsed.data);
  if (!result.success) {
    const diagnostics = issuesToDiagnostics(
      result.error.issues,
      parsed.locate,
      parsed.data,
      "The deck config does not match its schema.",
    ).map(
      (d): Diagnostic =>
        d.code === "FD_DATA_UNKNOWN_KEY"
          ? { ...d, code: "FD_DECK_UNKNOWN_KEY", hint: deckKeyHint(d) }
          : { ...d, code: d.code === "FD_DATA_SCHEMA" ? "FD_DECK_SCHEMA" : d.code },
    );
    return { diagnostics };
  }
  const slideFiles = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    if (file.endsWith(".mdx")) slideFiles.set(file.slice(0, -4), path.join(dir, file));
  }
  const diagnostics: Diagnostic[] = [];
  const known = [...slideFiles.keys()].sort();
  const checked = new Set<string>();
  for (const [audience, a] of Object.entries(result.data.audiences)) {
    const listedAt = new Map<string, number>();
    const where = (index: number) =>
      parsed.locate(["audiences", audience, "slides", ...(a.slidePaths[index] ?? [index])]);
    a.slides.forEach((slide, index) => {
      const at = where(index);
      const first = listedAt.get(slide);
      if (first !== undefined) {
        diagnostics.push({
          code: "FD_DECK_DUPLICATE_SLIDE",
          severity: "error",
          message: `The audience "${audience}" lists the slide "${slide}" twice.`,
          at,
          related: [where(first)],
          hint: "a slide can be shown once per audience, and its id must be unique on the page; remove one of them",
        });
        return;
      }
      listedAt.set(slide, index);
      if (slide === "sources") return;
      const file = slideFiles.get(slide);
      if (!file) {
        diagnostics.push({
          code: "FD_DECK_UNKNOWN_SLIDE",
          severity: "error",
          message: `The audience "${audience}" lists a slide that does not exist: "${slide}".`,
          at,
          hint: `${suggestion(slide, known, "slides")}; a slide id is the name of an .mdx file in ${path.relative(process.cwd(), dir) || "."}`,
        });
        return;
      }
      if (checked.has(slide)) return;
      checked.add(slide);
      const outside = outsideProject(root, file);
      const problem = outside ? { ...outside, at } : unusableSlideFile(file, at);
      if (problem) diagnostics.push(problem);
    });
  }
  diagnostics.push(...checkLogos(root, dir, result.data, parsed.locate));
  const deck: Deck = {
    id: deckId,
    dir,
    configFile,
    config: result.data,
    slideFiles,
    locate: parsed.locate,
  };
  return { deck: diagnostics.length ? undefined : deck, diagnostics };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    // A dangling or looping link is no deck.
    return false;
  }
}

/** The finding for a file or folder whose real path leaves the project, or undefined. */
function outsideProject(root: string, file: string): Diagnostic | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(file);
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const rel = path.relative(realRoot, real);
  if (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)) return undefined;
  const shown = path.relative(process.cwd(), file).split(path.sep).join("/") || file;
  return {
    code: "FD_DECK_OUTSIDE_PROJECT",
    severity: "error",
    message: `${shown} is a link to ${real}, which is outside the project.`,
    hint: "copy the deck or slide into the project instead of linking to it; a build reads only files inside the project",
  };
}

/** The finding for a listed slide file that is not a file or holds nothing, or undefined. */
function unusableSlideFile(file: string, at: SourcePosition): Diagnostic | undefined {
  const name = path.basename(file);
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    text = readFileSync(file, "utf8");
  } catch {
    return {
      code: "FD_DECK_UNKNOWN_SLIDE",
      severity: "error",
      message: `The slide ${name} cannot be read as a file.`,
      at,
      hint: "a slide is an .mdx file; replace the folder or broken link with one",
    };
  }
  if (text.trim()) return undefined;
  return {
    code: "FD_DECK_EMPTY_SLIDE",
    severity: "error",
    message: `The slide file ${name} is empty, so its slide would silently be left out.`,
    at: { file, line: 1, column: 1 },
    related: [at],
    hint: "this slide file is empty; write a heading (## Title) and the slide's content, or remove it from deck.yaml",
  };
}

/** The findings for a deck's and its audiences' logos that are not image files in the project. */
function checkLogos(root: string, dir: string, config: DeckConfig, locate: Locate): Diagnostic[] {
  const logos: Array<{ logo: LogoConfig; where: Array<string | number> }> = [];
  if (config.logo) logos.push({ logo: config.logo, where: ["logo", "src"] });
  for (const [audience, a] of Object.entries(config.audiences))
    if (a.logo) logos.push({ logo: a.logo, where: ["audiences", audience, "logo", "src"] });
  const out: Diagnostic[] = [];
  for (const { logo, where } of logos) {
    const result = resolveImage(root, dir, logo.src);
    if (isResolved(result)) continue;
    out.push({
      code: "FD_DECK_LOGO",
      severity: "error",
      message: result.message.replace(/^(?:(?:The|This) image )?/, "The logo "),
      at: locate(where),
      hint: result.hint.replace("this file's folder", "the deck's folder"),
    });
  }
  return out;
}

/** The logo and footer one audience shows: its own, or the deck's unless it turned them off. */
export function slideChrome(
  deck: Deck,
  audience: string,
): { logo?: { url: string; alt: string }; footer?: string } {
  const a = deck.config.audiences[audience];
  const logo = a?.logo === false ? undefined : (a?.logo ?? deck.config.logo);
  const footer = a?.footer === false ? undefined : (a?.footer ?? deck.config.footer);
  // deck.dir is <root>/slides/<deck>; loadDeck has checked the file is inside the project.
  const root = path.dirname(path.dirname(deck.dir));
  return {
    logo: logo
      ? { url: projectUrl(root, path.resolve(deck.dir, logo.src)), alt: logo.alt }
      : undefined,
    footer,
  };
}

/** The keys of deck.yaml's top level, in the README's order. */
const DECK_TOP_KEYS = Object.keys(deckConfigSchema.shape);

/** The keys of an audience under `audiences:`, in the README's order. */
const AUDIENCE_KEYS = [
  "label",
  "duration",
  "slides",
  "theme",
  "strict",
  "closing",
  "logo",
  "footer",
];

const DECK_KEYS = [
  "title",
  "subtitle",
  "dataset",
  "lang",
  "theme",
  "size",
  "strict",
  "closing",
  "logo",
  "footer",
  "audiences",
  "label",
  "duration",
  "slides",
  "section",
  "minutes",
  "text",
  "width",
  "height",
  "src",
  "alt",
];

function deckKeyHint(d: Diagnostic): string {
  const name = /"([^"]+)"/.exec(d.message)?.[1] ?? "";
  const near = nearest(name, DECK_KEYS);
  const inAudience = /^audiences\.[^.]+\.[^.]+:/.test(d.detail ?? "");
  const reference = 'every key is listed under "deck.yaml reference" in the README';
  return near
    ? `did you mean "${near}"? ${reference}`
    : `${inAudience ? "an audience's keys" : "deck.yaml keys"}: ${(inAudience ? AUDIENCE_KEYS : DECK_TOP_KEYS).join(", ")}; ${reference}`;
}

/** Where an audience is written in the deck config. */
export function audiencePosition(deck: Deck, audience: string): SourcePosition {
  return deck.locate(["audiences", audience], { key: true });
}

/** The finding for an audience the deck does not have, or undefined when it has it. */
export function checkAudienceName(
  deck: Deck,
  audience: string | undefined,
): Diagnostic | undefined {
  const audiences = Object.keys(deck.config.audiences);
  if (!audience || audiences.includes(audience)) return undefined;
  return {
    code: "FD_AUDIENCE_UNKNOWN",
    severity: "error",
    message: `The deck "${deck.id}" has no audience "${audience}".`,
    at: deck.locate(["audiences"], { key: true }),
    hint: suggestion(audience, audiences, "audiences"),
  };
}

/** The finding for a deck id that is not among `known`, or undefined when it is (or unset). */
export function checkDeckName(
  known: readonly string[],
  deck: string | undefined,
): Diagnostic | undefined {
  if (!deck || known.includes(deck)) return undefined;
  return {
    code: "FD_DECK_MISSING",
    severity: "error",
    message: `There is no deck "${deck}".`,
    hint: suggestion(deck, known, "decks"),
  };
}
