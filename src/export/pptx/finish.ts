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

/** Repairs what pptxgenjs writes loosely, in the slide and chart parts of a finished file. */
export async function finishPackage(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const parts = Object.keys(zip.files).filter((name) =>
    /^ppt\/(slides\/slide|notesSlides\/notesSlide|charts\/chart)\d+\.xml$/.test(name),
  );
  for (const name of parts) {
    const xml = await zip.file(name)!.async("string");
    const fixed = name.startsWith("ppt/charts/")
      ? unwrappedDataLabels(xml)
      : onePropertyBlockPerParagraph(xml);
    if (fixed !== xml) zip.file(name, fixed);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
