import { PNG } from 'pngjs';

/** How many pixels are within `tolerance` of a colour (`#rrggbb`) on each channel. */
export function colourPixels(png: PNG, colour: string, tolerance = 10): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r!) <= tolerance && Math.abs(png.data[i + 1]! - g!) <= tolerance && Math.abs(png.data[i + 2]! - b!) <= tolerance) n++;
  }
  return n;
}

/**
 * How unlike two screenshots of one size are, with room for the noise of another machine's fonts
 * and anti-aliasing: the share of 12×12-pixel blocks whose mean colour differs by more than 40
 * (of 765 over the three channels).
 */
export function blockDifference(a: PNG, b: PNG, block = 12): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  let blocks = 0;
  for (let by = 0; by < a.height; by += block) {
    for (let bx = 0; bx < a.width; bx += block) {
      const delta = [0, 0, 0];
      let n = 0;
      for (let y = by; y < Math.min(by + block, a.height); y++) {
        for (let x = bx; x < Math.min(bx + block, a.width); x++) {
          const i = (y * a.width + x) * 4;
          for (let c = 0; c < 3; c++) delta[c]! += a.data[i + c]! - b.data[i + c]!;
          n++;
        }
      }
      blocks++;
      if (delta.reduce((sum, d) => sum + Math.abs(d / n), 0) > 40) differ++;
    }
  }
  return differ / blocks;
}
