import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { suggestion } from "../errors/index.ts";

/** The image files a slide or a deck's logo may show; what browsers draw without a plugin. */
export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"];

/** An image path that names a file in the project: the file and its URL from the project root. */
export interface ResolvedImage {
  file: string;
  /** `/slides/<deck>/logo.png`: what Vite resolves from any page and bundles. */
  url: string;
}

/** Why an image path cannot be shown; `hint` says what to do. */
export interface ImageProblem {
  kind: "missing" | "path" | "type";
  message: string;
  hint: string;
}

/**
 * Resolves an image path written in `fromDir` (a slide's or deck.yaml's folder) to a
 * file inside `root`. A path must be relative, stay inside the project (also through
 * links), name a file, and have an image extension; anything else is a problem.
 */
export function resolveImage(
  root: string,
  fromDir: string,
  written: string,
): ResolvedImage | ImageProblem {
  const relative = decodePath(written.split(/[?#]/)[0]!.trim());
  if (!relative)
    return {
      kind: "missing",
      message: "This image names no file.",
      hint: "write the image's path relative to this file: ![What it shows](./chart.png)",
    };
  if (path.isAbsolute(relative) || /^[a-z]:[\\/]/i.test(relative) || relative.startsWith("\\"))
    return {
      kind: "path",
      message: `The image path "${written}" is absolute; images are named relative to the file that shows them.`,
      hint: "write the path from this file's folder, for example ./logo.png or ../shared/logo.png",
    };
  const file = path.resolve(fromDir, relative);
  if (!isInside(root, file))
    return {
      kind: "path",
      message: `The image "${written}" is outside the project.`,
      hint: "copy the image into the project (next to the slides) and name it from there; a build reads only files inside the project",
    };
  if (!existsSync(file)) {
    const folder = path.dirname(file);
    const shownFolder = path.relative(root, folder).split(path.sep).join("/") || ".";
    return {
      kind: "missing",
      message: `The image "${written}" does not exist.`,
      hint: existsSync(folder)
        ? `${suggestion(path.basename(file), imagesIn(folder), `images in ${shownFolder}`)} (the path is read from this file's folder)`
        : `there is no folder ${shownFolder}; the path is read from this file's folder`,
    };
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return {
      kind: "missing",
      message: `The image "${written}" is a broken link.`,
      hint: "replace the link with the image file itself",
    };
  }
  if (!isInside(realpathSync(root), real))
    return {
      kind: "path",
      message: `The image "${written}" is a link to ${real}, which is outside the project.`,
      hint: "copy the image into the project instead of linking to it; a build reads only files inside the project",
    };
  const extension = path.extname(file).toLowerCase();
  if (!statSync(real).isFile()) {
    const inside = imagesIn(real);
    return {
      kind: "type",
      message: `The image "${written}" is a folder, not a file.`,
      hint: inside.length
        ? `name an image file inside it, such as "${written.replace(/\/+$/, "")}/${inside[0]}"`
        : "name an image file, not a folder",
    };
  }
  if (!IMAGE_EXTENSIONS.includes(extension))
    return {
      kind: "type",
      message: `"${written}" is not an image file a slide can show.`,
      hint: `save it as ${IMAGE_EXTENSIONS.map((e) => e.slice(1)).join(", ")}`,
    };
  return { file, url: projectUrl(root, file) };
}

/** True when `resolveImage` found the file. */
export function isResolved(result: ResolvedImage | ImageProblem): result is ResolvedImage {
  return "url" in result;
}

/** A file's URL from the project root, each segment percent-encoded. */
export function projectUrl(root: string, file: string): string {
  const segments = path.relative(root, file).split(path.sep);
  return `/${segments.map((s) => encodeURIComponent(s)).join("/")}`;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Markdown writes `my logo.png` as `my%20logo.png`; HTML attributes are taken as written. */
function decodePath(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

function imagesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => IMAGE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
      .sort();
  } catch {
    return [];
  }
}
