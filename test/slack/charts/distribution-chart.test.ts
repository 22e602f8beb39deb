import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ChartInputError, type DistributionChartInput, renderDistributionChart } from "../../../src/slack/charts/distribution-chart.js";
import { type Bucket, histogramPanel } from "../../../src/slack/charts/histogram.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Ten equal buckets over [low, high) with a bell of rows around `centre`. */
function bell(rows: number, centre: number, spread: number, low: number, high: number): Bucket[] {
  const width = (high - low) / 10;
  return Array.from({ length: 10 }, (_, i) => {
    const lowerBound = low + i * width;
    const middle = lowerBound + width / 2;
    return { lowerBound, upperBound: lowerBound + width, count: Math.round(rows * Math.exp(-((middle - centre) ** 2) / (2 * spread ** 2))) };
  });
}

const TENURE = { name: "tenure_months", baseline: bell(5000, 24, 10, 0, 72), current: bell(3000, 12, 8, 0, 72) };
const CHARGES = { name: "monthly_charges", baseline: bell(5000, 65, 20, 18, 120), current: bell(3000, 80, 15, 18, 120) };
const CALLS = { name: "support_calls", baseline: bell(5000, 2, 1.5, 0, 10), current: bell(3000, 4, 2, 0, 10) };
const USAGE = { name: "data_usage_gb", baseline: bell(5000, 30, 12, 0, 100), current: bell(3000, 32, 12, 0, 100) };

interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

/** Enough of PNG to read resvg's output back: 8-bit RGBA, not interlaced, the five scanline filters. */
function decodePng(png: Uint8Array): DecodedPng {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect({ bitDepth: bytes[24], colourType: bytes[25], interlace: bytes[28] }).toEqual({ bitDepth: 8, colourType: 6, interlace: 0 });
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.subarray(at + 4, at + 8).toString("latin1") === "IDAT") data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      const paeth = () => {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, Math.floor((left + up) / 2), filter === 4 ? paeth() : 0][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** How many pixels are within `tolerance` of the colour, channel by channel. */
function pixelsNear(image: DecodedPng, [r, g, b]: [number, number, number], tolerance = 12): number {
  let count = 0;
  for (let at = 0; at < image.pixels.length; at += 4) {
    if (Math.abs((image.pixels[at] ?? 0) - r) <= tolerance && Math.abs((image.pixels[at + 1] ?? 0) - g) <= tolerance && Math.abs((image.pixels[at + 2] ?? 0) - b) <= tolerance) count += 1;
  }
  return count;
}

// The current side's outline (#f58518) and the baseline's fill (#4c78a8 at 60% over white).
const CURRENT_OUTLINE: [number, number, number] = [0xf5, 0x85, 0x18];
const BASELINE_FILL: [number, number, number] = [148, 174, 203];
const TEXT_BLACK: [number, number, number] = [0, 0, 0];

describe("renderDistributionChart", () => {
  it("draws a PNG of a readable size, with both sides in their colours and text in the shipped font", async () => {
    const image = decodePng(await renderDistributionChart({ title: "Data drift on churn-prod", features: [TENURE, CHARGES, CALLS, USAGE] }));
    // Four panels in two columns at 2x: wide enough to read when Slack scales the preview down.
    expect(image.width).toBeGreaterThan(1200);
    expect(image.width).toBeLessThan(2000);
    expect(image.height).toBeGreaterThan(900);
    expect(image.height).toBeLessThan(1600);
    expect(pixelsNear(image, CURRENT_OUTLINE)).toBeGreaterThan(5000);
    expect(pixelsNear(image, BASELINE_FILL)).toBeGreaterThan(5000);
    // Titles, axis labels and the legend are drawn in black: no system font is loaded, so black
    // pixels mean the bundled font was found.
    expect(pixelsNear(image, TEXT_BLACK, 40)).toBeGreaterThan(5000);
  });

  it("draws the text itself: titles of the same length give the same layout but different pictures", async () => {
    const [prod, dev1] = await Promise.all([
      renderDistributionChart({ title: "Data drift on churn-prod", features: [TENURE] }),
      renderDistributionChart({ title: "Data drift on churn-dev1", features: [TENURE] }),
    ]);
    const [prodImage, devImage] = [decodePng(prod), decodePng(dev1)];
    expect({ width: devImage.width, height: devImage.height }).toEqual({ width: prodImage.width, height: prodImage.height });
    expect(Buffer.from(devImage.pixels).equals(Buffer.from(prodImage.pixels))).toBe(false);
  });

  it("gives different pictures for different distributions, and the same picture for the same input", async () => {
    const drifted = await renderDistributionChart({ title: "Drift", features: [TENURE] });
    const again = await renderDistributionChart({ title: "Drift", features: [TENURE] });
    const steady = await renderDistributionChart({ title: "Drift", features: [{ ...TENURE, current: TENURE.baseline }] });
    expect(Buffer.from(again).equals(Buffer.from(drifted))).toBe(true);
    expect(Buffer.from(steady).equals(Buffer.from(drifted))).toBe(false);
  });

  it("shows no current colour when only the baseline has rows", async () => {
    const both = decodePng(await renderDistributionChart({ title: "Drift", features: [TENURE] }));
    const baselineOnly = decodePng(await renderDistributionChart({ title: "Drift", features: [{ ...TENURE, current: [] }] }));
    // What is left of the orange is the legend's swatch edge: far less than the bars' outlines.
    expect(pixelsNear(baselineOnly, CURRENT_OUTLINE)).toBeLessThan(pixelsNear(both, CURRENT_OUTLINE) / 10);
    expect(pixelsNear(baselineOnly, BASELINE_FILL)).toBeGreaterThan(5000);
  });

  it("draws at most four panels: a fifth feature adds no row", async () => {
    const four = decodePng(await renderDistributionChart({ title: "Drift", features: [TENURE, CHARGES, CALLS, USAGE] }));
    const five = decodePng(await renderDistributionChart({ title: "Drift", features: [TENURE, CHARGES, CALLS, USAGE, { ...TENURE, name: "fifth" }] }));
    const one = decodePng(await renderDistributionChart({ title: "Drift", features: [TENURE] }));
    expect(five.height).toBe(four.height);
    expect(one.height).toBeLessThan(four.height);
  });

  it("refuses a chart of no features with a clear error", async () => {
    await expect(renderDistributionChart({ title: "Drift", features: [] })).rejects.toThrow(ChartInputError);
    await expect(renderDistributionChart({ title: "Drift", features: [] })).rejects.toThrow(/at least one feature/);
  });

  it("draws odd input rather than failing: empty sides, unreadable buckets, edges that differ, a constant feature", async () => {
    const odd: DistributionChartInput = {
      title: "Drift",
      features: [
        { name: "nothing", baseline: [], current: [] },
        { name: "unreadable", baseline: [{ lowerBound: Number.NaN, upperBound: 1, count: 3 }, { lowerBound: 5, upperBound: 2, count: 1 }], current: [{ lowerBound: 0, upperBound: 1, count: -4 }] },
        { name: "shifted_edges", baseline: bell(100, 5, 2, 0, 10), current: bell(100, 7, 2, 3, 13) },
        { name: "constant", baseline: [{ lowerBound: 1, upperBound: 1, count: 50 }], current: [{ lowerBound: 1, upperBound: 1, count: 0 }] },
      ],
    };
    const image = decodePng(await renderDistributionChart(odd));
    expect(image.width).toBeGreaterThan(1000);
    expect(pixelsNear(image, BASELINE_FILL)).toBeGreaterThan(1000);
  });
});

describe("histogramPanel", () => {
  it("gives each side's buckets as shares of that side's rows, in value order", () => {
    const panel = histogramPanel(
      [{ lowerBound: 10, upperBound: 20, count: 30 }, { lowerBound: 0, upperBound: 10, count: 10 }],
      [{ lowerBound: 0, upperBound: 10, count: 5 }, { lowerBound: 10, upperBound: 20, count: 5 }],
    );
    expect(panel.bars).toEqual([
      { series: "Baseline", lower: 0, upper: 10, share: 0.25 },
      { series: "Baseline", lower: 10, upper: 20, share: 0.75 },
      { series: "Current", lower: 0, upper: 10, share: 0.5 },
      { series: "Current", lower: 10, upper: 20, share: 0.5 },
    ]);
    expect(panel.notes).toEqual([]);
    expect(panel.largestShare).toBe(0.75);
  });

  it("says when bucket edges differ, buckets were left out, or a side has no rows", () => {
    expect(histogramPanel([{ lowerBound: 0, upperBound: 10, count: 1 }], [{ lowerBound: 0, upperBound: 12, count: 1 }]).notes).toEqual(["bucket edges differ from the baseline's"]);
    const unreadable = histogramPanel(
      [{ lowerBound: 0, upperBound: 10, count: 4 }, { lowerBound: Number.POSITIVE_INFINITY, upperBound: 1, count: 1 }, { lowerBound: 3, upperBound: 2, count: 1 }],
      [{ lowerBound: 0, upperBound: 10, count: Number.NaN }],
    );
    expect(unreadable.notes).toEqual(["3 unreadable buckets left out", "no current rows"]);
    expect(unreadable.bars).toEqual([{ series: "Baseline", lower: 0, upper: 10, share: 1 }]);
    expect(histogramPanel([], []).notes).toEqual(["no rows to draw"]);
  });

  it("widens a one-value bucket so it can be seen", () => {
    const panel = histogramPanel([{ lowerBound: 0, upperBound: 100, count: 1 }], [{ lowerBound: 50, upperBound: 50, count: 1 }]);
    expect(panel.bars.find((bar) => bar.series === "Current")).toEqual({ series: "Current", lower: 49, upper: 51, share: 1 });
  });
});
