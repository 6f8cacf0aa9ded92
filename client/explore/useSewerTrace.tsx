// Tracing a gravity pipe from its popup: the pipes its flow runs through to the outfall (orange),
// the catchment that drains into it (blue), the outfalls, and a card with lengths, the compounds it
// serves and any flow-direction warnings. Pipe geometry comes from the pipes layer, fetched once.
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { FeatureCollection, LineString } from 'geojson';
import type { SewerTraceResponse } from '../../server/domain/api.ts';
import type { PipeProps } from '../../server/domain/model.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import type { PopupAction } from '../map/MapView.tsx';
import { DECK_COMMON } from '../map/selectionOverlay.ts';

const GRAVITY = ['sewer', 'combined', 'storm'];
const DOWN: [number, number, number, number] = [230, 119, 0, 240];
const UP: [number, number, number, number] = [25, 113, 194, 230];
const SELF: [number, number, number, number] = [224, 49, 49, 255];

interface Traced { trace: SewerTraceResponse; paths: { path: [number, number][]; colour: typeof DOWN }[] }

export function useSewerTrace(api: Api) {
  const { t, num, lang } = useI18n();
  const l = t.gaps.trace;
  const apiRef = useRef(api);
  apiRef.current = api;
  const pipes = useRef<Promise<FeatureCollection<LineString, PipeProps>> | null>(null);
  const [state, setState] = useState<{ traced: Traced | null; error: string | null } | null>(null);

  const run = useCallback(async (id: string) => {
    setState({ traced: null, error: null });
    try {
      pipes.current ??= apiRef.current.pipesOfKinds(GRAVITY);
      const [trace, layer] = await Promise.all([apiRef.current.sewerTrace(id), pipes.current]);
      const byId = new Map(layer.features.map((f) => [f.properties.id, f.geometry.coordinates as [number, number][]]));
      const paths = [
        ...trace.upstream.pipes.map((p) => ({ path: byId.get(p), colour: UP })),
        ...trace.downstream.pipes.map((p) => ({ path: byId.get(p), colour: DOWN })),
        { path: byId.get(trace.pipe.id), colour: SELF },
      ].filter((x): x is Traced['paths'][number] => !!x.path);
      setState({ traced: { trace, paths }, error: null });
    } catch (err) {
      pipes.current = null;
      setState({ traced: null, error: (err as Error).message });
    }
  }, []);

  const popupAction = useCallback<PopupAction>((info, close) => {
    if (info.kind !== 'pipe' || !GRAVITY.includes(info.props.kind)) return null;
    return (
      <button type="button" className="button popup-action" data-testid="trace-run" onClick={() => { close(); void run(info.props.id); }}>
        {l.run}
      </button>
    );
  }, [l, run]);

  const traced = state?.traced ?? null;
  const deckLayers = useMemo<Layer[]>(() => (traced ? [
    new PathLayer<Traced['paths'][number]>({
      ...DECK_COMMON, id: 'trace-halo', data: traced.paths, getPath: (p) => p.path, getColor: [255, 255, 255, 220], getWidth: 8, widthUnits: 'pixels', capRounded: true,
    }),
    new PathLayer<Traced['paths'][number]>({
      ...DECK_COMMON, id: 'trace', data: traced.paths, getPath: (p) => p.path, getColor: (p) => p.colour, getWidth: 4, widthUnits: 'pixels', capRounded: true,
    }),
    new ScatterplotLayer<[number, number]>({
      ...DECK_COMMON, id: 'trace-outfalls', data: traced.trace.downstream.outfalls, getPosition: (p) => p, getRadius: 8, radiusUnits: 'pixels',
      getFillColor: DOWN, stroked: true, getLineColor: [255, 255, 255, 255], getLineWidth: 2, lineWidthUnits: 'pixels',
    }),
  ] : []), [traced]);

  const km = (m: number) => num(m / 1000, 2);
  const card: ReactNode = state && (
    <div className="card reach-card trace-card" data-testid="trace-card" role="status">
      {state.error ? <span className="error">{state.error}</span>
        : traced ? (
          <>
            <strong>{t.enums.pipeKind[traced.trace.pipe.kind]} {traced.trace.pipe.id}</strong>
            <span className="legend-dot" style={{ background: `rgb(${DOWN.slice(0, 3).join(',')})` }} />{l.down(km(traced.trace.downstream.lengthM), traced.trace.downstream.outfalls.length)}
            <span className="legend-dot" style={{ background: `rgb(${UP.slice(0, 3).join(',')})` }} />{l.up(km(traced.trace.upstream.lengthM), traced.trace.upstream.pipes.length)}
            <span> · {l.serves(traced.trace.communities.length)}</span>
            {(lang === 'en' ? traced.trace.warningsEn : traced.trace.warnings).map((w) => <span key={w} className="error"> · {w}</span>)}
          </>
        ) : <span className="muted">{l.running}</span>}
      <button type="button" className="close" aria-label={t.gaps.popup.clear} onClick={() => setState(null)}>×</button>
    </div>
  );

  return { popupAction, deckLayers, card };
}
