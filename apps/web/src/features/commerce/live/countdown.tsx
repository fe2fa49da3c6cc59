import { useEffect, useState } from 'react';

/** mm:ss (or h:mm:ss) left until `endsAt`, ticking each second; 0:00 once over. */
export function useCountdown(endsAt: string | null | undefined): { text: string; over: boolean } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  const left = endsAt ? Math.max(0, Math.ceil((new Date(endsAt).getTime() - now) / 1000)) : 0;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = String(left % 60).padStart(2, '0');
  return { text: h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`, over: left === 0 };
}
