import path from "node:path";

/** Which decks, audiences and theme to build; everything when unset. */
export interface ProjectOptions {
  /** Project root holding slides/, data/ and themes/; default the working directory. */
  root?: string;
  deck?: string;
  audience?: string;
  /** Overrides every audience's theme. */
  theme?: string;
}

/** Folders of a project. */
export function projectPaths(root = process.cwd()) {
  return {
    root,
    slides: path.join(root, "slides"),
    data: path.join(root, "data"),
    themes: path.join(root, "themes"),
  };
}
