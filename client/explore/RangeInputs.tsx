// Two whole-number inputs for an inclusive [from, to] range. Each input keeps its own text while
// typing and commits only a valid number, so a half-typed year never empties the map.
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  fromLabel: string;
  toLabel: string;
  bounds: [number, number];
  value: [number, number];
  onChange(value: [number, number]): void;
  testId: string;
}

function NumberInput({ value, bounds, label, onCommit, testId }: {
  value: number; bounds: [number, number]; label: string; onCommit(n: number): void; testId: string;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <input
      type="number" inputMode="numeric" step={1} min={bounds[0]} max={bounds[1]}
      aria-label={label} data-testid={testId} value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isInteger(n)) onCommit(n);
      }}
      onBlur={() => setText(String(value))}
    />
  );
}

export function RangeInputs({ label, fromLabel, toLabel, bounds, value, onChange, testId }: Props) {
  return (
    <fieldset className="range">
      <legend>{label}</legend>
      <span>{fromLabel}</span>
      <NumberInput value={value[0]} bounds={bounds} label={`${label} ${fromLabel}`} testId={`${testId}-from`} onCommit={(n) => onChange([n, value[1]])} />
      <span>{toLabel}</span>
      <NumberInput value={value[1]} bounds={bounds} label={`${label} ${toLabel}`} testId={`${testId}-to`} onCommit={(n) => onChange([value[0], n])} />
    </fieldset>
  );
}
