/**
 * Which simulcast layer a viewer asks the SFU for. The publisher sends three VP8 layers
 * (scaleResolutionDownBy 4/2/1 → e.g. 320x180, 640x360, 1280x720); the SFU forwards one of them
 * per consumer. `preferredLayers()` is a pure function of the policy and what the app knows about
 * the link and the tile, so it is unit-tested and the same in a browser and in Node.
 */
export const LayerPolicies = ['auto', 'low', 'high'] as const;
export type LayerPolicy = (typeof LayerPolicies)[number];

/** What the app knows about the viewer's situation (all optional; unknown means "no constraint"). */
export interface LinkHints {
  /** Network Information API `effectiveType` ('slow-2g' | '2g' | '3g' | '4g') */
  effectiveType?: string;
  /** the user asked to save data (Network Information API `saveData`) */
  saveData?: boolean;
  /** estimated downlink, Mbit/s (Network Information API `downlink`, or measured) */
  downlinkMbps?: number;
  /** recent packet loss on the receive side, 0..1 */
  packetLoss?: number;
  /** width of the video element in device pixels */
  tileWidthPx?: number;
}

export interface PreferredLayers {
  spatialLayer: number;
  temporalLayer?: number;
}

/** Layer indices of the three-layer ladder the client library publishes. */
export const SPATIAL_LOW = 0;
export const SPATIAL_MID = 1;
export const SPATIAL_HIGH = 2;

/** Roughly the bit rates of the three layers (kbit/s), see `CAMERA_ENCODINGS`. */
const LAYER_KBPS = [150, 500, 1200] as const;
/** width of each layer for a 1280-wide camera */
const LAYER_WIDTH = [320, 640, 1280] as const;

/**
 * `low`: the smallest layer, always. `high`: the largest; the SFU still steps down on its own when
 * its bandwidth estimate says so. `auto`: the largest layer the hints allow — capped by a slow or
 * data-saving link, by loss, and by a tile too small to show more pixels.
 */
export function preferredLayers(policy: LayerPolicy, hints: LinkHints = {}): PreferredLayers {
  switch (policy) {
    case 'low':
      return { spatialLayer: SPATIAL_LOW };
    case 'high':
      return { spatialLayer: SPATIAL_HIGH };
    case 'auto':
      return { spatialLayer: autoSpatialLayer(hints) };
  }
}

function autoSpatialLayer(h: LinkHints): number {
  let layer = SPATIAL_HIGH;
  const cap = (max: number): void => {
    layer = Math.min(layer, max);
  };
  if (h.saveData) cap(SPATIAL_LOW);
  if (h.effectiveType === 'slow-2g' || h.effectiveType === '2g') cap(SPATIAL_LOW);
  else if (h.effectiveType === '3g') cap(SPATIAL_MID);
  if (h.downlinkMbps !== undefined && h.downlinkMbps > 0) {
    // keep ~30 % headroom for audio, retransmissions and the rest of the page
    const budgetKbps = h.downlinkMbps * 1000 * 0.7;
    let fit = SPATIAL_LOW;
    for (let i = LAYER_KBPS.length - 1; i >= 0; i--) {
      if (LAYER_KBPS[i] <= budgetKbps) {
        fit = i;
        break;
      }
    }
    cap(fit);
  }
  if (h.packetLoss !== undefined) {
    if (h.packetLoss >= 0.1) cap(SPATIAL_LOW);
    else if (h.packetLoss >= 0.03) cap(SPATIAL_MID);
  }
  if (h.tileWidthPx !== undefined && h.tileWidthPx > 0) {
    // the smallest layer at least as wide as the tile (a 390-px phone tile needs the 640 layer)
    const fit = LAYER_WIDTH.findIndex((w) => w >= h.tileWidthPx!);
    cap(fit === -1 ? SPATIAL_HIGH : fit);
  }
  return layer;
}

/** VP8 simulcast for a camera: three layers, smallest first (what mediasoup-client expects). */
export const CAMERA_ENCODINGS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
] as const;

/** Screen share: one layer, detail over motion. */
export const SCREEN_ENCODINGS = [{ maxBitrate: 1_500_000, scalabilityMode: 'L1T3' }] as const;
