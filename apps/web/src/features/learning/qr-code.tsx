import { useEffect, useState } from 'react';

/**
 * A QR code drawn as one SVG path. The encoder (the `qrcode` package the api also uses for the
 * PDF) is loaded only when a page shows a code, so it costs the other pages nothing.
 */
export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const [path, setPath] = useState<{ d: string; modules: number } | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then(({ create }) => {
        const { modules } = create(text, { errorCorrectionLevel: 'M' });
        let d = '';
        for (let row = 0; row < modules.size; row++)
          for (let col = 0; col < modules.size; col++)
            if (modules.data[row * modules.size + col]) d += `M${col} ${row}h1v1h-1z`;
        if (live) setPath({ d, modules: modules.size });
      })
      // without the code the page still shows the verify link and the code itself
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  const quiet = 4;
  const box = (path?.modules ?? 21) + quiet * 2;
  return (
    <svg
      className="learn-qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      {path && <path d={path.d} fill="#1c1917" />}
    </svg>
  );
}
