export { checkHeadings, checkImages, checkRenderedCharts } from "./accessibility.ts";
export { checkConsistency } from "./consistency.ts";
export { checkDerivedFigures } from "./derived.ts";
export { collectLiterals, type LiteralNote } from "./literals.ts";
export { checkLocators, checkStatus } from "./provenance.ts";
export {
  type CheckReport,
  exitCodeOf,
  formatReport,
  jsonReport,
  summaryLine,
} from "./report.ts";
export { readSlideFile, type SlideFile } from "./slide-file.ts";
export { type Appearance, checkTypedFigures } from "./typed-figures.ts";
