/**
 * The dense minimap as a pixel grid: when a trace has more spans than the minimap
 * has pixel rows, thousands of spans share each row and one fillRect per span costs
 * far more than the picture is worth (170 ms for 100,000 spans, on the path to the
 * first painted rows). Instead each span adds +1/−1 to a per-row, per-colour
 * difference array (O(1) per span, whatever its width), and one prefix-sum pass per
 * row and colour finds which pixels each colour covers: O(spans + rows × colours ×
 * width). A pixel takes the highest colour index covering it, the same result as
 * painting the colour groups in order with fillRect.
 */
export interface MinimapGrid {
  readonly widthPx: number;
  readonly heightPx: number;
  /** per pixel (row-major): 0 = empty, else colour index + 1 */
  readonly pixels: Uint16Array;
}

export interface RasterInput {
  readonly durationNs: number;
  readonly spanCount: number;
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
  readonly colourIndex: Uint16Array;
  readonly colourCount: number;
}

export function rasterMinimap(input: RasterInput, widthPx: number, heightPx: number): MinimapGrid {
  const width = Math.max(1, Math.floor(widthPx));
  const height = Math.max(1, Math.floor(heightPx));
  const pixels = new Uint16Array(width * height);
  const { spanCount, durationNs, startNs, endNs, colourIndex, colourCount } = input;
  if (spanCount === 0 || colourCount === 0) return { widthPx: width, heightPx: height, pixels };
  const stride = width + 1;
  // one difference row per (pixel row, colour): height × colours × (width + 1) counters
  const diff = new Int32Array(height * colourCount * stride);
  const scale = durationNs > 0 ? width / durationNs : 0;
  const rowOf = height / spanCount;
  for (let i = 0; i < spanCount; i++) {
    const y = Math.min(height - 1, Math.floor(i * rowOf));
    const x0 = Math.min(width - 1, Math.max(0, Math.floor((startNs[i] as number) * scale)));
    // at least one pixel wide, so short spans still show
    const x1 = Math.min(width, Math.max(x0 + 1, Math.ceil((endNs[i] as number) * scale)));
    const base = (y * colourCount + (colourIndex[i] as number)) * stride;
    diff[base + x0]! += 1;
    diff[base + x1]! -= 1;
  }
  for (let y = 0; y < height; y++) {
    const rowBase = y * width;
    for (let c = 0; c < colourCount; c++) {
      const base = (y * colourCount + c) * stride;
      let covered = 0;
      for (let x = 0; x < width; x++) {
        covered += diff[base + x] as number;
        if (covered > 0) pixels[rowBase + x] = c + 1;
      }
    }
  }
  return { widthPx: width, heightPx: height, pixels };
}
