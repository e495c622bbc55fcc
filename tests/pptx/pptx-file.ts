import { readFileSync } from "node:fs";
import JSZip from "jszip";

/** A written .pptx opened for reading: its parts by name. */
export interface PptxFile {
  zip: JSZip;
  /** Part names, in the package. */
  names: string[];
  read(name: string): Promise<string>;
}

/** Opens a .pptx (a zip of XML parts). */
export async function openPptx(file: string): Promise<PptxFile> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return {
    zip,
    names: Object.keys(zip.files),
    read: (name) => {
      const part = zip.file(name);
      if (!part) throw new Error(`no part ${name}`);
      return part.async("string");
    },
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text with its entities decoded. */
export const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) =>
    name.startsWith("#x") || name.startsWith("#X")
      ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
      : name.startsWith("#")
        ? String.fromCodePoint(Number(name.slice(1)))
        : (ENTITIES[name] ?? all),
  );

/** The text of a slide or notes part: each paragraph's runs joined, paragraphs on lines. */
export function partText(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((p) => [...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => decode(t[1]!)).join(""))
    .join("\n");
}

/** The parts a slide refers to, as part names (`ppt/charts/chart1.xml`). */
export async function slideRelations(pptx: PptxFile, slide: number): Promise<string[]> {
  const rels = await pptx.read(`ppt/slides/_rels/slide${slide}.xml.rels`);
  // Targets are relative (`../charts/chart1.xml`) or absolute in the package (`/ppt/…`).
  return [...rels.matchAll(/Target="(?:\.\.\/|\/ppt\/)([^"]+)"/g)].map((m) => `ppt/${m[1]}`);
}
