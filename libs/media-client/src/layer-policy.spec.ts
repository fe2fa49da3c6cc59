import { CAMERA_ENCODINGS, preferredLayers, SPATIAL_HIGH, SPATIAL_LOW, SPATIAL_MID } from './layer-policy';

describe('preferredLayers', () => {
  it('low and high are fixed whatever the hints say', () => {
    expect(preferredLayers('low', { downlinkMbps: 100 })).toEqual({ spatialLayer: SPATIAL_LOW });
    expect(preferredLayers('high', { effectiveType: '2g', saveData: true })).toEqual({
      spatialLayer: SPATIAL_HIGH,
    });
  });

  it('auto takes the top layer when nothing is known', () => {
    expect(preferredLayers('auto')).toEqual({ spatialLayer: SPATIAL_HIGH });
    expect(preferredLayers('auto', { effectiveType: '4g' })).toEqual({ spatialLayer: SPATIAL_HIGH });
  });

  it('auto steps down for a weak village link: 2g or data saving → low, 3g → mid', () => {
    expect(preferredLayers('auto', { effectiveType: 'slow-2g' }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { effectiveType: '2g' }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { saveData: true }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { effectiveType: '3g' }).spatialLayer).toBe(SPATIAL_MID);
  });

  it('auto fits the measured downlink with headroom', () => {
    expect(preferredLayers('auto', { downlinkMbps: 0.15 }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { downlinkMbps: 0.8 }).spatialLayer).toBe(SPATIAL_MID);
    expect(preferredLayers('auto', { downlinkMbps: 1.5 }).spatialLayer).toBe(SPATIAL_MID);
    expect(preferredLayers('auto', { downlinkMbps: 2 }).spatialLayer).toBe(SPATIAL_HIGH);
    // 0 means "unknown" in the Network Information API
    expect(preferredLayers('auto', { downlinkMbps: 0 }).spatialLayer).toBe(SPATIAL_HIGH);
  });

  it('auto steps down on loss, and never sends more pixels than the tile shows', () => {
    expect(preferredLayers('auto', { packetLoss: 0.05 }).spatialLayer).toBe(SPATIAL_MID);
    expect(preferredLayers('auto', { packetLoss: 0.2 }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { tileWidthPx: 160 }).spatialLayer).toBe(SPATIAL_LOW);
    expect(preferredLayers('auto', { tileWidthPx: 390 }).spatialLayer).toBe(SPATIAL_MID);
    expect(preferredLayers('auto', { tileWidthPx: 2000 }).spatialLayer).toBe(SPATIAL_HIGH);
    // the tightest constraint wins
    expect(
      preferredLayers('auto', { tileWidthPx: 2000, effectiveType: '3g', packetLoss: 0.2 }).spatialLayer,
    ).toBe(SPATIAL_LOW);
  });

  it('publishes three VP8 layers at 1/4, 1/2 and full size with rising bit rates', () => {
    expect(CAMERA_ENCODINGS.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(CAMERA_ENCODINGS.map((e) => e.maxBitrate)).toEqual([150_000, 500_000, 1_200_000]);
  });
});
