// Explore mode: the map with its layer panel and legend, search, and the selected compound's panel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommunitySearchHit, DatasetResponse } from '../../server/domain/api.ts';
import { AMENITY_KINDS } from '../../server/domain/model.ts';
import type { Api, AppData } from '../api.ts';
import { Header, type Mode } from '../Header.tsx';
import { colouring } from '../map/colouring.ts';
import { useHostMap, useModeLook } from '../map/MapHost.tsx';
import { viewPadding } from '../map/padding.ts';
import { CommunityPanel, type PanelState } from './CommunityPanel.tsx';
import { CutoffSetting } from './CutoffSetting.tsx';
import { DatasetBanner } from './DatasetBanner.tsx';
import { filterExpression, matchesFilters } from './filters.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { Legend } from './Legend.tsx';
import { SearchBox } from './SearchBox.tsx';
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

  const colours = useMemo(() => colouring(state.colourBy, dataset.settings), [state.colourBy, dataset.settings]);
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
  const look = useMemo(() => ({ fill: colours.fill, filter, visible: state.visible, pipeKinds: state.pipeKinds, selected }),
    [colours.fill, filter, state.visible, state.pipeKinds, selected]);
  useModeLook(look, setSelectedId);
  const map = useHostMap();

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
          <Legend
            colourBy={state.colourBy} classes={colours.classes}
            visible={state.visible} pipeKinds={state.pipeKinds} amenityKinds={amenityKinds}
            cutoff={<CutoffSetting settings={dataset.settings} api={api} onChanged={onDataChanged} />}
          />
        </div>
        <DatasetBanner meta={dataset.meta} />
        {panel && <CommunityPanel state={panel} onClose={() => setSelectedId(null)} />}
      </main>
    </>
  );
}
