// A complete data set on the generated city of graph.ts: n walled compounds with realistic
// figures, the block grid's roads (arterials, branch roads, lanes between compounds), the canal
// and park ponds as water, 街道 outlines and a district outline, pipes along every road and into
// compounds, amenities in every block, and a few packages. Deterministic (mulberry32, fixed seed).
// It passes the same validation as the demo (parseDataset via loadDataset).
import type { Position } from 'geojson';
import { mulberry32 } from '../../server/analysis/random.ts';
import {
  AMENITY_KINDS, EMPTY_OUTPUTS, NEEDS, PIPE_KINDS, fundingFromLegacy,
  type AmenityKind, type Dataset, type Management, type Need, type PipeKind, type RoadProps,
} from '../../server/domain/model.ts';
import { city, ll } from './graph.ts';

type DS = Dataset;
type Road = DS['roads']['features'][number];
type Pipe = DS['pipes']['features'][number];
type Amenity = DS['amenities']['features'][number];
type Water = DS['water']['features'][number];
type Boundary = DS['boundaries']['features'][number];
type Community = DS['communities']['features'][number];

const AMENITY_ZH: Record<AmenityKind, string> = {
  communityService: '社区综合服务站', kindergarten: '幼儿园', nursery: '托儿所', elderlyCare: '养老服务站', healthStation: '卫生服务站',
  healthCenter: '社区卫生服务中心', supermarket: '超市', convenience: '便利店', parcelLocker: '快递柜', sportsGround: '健身场地',
  park: '公园', wasteCollection: '垃圾收集点', primarySchool: '小学', middleSchool: '中学', busStop: '公交站', publicToilet: '公共厕所',
};
const CAPACITY: Partial<Record<AmenityKind, number>> = {
  kindergarten: 270, nursery: 60, elderlyCare: 40, primarySchool: 1080, middleSchool: 1200, healthCenter: 30,
};
// how often each kind appears, roughly as in a real old district (shops and bins everywhere, schools rare)
const AMENITY_WEIGHT: Record<AmenityKind, number> = {
  communityService: 3, kindergarten: 2, nursery: 1, elderlyCare: 2, healthStation: 2, healthCenter: 0.5, supermarket: 3,
  convenience: 6, parcelLocker: 5, sportsGround: 2, park: 0, wasteCollection: 6, primarySchool: 0.8, middleSchool: 0.4,
  busStop: 4, publicToilet: 2,
};
const PIPE_MATERIAL: Record<PipeKind, Pipe['properties']['material'][]> = {
  water: ['ductileIron', 'castIron', 'pe'], sewer: ['concrete', 'pvc', 'clay'], storm: ['concrete', 'pvc'],
  combined: ['concrete', 'clay'], gas: ['steel', 'pe'], power: ['copper', 'aluminium'], telecom: ['fibre', 'copper'],
};

/**
 * The generated city of `city(n)` as a whole data set, every layer filled: n compounds, ≈ 3 000 road
 * segments and ≈ 9 000 lanes, the canal and ponds, 7 街道 outlines and the district, ≈ 5 500 pipes,
 * ≈ 2 500 amenities and 6 packages.
 */
export function bigCityDataset(n = 20_000, seed = 20_000): Dataset {
  const rnd = mulberry32(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const { features, subdistrict, barriers, grid } = city(n);
  const { C, LANE, PER, CANAL, blockCols, usedRows, cols, rows, cell } = grid;
  const blockW = PER * C + (PER - 1) * LANE;
  const isPark = (br: number, bc: number) => (br * blockCols + bc) % 13 === 7;
  const top = rows.roads[usedRows - 1].at; // the last road north of the built-up rows
  const right = cols.roads[blockCols - 1].at;
  const round6 = (p: Position): [number, number] => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  const line = (x0: number, y0: number, x1: number, y1: number) => [round6(ll(x0, y0)), round6(ll(x1, y1))];
  const rect = (x0: number, y0: number, x1: number, y1: number, step = 0) => {
    // corners, with a vertex every `step` metres along the edges when asked (boundaries look drawn, not boxed)
    const out: [number, number][] = [];
    const edge = (ax: number, ay: number, bx: number, by: number) => {
      const k = step ? Math.max(1, Math.round(Math.hypot(bx - ax, by - ay) / step)) : 1;
      for (let i = 0; i < k; i++) out.push(round6(ll(ax + ((bx - ax) * i) / k, ay + ((by - ay) * i) / k)));
    };
    edge(x0, y0, x1, y0); edge(x1, y0, x1, y1); edge(x1, y1, x0, y1); edge(x0, y1, x0, y0);
    out.push(out[0]);
    return out;
  };

  // ---- packages first: their members get figures that make them a valid small-site merge ----
  const at = new Map(cell.map((c, i) => [`${c.br},${c.bc},${c.i},${c.j}`, i]));
  const packageBlocks: [number, number][] = [[2, 3], [6, 11], [11, 20], [15, 4], [21, 30], [30, 16]];
  const packages: DS['packages'] = [];
  const memberOf = new Map<number, number>();
  packageBlocks.forEach(([br, bc], p) => {
    // three compounds side by side in one row of the block (lanes between them): the first row where all three exist
    const members = [0, 1, 2, 3].map((i) => [0, 1, 2].map((j) => at.get(`${br},${bc},${i},${j}`)))
      .find((row) => row.every((x) => x !== undefined)) as number[] | undefined;
    if (!members) return;
    members.forEach((i) => memberOf.set(i, p));
    const statuses = (['reserve', 'approved', 'tendering', 'construction', 'completed', 'accepted'] as const).slice(0, 1 + (p % 4));
    packages.push({
      id: `pk-bench-${p + 1}`, name: `连片改造项目${p + 1}`, batch: '2024年第一批', year: 2024,
      members: members.map((i) => `c${i}`),
      history: statuses.map((status, k) => ({ status, date: `2024-${String(3 + 2 * k).padStart(2, '0')}-01`, note: null })),
      locked: p === 0, funding: fundingFromLegacy({ central: 120 + 10 * p, provincial: 40, local: 60, other: 0 }), outputs: { ...EMPTY_OUTPUTS }, note: null,
    });
  });

  // ---- communities ----
  const communities: Community[] = features.map((f, idx) => {
    const { br, bc } = cell[idx];
    const ring = f.geometry.coordinates[0].map(round6);
    const inPackage = memberOf.has(idx);
    // log-uniform 26 … 1 500 households: ≈ 1/3 under 100 (standards.md §4.3)
    const households = inPackage ? 40 + Math.floor(rnd() * 50) : Math.round(Math.exp(3.25 + rnd() * 4.06));
    const buildYear = inPackage ? 1985 + Math.floor(rnd() * 12) : 1975 + Math.floor(rnd() * 45);
    const isOld = buildYear <= 2005;
    const u = rnd();
    const management: Management = buildYear < 1995
      ? (u < 0.6 ? 'none' : u < 0.9 ? 'unit' : 'property')
      : (u < 0.25 ? 'none' : u < 0.4 ? 'unit' : 'property');
    const renovatedYear = !inPackage && isOld && rnd() < 0.08 ? 2016 + Math.floor(rnd() * 8) : null;
    const needs: Need[] = [];
    if (isOld) for (let k = Math.floor(rnd() * 4); k > 0; k--) { const x = pick(NEEDS); if (!needs.includes(x)) needs.push(x); }
    const sd = subdistrict[idx];
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        id: `c${idx}`, name: `小区${idx}`, aliases: [], subdistrict: sd,
        neighborhood: `${sd}第${Math.floor(br / 3) * Math.ceil(blockCols / 3) + Math.floor(bc / 3) + 1}社区`,
        households, buildings: Math.max(1, Math.round(households / 24)), floorArea: Math.round(households * (55 + rnd() * 35)),
        buildYear, management, renovatedYear, isOld, needs,
        gates: [ring[3]], // the middle of the south wall
        note: null,
      },
    };
  });

  // ---- roads: every block edge a segment (arterial every fifth, branch otherwise), lanes inside blocks ----
  const roads: Road[] = [];
  const road = (id: string, cls: RoadProps['class'], name: string | null, x0: number, y0: number, x1: number, y1: number) =>
    roads.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line(x0, y0, x1, y1) }, properties: { id, class: cls, name } });
  // north–south: the city's west edge and after every block column; east–west: its south edge and after every block row
  const xs = [{ at: -10, kind: 'branch' as const, name: '环城西路' }, ...cols.roads.map((r, i) => ({ ...r, name: r.kind === 'arterial' ? `纵${i}路` : `纵${i}街` }))];
  const ys = [{ at: -10, kind: 'branch' as const, name: '环城南路' },
    ...rows.roads.slice(0, usedRows).map((r, i) => ({ ...r, name: r.kind === 'arterial' ? `横${i}路` : r.kind === 'canal' ? '运河' : `横${i}街` }))];
  xs.forEach((x, a) => ys.forEach((y, b) => {
    if (b + 1 < ys.length) {
      // branch roads end at the canal's banks; only arterials bridge it
      let y0 = y.at, y1 = ys[b + 1].at;
      if (x.kind !== 'arterial' && y.kind === 'canal') y0 += CANAL / 2;
      if (x.kind !== 'arterial' && ys[b + 1].kind === 'canal') y1 -= CANAL / 2;
      road(`rd-ns-${a}-${b}`, x.kind === 'arterial' ? 'arterial' : 'branch', x.name, x.at, y0, x.at, y1);
    }
    if (a + 1 < xs.length && y.kind !== 'canal') road(`rd-ew-${b}-${a}`, y.kind === 'arterial' ? 'arterial' : 'branch', y.name, x.at, y.at, xs[a + 1].at, y.at);
  }));
  for (let br = 0; br < usedRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) {
      if (isPark(br, bc)) continue;
      const x0 = cols.start[bc], y0 = rows.start[br];
      for (let k = 1; k < PER; k++) {
        const off = k * (C + LANE) - LANE / 2;
        road(`ln-${br}-${bc}-v${k}`, 'lane', null, x0 + off, y0, x0 + off, y0 + blockW);
        road(`ln-${br}-${bc}-h${k}`, 'lane', null, x0, y0 + off, x0 + blockW, y0 + off);
      }
    }
  }

  // ---- water: the canal (the barrier of city()), and a pond in every park ----
  const canalGeom = barriers.find((b) => b.properties.kind === 'river')!.geometry;
  const water: Water[] = [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [(canalGeom.coordinates as Position[][])[0].map(round6)] }, properties: { id: 'w-canal', kind: 'river', name: '运河' } }];
  for (let br = 0; br < usedRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) {
      if (!isPark(br, bc)) continue;
      const cx = cols.start[bc] + blockW * 0.72, cy = rows.start[br] + blockW * 0.72, r = 35;
      const ring: [number, number][] = [];
      for (let k = 0; k < 16; k++) ring.push(round6(ll(cx + r * Math.cos((k * Math.PI) / 8), cy + 0.7 * r * Math.sin((k * Math.PI) / 8))));
      ring.push(ring[0]);
      water.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id: `w-pond-${br}-${bc}`, kind: 'lake', name: `${br * blockCols + bc}号塘` } });
    }
  }

  // ---- boundaries: 街道 in bands of 7 block columns, and the district around them ----
  const boundaries: Boundary[] = [];
  const bands = Math.ceil(blockCols / 7);
  for (let k = 0; k < bands; k++) {
    const x0 = k === 0 ? -60 : cols.roads[7 * k - 1].at;
    const x1 = k === bands - 1 ? right + 60 : cols.roads[7 * k + 6].at;
    boundaries.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [rect(x0, -60, x1, top + 60, 200)] },
      properties: { id: `b-sd-${k}`, level: 'subdistrict', name: `街道${k}`, code: `360299${String(k + 1).padStart(3, '0')}` } });
  }
  boundaries.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [rect(-60, -60, right + 60, top + 60, 200)] },
    properties: { id: 'b-district', level: 'district', name: '基准区', code: '360299' } });

  // ---- pipes: one main or branch pipe along every road segment, a service line into every 8th compound ----
  const pipes: Pipe[] = [];
  const pipe = (id: string, kind: PipeKind, level: Pipe['properties']['level'], coords: [number, number][], old: boolean) => {
    const year = old ? 1975 + Math.floor(rnd() * 25) : 2000 + Math.floor(rnd() * 24);
    const diameter = level === 'main' ? pick([400, 600, 800, 1000]) : level === 'branch' ? pick([150, 200, 300]) : pick([25, 50, 100]);
    pipes.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: {
      id, kind, level, diameter, material: pick(PIPE_MATERIAL[kind]), year,
      condition: year < 1990 ? (rnd() < 0.6 ? 'poor' : 'fair') : year < 2005 ? (rnd() < 0.5 ? 'fair' : 'good') : 'good',
      overhead: (kind === 'power' || kind === 'telecom') && level === 'service' && old && rnd() < 0.6,
    } });
  };
  roads.forEach((r, i) => {
    if (r.properties.class === 'lane') return;
    const kind = PIPE_KINDS[i % PIPE_KINDS.length];
    const off = ((i % PIPE_KINDS.length) - 3) * 1.5; // metres beside the centre line, by kind
    const [a, b] = r.geometry.coordinates;
    const ns = Math.abs(a[0] - b[0]) < 1e-9;
    const shift = (p: Position) => round6(ns ? [p[0] + off / 97_000, p[1]] : [p[0], p[1] + off / 111_000]);
    pipe(`p-${r.properties.id}`, kind, r.properties.class === 'arterial' ? 'main' : 'branch', [shift(a), shift(b)], rnd() < 0.5);
  });
  const SERVICE: PipeKind[] = ['water', 'combined', 'sewer', 'gas', 'power', 'telecom'];
  communities.forEach((c, i) => {
    if (i % 8 !== 3) return;
    const { br, bc, i: ci, j } = cell[i];
    const x = cols.start[bc] + j * (C + LANE) + C / 2, y0 = rows.start[br] + ci * (C + LANE);
    pipe(`ps-${c.properties.id}`, SERVICE[(i >> 3) % SERVICE.length], 'service', line(x, y0 - LANE / 2, x, y0 + C / 2), c.properties.buildYear < 2000);
  });

  // ---- amenities: one or two per block, a park in every park block ----
  const amenities: Amenity[] = [];
  const kinds = AMENITY_KINDS.filter((k) => AMENITY_WEIGHT[k] > 0);
  const total = kinds.reduce((s, k) => s + AMENITY_WEIGHT[k], 0);
  const weighted = (): AmenityKind => {
    let u = rnd() * total;
    for (const k of kinds) if ((u -= AMENITY_WEIGHT[k]) < 0) return k;
    return kinds[kinds.length - 1];
  };
  for (let br = 0; br < usedRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) {
      const x0 = cols.start[bc], y0 = rows.start[br];
      const put = (kind: AmenityKind, x: number, y: number) => {
        const id = `a-${kind}-${amenities.length + 1}`;
        amenities.push({ type: 'Feature', geometry: { type: 'Point', coordinates: round6(ll(x, y)) },
          properties: { id, kind, name: `${AMENITY_ZH[kind]}${amenities.length + 1}`, capacity: CAPACITY[kind] ?? null } });
      };
      if (isPark(br, bc)) put('park', x0 + blockW * 0.7, y0 + blockW * 0.4);
      for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) put(weighted(), x0 + rnd() * blockW, y0 + rnd() * blockW);
    }
  }

  return {
    meta: {
      name: `基准测试城市（${n.toLocaleString('en-US').replace(/,/g, ' ')}个小区）`, synthetic: true,
      description: `Generated for npm run bench (test/bench/bigCity.ts): ${n} walled compounds on a block grid with lanes, branch roads, arterials every fifth block and a canal; every figure is synthetic.`,
      asOf: null, sources: ['test/bench/bigCity.ts (generated, seed ' + seed + ')'],
    },
    communities: { type: 'FeatureCollection', features: communities },
    roads: { type: 'FeatureCollection', features: roads },
    water: { type: 'FeatureCollection', features: water },
    pipes: { type: 'FeatureCollection', features: pipes },
    amenities: { type: 'FeatureCollection', features: amenities },
    boundaries: { type: 'FeatureCollection', features: boundaries },
    packages,
  };
}
