// Box, lasso and cut-line drawing over the map. While a tool is active this layer takes the
// pointer (the map does not pan); the finished shape is handed over in map-container pixels.
import { useRef, useState, type PointerEvent } from 'react';
import type { Pixel } from './pixels.ts';

export type Tool = 'box' | 'lasso' | 'line';

interface Props {
  tool: Tool;
  onDone(path: Pixel[]): void;
}

const MIN_STEP_PX = 3;

export function DrawTool({ tool, onDone }: Props) {
  const [path, setPath] = useState<Pixel[]>([]);
  const drawing = useRef(false);

  const at = (e: PointerEvent<HTMLDivElement>): Pixel => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    setPath([at(e)]);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!drawing.current) return;
    const p = at(e);
    setPath((old) => {
      if (tool === 'box') return [old[0], p];
      const last = old[old.length - 1];
      return Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP_PX ? old : [...old, p];
    });
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    const shape = tool === 'box' && path.length === 2 ? boxRing(path[0], path[1]) : path;
    setPath([]);
    if (shape.length >= 2) onDone(shape);
  };

  const shown = tool === 'box' && path.length === 2 ? boxRing(path[0], path[1]) : path;
  const points = shown.map((p) => p.join(',')).join(' ');
  return (
    <div className={`draw-tool draw-${tool}`} data-testid="draw-tool" onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}>
      <svg width="100%" height="100%">
        {tool === 'line'
          ? <polyline points={points} className="draw-line" />
          : <polygon points={points} className="draw-area" />}
      </svg>
    </div>
  );
}

function boxRing(a: Pixel, b: Pixel): Pixel[] {
  return [a, [b[0], a[1]], b, [a[0], b[1]]];
}
