import { describe, expect, it } from "vitest";
import {
  adjustForContrast,
  contrastRatio,
  DEFICIENCIES,
  deltaE,
  greyLightness,
  parseColor,
  relativeLuminance,
  simulateDeficiency,
  toHex,
} from "../../src/themes/index.ts";

const c = (text: string) => {
  const color = parseColor(text);
  if (!color) throw new Error(`not a colour: ${text}`);
  return color;
};

describe("reading colours", () => {
  it("reads the forms a theme may use", () => {
    expect(toHex(c("#fff"))).toBe("#ffffff");
    expect(toHex(c("#1A4480"))).toBe("#1a4480");
    expect(toHex(c("rgb(26, 68, 128)"))).toBe("#1a4480");
    expect(toHex(c("rgb(26 68 128)"))).toBe("#1a4480");
    expect(toHex(c("hsl(0 100% 50%)"))).toBe("#ff0000");
    expect(toHex(c("hsl(120, 100%, 25%)"))).toBe("#008000");
    expect(toHex(c("white"))).toBe("#ffffff");
    expect(toHex(c("black"))).toBe("#000000");
  });

  it("reads the other CSS forms a designer may write", () => {
    expect(toHex(c("rebeccapurple"))).toBe("#663399");
    expect(toHex(c("oklch(62.8% 0.2577 29.23)"))).toBe("#ff0000");
  });

  it("refuses what it cannot measure: not a colour, translucent, or beyond sRGB", () => {
    for (const text of [
      "#12345",
      "rgb(300 0 0)",
      "color-mix(in srgb, red, blue)",
      "rgb(0 0 0 / 50%)",
      "#0008",
      "transparent",
      "oklch(70% 0.4 150)",
    ])
      expect(parseColor(text), text).toBeUndefined();
  });
});

describe("WCAG contrast", () => {
  it("matches the ratios WCAG publishes", () => {
    expect(contrastRatio(c("#000"), c("#fff"))).toBeCloseTo(21, 5);
    expect(contrastRatio(c("#fff"), c("#fff"))).toBe(1);
    expect(relativeLuminance(c("#fff"))).toBeCloseTo(1, 10);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails.
    expect(contrastRatio(c("#767676"), c("#fff"))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c("#777777"), c("#fff"))).toBeLessThan(4.5);
  });

  it("is symmetric", () => {
    expect(contrastRatio(c("#005ea2"), c("#fff"))).toBe(contrastRatio(c("#fff"), c("#005ea2")));
  });

  it("suggests the nearest colour that passes, darker on light and lighter on dark", () => {
    const onWhite = adjustForContrast(c("#999999"), c("#ffffff"), 4.5)!;
    expect(contrastRatio(onWhite, c("#ffffff"))).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(onWhite)).toBeLessThan(relativeLuminance(c("#999999")));
    const onNavy = adjustForContrast(c("#556677"), c("#162e51"), 4.5)!;
    expect(contrastRatio(onNavy, c("#162e51"))).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(onNavy)).toBeGreaterThan(relativeLuminance(c("#556677")));
  });
});

describe("greyscale and colour blindness", () => {
  it("L* runs from black to white", () => {
    expect(greyLightness(c("#000"))).toBeCloseTo(0, 5);
    expect(greyLightness(c("#fff"))).toBeCloseTo(100, 3);
    expect(greyLightness(c("#777"))).toBeCloseTo(50, 0);
  });

  it("a muted red and green of similar lightness merge with deuteranopia", () => {
    const red = c("#cc6666");
    const green = c("#669966");
    expect(deltaE(red, green)).toBeGreaterThan(50);
    const seen = (d: (typeof DEFICIENCIES)[number]) =>
      deltaE(simulateDeficiency(red, d), simulateDeficiency(green, d));
    expect(seen("deuteranopia")).toBeLessThan(8);
    // Blue–yellow vision is intact in deuteranopia, red–green in tritanopia.
    expect(seen("tritanopia")).toBeGreaterThan(50);
  });

  it("blue and orange stay apart for every deficiency", () => {
    const blue = c("#1a4480");
    const orange = c("#c05600");
    for (const d of DEFICIENCIES)
      expect(deltaE(simulateDeficiency(blue, d), simulateDeficiency(orange, d)), d).toBeGreaterThan(
        25,
      );
  });

  it("leaves greys grey", () => {
    for (const d of DEFICIENCIES) {
      const seen = simulateDeficiency(c("#808080"), d);
      expect(deltaE(seen, c("#808080")), d).toBeLessThan(2);
    }
  });
});
