// The legend of what is on the map now: the compounds' active colouring, and pipes and amenity
// symbols when those layers are shown.
import type { ReactNode } from 'react';
import type { AmenityKind, PipeKind } from '../../server/domain/model.ts';
import { useI18n, type Messages } from '../i18n/index.tsx';
import type { LegendClass, LegendLabel } from '../map/colouring.ts';
import { amenityIconUrl } from '../map/icons.ts';
import { PIPE_COLOURS } from '../map/layers.ts';
import type { ColourBy, Visibility } from './state.ts';

interface Props {
  colourBy: ColourBy;
  classes: LegendClass[];
  visible: Visibility;
  pipeKinds: PipeKind[];
  amenityKinds: AmenityKind[];
  /** The cut-off year is changed where it is shown. */
  cutoff: ReactNode;
}

function labelText(l: LegendLabel, t: Messages, num: (n: number) => string): string {
  switch (l.kind) {
    case 'eligibility':
      return t.enums.eligibility[l.value];
    case 'management':
      return t.enums.management[l.value];
    case 'status':
      return l.value === null ? t.legend.noPackage : t.enums.status[l.value];
    case 'walk': {
      const g = t.gaps.legend;
      return l.from === null ? g.within(num(l.to!)) : l.to === null ? g.far(num(l.from)) : g.beyond(num(l.from), num(l.to));
    }
    case 'unreachable':
      return t.gaps.legend.none;
    case 'range': {
      // Whole numbers: the class [from, to) reads "from – to−1". Years are printed without grouping.
      const fmt = l.unit === 'year' ? String : num;
      const unit = l.unit === 'year' ? t.legend.yearUnit : t.legend.householdsUnit;
      const text = l.from === null ? t.legend.below(fmt(l.to!))
        : l.to === null ? t.legend.atLeast(fmt(l.from))
          : t.legend.between(fmt(l.from), fmt(l.to - 1));
      return unit ? `${text} ${unit}` : text;
    }
  }
}

export function Legend({ colourBy, classes, visible, pipeKinds, amenityKinds, cutoff }: Props) {
  const { t, num } = useI18n();
  return (
    <section className="card legend" data-testid="legend" aria-label={t.legend.title}>
      <h2 className="card-title">{t.legend.title}</h2>
      {visible.communities && (
        <div className="legend-group">
          <h3>{t.legend.communities} · {t.colourBy[colourBy]}</h3>
          <ul>
            {classes.map((c) => {
              const text = labelText(c.label, t, num);
              return (
                <li key={text} data-testid="legend-item">
                  <span className="swatch" style={{ background: c.colour }} />
                  {text}
                </li>
              );
            })}
          </ul>
          {(colourBy === 'eligibility' || colourBy === 'buildYear') && cutoff}
        </div>
      )}
      {visible.pipes && pipeKinds.length > 0 && (
        <div className="legend-group">
          <h3>{t.legend.pipes}</h3>
          <ul className="columns">
            {pipeKinds.map((k) => (
              <li key={k}>
                <span className="swatch-line" style={{ background: PIPE_COLOURS[k] }} />
                {t.enums.pipeKind[k]}
              </li>
            ))}
          </ul>
          <ul>
            <li><span className="swatch-line solid" />{t.legend.buried}</li>
            <li><span className="swatch-line dashed" />{t.legend.overhead}</li>
          </ul>
          <p className="note">{t.legend.widthNote}</p>
        </div>
      )}
      {visible.amenities && amenityKinds.length > 0 && (
        <div className="legend-group">
          <h3>{t.legend.amenities}</h3>
          <ul className="columns">
            {amenityKinds.map((k) => (
              <li key={k}>
                <img className="icon" src={amenityIconUrl(k)} alt="" width={16} height={16} />
                {t.enums.amenityKind[k]}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
