// A small popup describing the pipe, amenity or road that was clicked, in the current language.
// MapLibre positions the popup; React renders its content into it through a portal.
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import * as maplibregl from 'maplibre-gl';
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';
import type { AmenityProps, PipeProps, RoadProps } from '../../server/domain/model.ts';
import { AttributeList } from '../AttributeList.tsx';
import { useI18n } from '../i18n/index.tsx';

export type PopupInfo = { lngLat: LngLat } & (
  | { kind: 'amenity'; props: AmenityProps }
  | { kind: 'pipe'; props: PipeProps }
  | { kind: 'road'; props: RoadProps }
);

function PopupContent({ info }: { info: PopupInfo }) {
  const { t, num } = useI18n();
  const p = t.popup;
  switch (info.kind) {
    case 'amenity': {
      const a = info.props;
      const rows: [string, string][] = [[p.kind, t.enums.amenityKind[a.kind]]];
      if (a.capacity != null) rows.push([p.capacity, num(a.capacity)]);
      return (<><h3>{a.name}</h3><AttributeList className="popup-rows" rows={rows} /></>);
    }
    case 'pipe': {
      const x = info.props;
      const rows: [string, string][] = [
        [p.level, t.enums.pipeLevel[x.level]],
        [p.diameter, p.millimetres(num(x.diameter))],
        [p.material, t.enums.material[x.material]],
        [p.laid, x.overhead ? p.overhead : p.buried],
        [p.year, x.year != null ? String(x.year) : p.unknown],
        [p.condition, x.condition != null ? t.enums.pipeCondition[x.condition] : p.unknown],
      ];
      return (<><h3>{t.enums.pipeKind[x.kind]}</h3><AttributeList className="popup-rows" rows={rows} /></>);
    }
    case 'road': {
      const r = info.props;
      return (<><h3>{r.name ?? p.unnamedRoad}</h3><AttributeList className="popup-rows" rows={[[p.roadClass, t.enums.roadClass[r.class]]]} /></>);
    }
  }
}

/** `action`: what the current mode offers for this feature (e.g. the reach of an amenity). */
export function FeaturePopup({ map, info, onClose, action }: { map: MapLibreMap; info: PopupInfo; onClose(): void; action?: ReactNode }) {
  const [node] = useState(() => document.createElement('div'));
  const [popup] = useState(() => new maplibregl.Popup({ closeButton: true, closeOnClick: false, maxWidth: '260px', className: 'feature-popup' }));

  useEffect(() => {
    popup.setDOMContent(node).addTo(map);
    popup.on('close', onClose);
    return () => {
      popup.off('close', onClose);
      popup.remove();
    };
  }, [map, popup, node, onClose]);

  useEffect(() => {
    popup.setLngLat(info.lngLat);
  }, [popup, info.lngLat]);

  return createPortal(<><PopupContent info={info} />{action}</>, node);
}
