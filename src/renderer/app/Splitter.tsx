import { useRef } from 'react';

/** A draggable panel edge; arrow keys resize it too. `side` says which panel it sizes. */
export function Splitter({ label, value, min, max, side, onChange, onCommit, className }: { label: string; value: number; min: number; max: number; side: 'left' | 'right'; onChange: (value: number) => void; onCommit: (value: number) => void; className: string }) {
  const drag = useRef<{ x: number; start: number; last: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  return (
    <div
      className={`splitter ${className}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, start: value, last: value };
      }}
      onPointerMove={(e) => {
        if (drag.current === null) return;
        const delta = e.clientX - drag.current.x;
        const next = clamp(drag.current.start + (side === 'left' ? delta : -delta));
        drag.current.last = next;
        onChange(next);
      }}
      onPointerUp={() => {
        if (drag.current !== null) onCommit(drag.current.last);
        drag.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const grow = side === 'left' ? 'ArrowRight' : 'ArrowLeft';
        const shrink = side === 'left' ? 'ArrowLeft' : 'ArrowRight';
        if (e.key === grow || e.key === shrink) {
          e.preventDefault();
          const next = clamp(value + (e.key === grow ? step : -step));
          onChange(next);
          onCommit(next);
        }
      }}
    />
  );
}
