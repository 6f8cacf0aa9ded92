// Explore mode: the map with its layer panel and legend, search, and the selected compound's panel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommunitySearchHit, DatasetResponse } from '../../server/domain/api.ts';
import { AMENITY_KINDS } from '../../server/domain/model.ts';
import type { Api, AppData } from '../api.ts';
import { Header, type Mode } from '../Header.tsx';
import { colouring } from '../map/colouring.ts';
import { useHostMap, useModeLook } from '../map/MapHost.tsx';
import { viewPadding } from '../map/padding.ts';
import { geometryBBox } from '../../server/analysis/bbox.ts';
import { CommunityPanel, type PanelState } from './CommunityPanel.tsx';
import { CutoffSetting } from './CutoffSetting.tsx';
import { DatasetBanner } from './DatasetBanner.tsx';
import { filterExpression, matchesFilters } from './filters.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { Legend } from './Legend.tsx';
import { SearchBox } from './SearchBox.tsx';
import { GapPanel } from './GapPanel.tsx';
import { useAnalysis } from './useAnalysis.ts';
import { useWalkState } from './walkState.ts';
import { LocationTool } from './LocationTool.tsx';
import { useAccessTools } from './useAccessTools.tsx';
import { useSewerTrace } from './useSewerTrace.tsx';
import type { PopupAction } from '../map/MapView.tsx';
import { useI18n } from '../i18n/index.tsx';
import { defaultState, type ExploreState } from './state.ts';

interface Props {
  dataset: DatasetResponse;
  data: AppData;
  api: Api;
  /** Fetches the data set and layers again (after a settings change) without leaving the map. */
  onDataChanged(): Promise<void>;
  onMode(mode: Mode): void;
}

export function Explore({ dataset, data, api, onDataChanged, onMode }: Props) {
  const [state, setState] = useState<ExploreState>(() => defaultState(dataset));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelState | null>(null);
  const { t } = useI18n();
  const apiRef = useRef(api);
  apiRef.current = api;

  useEffect(() => {
    if (!selectedId) {
      setPanel(null);
      return;
    }
    const ctrl = new AbortController();
    setPanel({ kind: 'loading', id: selectedId });
    apiRef.current.community(selectedId, ctrl.signal).then(
      (detail) => setPanel({ kind: 'ready', detail }),
      (err: Error) => {
        if (!ctrl.signal.aborted) setPanel({ kind: 'error', id: selectedId, message: err.message });
      },
    );
    return () => ctrl.abort();
  }, [selectedId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setSelectedId(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const byAccess = state.colourBy === 'access';
  const analysis = useAnalysis(api, byAccess || selectedId !== null, dataset);
  const accessKind = analysis.gaps?.kinds.find((k) => k.kind === state.accessKind) ?? null;
  const colours = useMemo(() => colouring(state.colourBy, dataset.settings, accessKind?.radiusM),
    [state.colourBy, dataset.settings, accessKind?.radiusM]);
  const filter = useMemo(() => filterExpression(state.filters), [state.filters]);
  const shown = useMemo(
    () => data.communities.features.filter((f) => matchesFilters(f.properties, state.filters)).length,
    [data.communities, state.filters],
  );
  const amenityKinds = useMemo(() => {
    const present = new Set(data.amenities.features.map((f) => f.properties.kind));
    return AMENITY_KINDS.filter((k) => present.has(k));
  }, [data.amenities]);

  const selected = panel?.kind === 'ready' ? panel.detail.feature : null;
  const amenityKind = byAccess ? state.accessKind : null;
  const tools = useAccessTools(api, byAccess ? state.accessKind : null, dataset);
  const trace = useSewerTrace(api);
  const deckLayers = useMemo(() => [...tools.deckLayers, ...trace.deckLayers], [tools.deckLayers, trace.deckLayers]);
  const look = useMemo(() => ({ fill: colours.fill, filter, visible: state.visible, pipeKinds: state.pipeKinds, selected, amenityKind, deckLayers }),
    [colours.fill, filter, state.visible, state.pipeKinds, selected, amenityKind, deckLayers]);
  const popupAction = useCallback<PopupAction>((info, close) => tools.popupAction(info, close) ?? trace.popupAction(info, close),
    [tools.popupAction, trace.popupAction]);
  useModeLook(look, setSelectedId, popupAction);
  const map = useHostMap();
  useWalkState(map, byAccess ? analysis.gaps : null, state.accessKind);

  const onPick = useCallback((hit: CommunitySearchHit) => {
    setSelectedId(hit.id);
    if (map) map.fitBounds(hit.bbox, { padding: viewPadding(map.getContainer(), true), maxZoom: 16.5, duration: 1200 });
  }, [map]);

  return (
    <>
      <Header datasetName={dataset.meta.name} mode="explore" onMode={onMode}>
        <SearchBox api={api} onPick={onPick} />
      </Header>
      <main className="explore">
        <div className="left-column">
          <LayerPanel dataset={dataset} state={state} onChange={setState} shown={shown} total={data.communities.features.length} />
          {byAccess && (
            <GapPanel
              gaps={analysis.gaps} error={analysis.error} kind={state.accessKind}
              onKind={(accessKind) => setState((s) => ({ ...s, accessKind }))} walkingSpeedMPerMin={dataset.settings.walkingSpeedMPerMin}
            >
              <label className="field-toggle">
                <input type="checkbox" checked={tools.showField} onChange={(e) => tools.setShowField(e.target.checked)} data-testid="toggle-field" />
                {t.gaps.field}
              </label>
              {tools.fieldError && <p className="error" role="alert">{tools.fieldError}</p>}
              <LocationTool
                api={api} kind={state.accessKind} subdistricts={dataset.subdistricts} result={tools.location}
                onResult={(r) => {
                  tools.setLocation(r);
                  if (map && r?.picks.length) map.fitBounds(geometryBBox({ type: 'MultiPoint', coordinates: r.picks.map((p) => [p.lon, p.lat]) }) as [number, number, number, number], { padding: viewPadding(map.getContainer(), false), maxZoom: 15.5, duration: 900 });
                }}
                onFly={(center) => map?.flyTo({ center, zoom: Math.max(map.getZoom(), 15.5), duration: 900 })}
              />
            </GapPanel>
          )}
          <Legend
            colourBy={state.colourBy} classes={colours.classes}
            visible={state.visible} pipeKinds={state.pipeKinds} amenityKinds={amenityKind ? [amenityKind] : amenityKinds}
            cutoff={<CutoffSetting settings={dataset.settings} api={api} onChanged={onDataChanged} />}
          />
        </div>
        <DatasetBanner meta={dataset.meta} />
        {tools.reachCard}
        {trace.card}
        {panel && (
          <CommunityPanel
            state={panel} onClose={() => setSelectedId(null)}
            analysis={{ gaps: analysis.gaps, pipes: analysis.pipes, walkingSpeedMPerMin: dataset.settings.walkingSpeedMPerMin }}
          />
        )}
      </main>
    </>
  );
}
