// The facility standards dialog in English; the same shape as standards.zh-CN.ts.
import type { StandardsMessages } from './standards.zh-CN.ts';

const standardsEn: StandardsMessages = {
  open: 'Standards',
  openHint: 'See and change the walking radius of each facility kind and the walking speed',
  title: 'Facility standards',
  intro: 'Radii from the Standard for urban residential area planning and design, GB 50180-2018. Give a kind its own radius, or leave it empty to use the standard. Changes apply to every user and are written to the audit log.',
  close: 'Close',
  loading: 'Reading the settings…',
  walkingSpeed: 'Walking speed (m/min)',
  walkingSpeedHint: 'Turns a radius into walking minutes.',
  columns: {
    kind: 'Facility', level: 'Life circle', standard: 'Standard radius', radius: 'Radius used (m)', minutes: 'Walking time',
    capacity: 'Demand', confidence: 'Confidence', source: 'Source',
  },
  level: { '15min': '15 min', '10min': '10 min', '5min': '5 min', block: 'Block' },
  metres: (m) => `${m} m`,
  minutes: (m) => `${m} min`,
  unset: 'Not specified',
  notAnalysed: 'Not analysed',
  radiusLabel: (kind) => `Service radius of ${kind} (m)`,
  perHousehold: (n) => `${n} per household`,
  capacityHint: 'School, nursery or care places needed per household (a setting, used for the capacity gap).',
  confidence: {
    '✔': '✔ Verified: the figure was seen in a located excerpt of the standard.',
    '◐': '◐ Unverified: taken from the standard as recalled, with no excerpt to check it against; a default you may change, never a hard rule.',
    '✖': '✖ Not found in any source: a default you may change, never a hard rule.',
  },
  confidenceNote: '◐ and ✖ mark unverified figures: defaults you may change, never hard rules.',
  invalidRadius: (min, max) => `Enter metres from ${min} to ${max}, or leave empty for the standard`,
  invalidSpeed: (max) => `Enter a walking speed above 0 and at most ${max}`,
  invalidSummary: 'Some values are not valid; correct them to save.',
  changed: (n) => `${n} unsaved change${n === 1 ? '' : 's'}`,
  unchanged: 'No unsaved changes',
  save: 'Save',
  saving: 'Saving…',
  reset: 'Restore standard values',
  resetHint: 'Clear every custom radius and use the standard values (applies when saved)',
  cancel: 'Cancel',
  conflict: 'The settings were changed by someone else; reload them',
  reload: 'Reload',
};

export default standardsEn;
