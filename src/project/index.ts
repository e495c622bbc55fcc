export { checkProject, checkRenderedProject, createCheckReport, renderAndCheck } from "./check.ts";
export { type ProjectOptions, projectPaths } from "./paths.ts";
export { type ProjectRender, renderProject } from "./render.ts";
