// Compounds as sites: parcel ring, gates (出入口), 居委会, id and name for every community.
import type { Rng } from './rng.ts';
import type { UV } from './frame.ts';
import { FACTORY_QUARTER, parcelRings, type Layout, type Side } from './layout.ts';
import type { Placed } from './placement.ts';
import type { CommunitySpec } from './figures.ts';
import { subdistrictOf } from './boundaries.ts';
import { assignNeighbourhoods, NEIGHBOURHOODS, placeWord } from './neighbourhoods.ts';
import { makeNamer } from './names.ts';
import { NAMED, SUBDISTRICTS, type SubdistrictName } from './report.ts';

export interface Site {
  spec: CommunitySpec;
  id: string;
  name: string;
  subdistrict: SubdistrictName;
  neighbourhood: string;
  parcel: number;
  ring: UV[]; // counter-clockwise, gates and shared-wall vertices included
  gates: UV[];
  centre: UV;
  groundArea: number; // m², after the warp
  sides: [Side, Side, Side, Side];
}

const ID_PREFIX: Record<SubdistrictName, string> = { 西郊街道: 'xj', 新枫街道: 'xf', 吕蒙街道: 'lm' };
/** Gate preference by what a side faces: streets first, lanes less, walls never. */
const GATE_WEIGHT = { arterial: 1.2, secondary: 3, branch: 3, lane: 1.2, wall: 0 } as const;

function insertOnRing(ring: UV[], p: UV): UV[] {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const onH = a[1] === b[1] && p[1] === a[1] && p[0] > Math.min(a[0], b[0]) && p[0] < Math.max(a[0], b[0]);
    const onV = a[0] === b[0] && p[0] === a[0] && p[1] > Math.min(a[1], b[1]) && p[1] < Math.max(a[1], b[1]);
    if (onH || onV) return [...ring.slice(0, i + 1), p, ...ring.slice(i + 1)];
  }
  return ring;
}

export function buildSites(rng: Rng, layout: Layout, specs: CommunitySpec[], placed: Placed): Site[] {
  const rings = parcelRings(layout.parcels);
  const half = (x: number) => Math.round(x * 2) / 2;

  // order: by 街道, then north to south, west to east
  const order = specs
    .map((s) => ({ s, p: layout.parcels[placed.parcelOf[s.key]] }))
    .sort((x, y) => {
      const sx = subdistrictOf(x.p.centre);
      const sy = subdistrictOf(y.p.centre);
      if (sx !== sy) return SUBDISTRICTS.findIndex((d) => d.name === sx) - SUBDISTRICTS.findIndex((d) => d.name === sy);
      return Math.round(y.p.centre[1] / 100) - Math.round(x.p.centre[1] / 100) || x.p.centre[0] - y.p.centre[0];
    });

  const sites: Site[] = [];
  const counters: Record<SubdistrictName, number> = { 西郊街道: 0, 新枫街道: 0, 吕蒙街道: 0 };
  for (const { s, p } of order) {
    const sub = subdistrictOf(p.centre);
    if (sub !== s.subdistrict) throw new Error(`sites: compound ${s.key} placed outside its 街道`);
    // gates: 1–3 by size, on street-facing sides by preference; ≈5 % have none
    let ring = rings[p.index];
    const gates: UV[] = [];
    const area = placed.groundArea[p.index];
    const nGates = rng.chance(0.05) ? 0 : area < 3000 ? 1 : area < 15000 ? rng.int(1, 2) : rng.int(2, 3);
    const weights = p.sides.map((sd) => (sd.type === 'wall' ? 0 : sd.type === 'lane' ? GATE_WEIGHT.lane : GATE_WEIGHT[sd.cls as 'arterial']));
    const corners: UV[] = [[p.rect.u0, p.rect.v0], [p.rect.u1, p.rect.v0], [p.rect.u1, p.rect.v1], [p.rect.u0, p.rect.v1]];
    for (let g = 0; g < nGates; g++) {
      if (weights.every((w) => w === 0)) break;
      const side = rng.weighted(weights);
      weights[side] *= 0.25; // a second gate prefers another side
      const a = corners[side];
      const b = corners[(side + 1) % 4];
      const t = rng.uniform(0.2, 0.8);
      // on the side's line exactly; along it at a 0.5 m position
      const gate: UV = a[1] === b[1] ? [half(a[0] + (b[0] - a[0]) * t), a[1]] : [a[0], half(a[1] + (b[1] - a[1]) * t)];
      if (gates.some((q) => Math.hypot(q[0] - gate[0], q[1] - gate[1]) < 15)) continue;
      const withGate = insertOnRing(ring, gate);
      if (withGate.length !== ring.length + 1) throw new Error(`sites: gate off the boundary of parcel ${p.index}`);
      gates.push(gate);
      ring = withGate;
    }
    const id = `${ID_PREFIX[sub]}${String(++counters[sub]).padStart(3, '0')}`;
    sites.push({
      spec: s, id, name: s.named ?? '', subdistrict: sub, neighbourhood: '', parcel: p.index, ring, gates,
      centre: p.centre, groundArea: area, sides: p.sides,
    });
  }

  // 居委会: contiguous groups with similar household totals (all the 街道's names; two in sparse 吕蒙)
  const huafeng = NAMED.find((n) => n.name === '华风宿舍')?.name;
  for (const sub of Object.keys(NEIGHBOURHOODS) as SubdistrictName[]) {
    const list = sites.filter((x) => x.subdistrict === sub);
    if (!list.length) continue;
    const k = { 西郊街道: 17, 新枫街道: 9, 吕蒙街道: 2 }[sub];
    const anchors = list.map((x, i) => ({ x, i })).filter(({ x }) => x.spec.named === huafeng).map(({ i }) => ({ point: i, name: '华风居委会' }));
    const names = assignNeighbourhoods(list.map((x) => x.centre), list.map((x) => x.spec.households), sub, k, anchors);
    list.forEach((x, i) => (x.neighbourhood = names[i]));
  }

  // names for the compounds the report does not name
  const namer = makeNamer(rng, NAMED.flatMap((n) => [n.name, ...(n.aliases ?? [])])); // an alias is a name too
  const largestEstate = new Map<string, Site>();
  for (const x of sites) {
    if (x.spec.named || x.spec.management !== 'property') continue;
    const cur = largestEstate.get(x.neighbourhood);
    if (!cur || x.spec.households > cur.spec.households) largestEstate.set(x.neighbourhood, x);
  }
  for (const x of sites) {
    if (x.spec.named) continue;
    const nb = x.neighbourhood;
    const preferred = nb === '金岸名都社区居委会' && largestEstate.get(nb) === x ? '金岸名都' : undefined;
    const dq = Math.hypot(x.centre[0] - FACTORY_QUARTER[0], x.centre[1] - FACTORY_QUARTER[1]);
    x.name = namer({ management: x.spec.management, group: x.spec.group, placeWord: placeWord(nb), factoryQuarter: dq < 900, preferred });
  }
  return sites;
}
