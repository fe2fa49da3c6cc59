import { useEffect, useRef } from 'react';

/** A form-level message, announced and focused so it is not missed below the fold on a phone. */
export function FormAlert({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} className="form-alert" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
