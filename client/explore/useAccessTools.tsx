// State of Explore's walking-access tools and the deck.gl layers that draw them: the distance field
// of the chosen kind, the suggested sites, and the streets a clicked facility reaches (offered in
// the amenity's popup, shown with a small card to clear it).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Layer } from '@deck.gl/core';
import type { FieldResponse, LocationResponse, ReachResponse } from '../../server/domain/api.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import type { PopupAction } from '../map/MapView.tsx';
import { fieldLayer, locationLayers, reachLayer } from './accessLayers.ts';

export interface AccessTools {
  showField: boolean;
  setShowField(on: boolean): void;
  fieldError: string | null;
  location: LocationResponse | null;
  setLocation(r: LocationResponse | null): void;
  deckLayers: Layer[];
  popupAction: PopupAction;
  /** The reach result's card (or null). */
  reachCard: ReactNode;
}

/** `kind`: the kind colouring the map, null when the map is not coloured by access; `version` changes with the data. */
export function useAccessTools(api: Api, kind: string | null, version: unknown): AccessTools {
  const { t, num } = useI18n();
  const apiRef = useRef(api);
  apiRef.current = api;
  const [showField, setShowField] = useState(false);
  const [field, setField] = useState<FieldResponse | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [location, setLocation] = useState<LocationResponse | null>(null);
  const [reach, setReach] = useState<{ result: ReachResponse | null; error: string | null } | null>(null);

  useEffect(() => {
    setField(null);
    setFieldError(null);
    if (!showField || !kind) return;
    const ctrl = new AbortController();
    apiRef.current.field(kind, ctrl.signal).then(setField, (err: Error) => {
      if (!ctrl.signal.aborted) setFieldError(err.message);
    });
    return () => ctrl.abort();
  }, [showField, kind, version]);
  useEffect(() => setLocation(null), [kind, version]);

  const deckLayers = useMemo(() => [
    ...(field && kind ? [fieldLayer(field)] : []),
    ...(reach?.result ? reachLayer(reach.result) : []),
    ...(location && kind ? locationLayers(location) : []),
  ], [field, kind, reach, location]);

  const popupAction = useCallback<PopupAction>((info, close) => {
    if (info.kind !== 'amenity') return null;
    const run = () => {
      close();
      setReach({ result: null, error: null });
      apiRef.current.reach(info.props.id).then(
        (result) => setReach({ result, error: null }),
        (err: Error) => setReach({ result: null, error: err.message }),
      );
    };
    return <button type="button" className="button popup-action" onClick={run} data-testid="reach-run">{t.gaps.popup.reach}</button>;
  }, [t]);

  const reachCard = reach && (
    <div className="card reach-card" data-testid="reach-card" role="status">
      {reach.error ? <span className="error">{reach.error}</span>
        : reach.result ? <span><strong>{reach.result.amenity.name}</strong> · {t.gaps.popup.reachResult(reach.result.communities.length, num(reach.result.radiusM))}</span>
          : <span className="muted">{t.gaps.loading}</span>}
      <button type="button" className="close" aria-label={t.gaps.popup.clear} onClick={() => setReach(null)}>×</button>
    </div>
  );

  return { showField, setShowField, fieldError, location, setLocation, deckLayers, popupAction, reachCard };
}
