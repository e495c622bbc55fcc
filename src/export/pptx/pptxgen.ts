import pptxgenModule from "pptxgenjs";

// pptxgenjs ships CommonJS-style types for an ES module: TypeScript sees the default import as
// the module itself, Node's ESM loader gives the class. Take the class either way.
const loaded = pptxgenModule as unknown as { default?: unknown };

/** The pptxgenjs presentation class. */
export const Presentation = (loaded.default ?? pptxgenModule) as typeof pptxgenModule.default;

/** A presentation being written. */
export type Presentation = pptxgenModule.default;
/** One slide of it. */
export type Slide = pptxgenModule.default.Slide;
/** A chart type name (`bar`, `line`…). */
export type ChartName = pptxgenModule.default.CHART_NAME;
/** One series of chart data. */
export type ChartData = pptxgenModule.default.OptsChartData;
/** Chart options. */
export type ChartOptions = pptxgenModule.default.IChartOpts;
/** A run of text with its options. */
export type TextRun = pptxgenModule.default.TextProps;
/** Text box options. */
export type TextOptions = pptxgenModule.default.TextPropsOptions;
/** A table row. */
export type TableRow = pptxgenModule.default.TableRow;
