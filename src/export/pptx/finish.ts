import JSZip from "jszip";

// pptxgenjs writes a paragraph property block before every run of a paragraph; a paragraph
// may have only one, and office suites disagree on which of several wins (a list item's
// bullet was lost to a later run's "no bullet"). Keep the first.
function onePropertyBlockPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (paragraph, body: string) => {
    let seen = false;
    const tidy = body.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (block) => {
      if (seen) return "";
      seen = true;
      return block;
    });
    return tidy === body ? paragraph : `<a:p>${tidy}</a:p>`;
  });
}

// Data labels come with an empty text body, which means "wrap"; LibreOffice then breaks
// "42.5%" after the number in charts of modest height. A value label never needs to wrap.
function unwrappedDataLabels(xml: string): string {
  return xml.replace(
    /(<c:dLbls>(?:(?!<\/c:dLbls>)[\s\S])*?<c:txPr>)<a:bodyPr\/>/g,
    '$1<a:bodyPr wrap="none"/>',
  );
}

// A value missing from a series (a month one court has no row for, a scatter point of another
// series) is written as an empty number; a cached point may be left out instead, which every
// office suite reads as a gap.
function noEmptyPoints(xml: string): string {
  return xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, "");
}

// pptxgenjs writes a category axis's label step after noMultiLvlLbl, where the schema does not
// allow it, and LibreOffice then labels every category. It goes before, with the tick step.
function labelStepInOrder(xml: string): string {
  return xml.replace(
    /(<c:noMultiLvlLbl val="\d"\/>)\s*<c:tickLblSkip val="(\d+)"\/>/g,
    '<c:tickLblSkip val="$2"/><c:tickMarkSkip val="$2"/>$1',
  );
}

// pptxgenjs gives a scatter's x axis (its first value axis) the y axis's number format.
function xAxisFormat(xml: string, format: string): string {
  const escaped = format.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return xml.replace(
    /(<c:valAx>[\s\S]*?<c:numFmt formatCode=")[^"]*(" sourceLinked=")1"/,
    `$1${escaped}$20"`,
  );
}

/** What the writer knows of its charts that pptxgenjs cannot say: per native chart, in order. */
export interface FinishOptions {
  /** The number format of a scatter's x axis (dates, a unit), by chart number − 1. */
  xFormats?: ReadonlyArray<string | undefined>;
}

/** Repairs what pptxgenjs writes loosely, in the slide and chart parts of a finished file. */
export async function finishPackage(data: Buffer, options: FinishOptions = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const parts = Object.keys(zip.files).filter((name) =>
    /^ppt\/(slides\/slide|notesSlides\/notesSlide|charts\/chart)\d+\.xml$/.test(name),
  );
  for (const name of parts) {
    const xml = await zip.file(name)!.async("string");
    let fixed: string;
    if (name.startsWith("ppt/charts/")) {
      const n = Number(/chart(\d+)\.xml$/.exec(name)![1]);
      const format = options.xFormats?.[n - 1];
      fixed = labelStepInOrder(noEmptyPoints(unwrappedDataLabels(xml)));
      if (format) fixed = xAxisFormat(fixed, format);
    } else fixed = onePropertyBlockPerParagraph(xml);
    if (fixed !== xml) zip.file(name, fixed);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
