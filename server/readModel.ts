// Joins what the store holds with what the rules derive, for the routes to serve.
// Package outlines are costly (buffer + union), so each is kept until its package changes.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { geometryBBox, unionBBox } from './analysis/bbox.ts';
import { packageOutline } from './analysis/outline.ts';
import type { AuditView, BBox, CommunityViewFeature, PackageDetail, PackageFeature, PackageListItem, PackageReport } from './domain/api.ts';
import { failed, type RuleCheck } from './domain/packageRules.ts';
import { communityView, packageSummary, packageTotals } from './domain/views.ts';
import { packageReport } from './report.ts';
import type { PackageRecord, Store } from './store/store.ts';

export type ReadModel = ReturnType<typeof createReadModel>;

export function createReadModel(store: Store, checksOf: (p: PackageRecord) => RuleCheck[]) {
  // One outline per package, valid for its version, closing distance and the imported geometry.
  const outlines = new Map<string, { key: string; geometry: Polygon | MultiPolygon }>();

  function outlineOf(p: PackageRecord, members: Feature<Polygon>[], closeM: number) {
    const key = `${p.version}/${closeM}/${store.importVersion()}`;
    const hit = outlines.get(p.id);
    if (hit?.key === key) return hit.geometry;
    const geometry = packageOutline(members, closeM);
    outlines.set(p.id, { key, geometry });
    return geometry;
  }

  function packageDetail(id: string): PackageDetail | undefined {
    const p = store.package(id);
    if (!p) return undefined;
    const settings = store.settings();
    const m = store.memberships();
    const members = store.communitiesByIds(p.members);
    const outline = outlineOf(p, members, settings.gapToleranceM / 2);
    return {
      id: p.id, name: p.name, batch: p.batch, year: p.year, status: p.status, locked: p.locked, version: p.version,
      note: p.note, history: p.history, funding: p.funding, outputs: p.outputs, draft: p.draft, checks: checksOf(p),
      members: members.map((f) => communityView(f.properties, settings, m.get(f.properties.id))),
      totals: packageTotals(members.map((f) => f.properties)),
      outline, bbox: geometryBBox(outline),
    };
  }

  function listItem(p: PackageRecord): PackageListItem {
    const members = store.communitiesByIds(p.members);
    const bad = failed(checksOf(p));
    return { ...packageSummary(p, packageTotals(members.map((m) => m.properties))), draft: p.draft, valid: bad.length === 0, failedRules: bad.map((c) => c.rule) };
  }

  return {
    communities(bbox?: BBox): CommunityViewFeature[] {
      const settings = store.settings();
      const m = store.memberships();
      return store.communities(bbox).map((f) => ({
        type: 'Feature', geometry: f.geometry, properties: communityView(f.properties, settings, m.get(f.properties.id)),
      }));
    },

    community(id: string): CommunityViewFeature | undefined {
      const f = store.community(id);
      if (!f) return undefined;
      const m = store.memberships().get(id);
      return { type: 'Feature', geometry: f.geometry, properties: communityView(f.properties, store.settings(), m) };
    },

    packageFeatures(bbox?: BBox): PackageFeature[] {
      const closeM = store.settings().gapToleranceM / 2;
      const out: PackageFeature[] = [];
      for (const p of store.packages()) {
        const members = store.communitiesByIds(p.members);
        const geometry = outlineOf(p, members, closeM);
        if (bbox) {
          const b = geometryBBox(geometry);
          if (b[2] < bbox[0] || b[0] > bbox[2] || b[3] < bbox[1] || b[1] > bbox[3]) continue;
        }
        out.push({ type: 'Feature', geometry, properties: packageSummary(p, packageTotals(members.map((m) => m.properties))) });
      }
      return out;
    },

    packageList(): PackageListItem[] {
      return store.packages().map(listItem);
    },

    /** A package as the list shows it: no outline, so thousands can be answered at once. */
    packageItem: listItem,

    audit(id: string): AuditView[] {
      return store.audits('package', id, 100).map(({ seq, at, actor, action, undone, before, after }) => ({ seq, at, actor, action, undone, before, after }));
    },

    packageDetail,

    /** The package's detail and report; pipes come from the R*Tree by the members' extent, then are clipped exactly. */
    packageReport(id: string): PackageReport | undefined {
      const pkg = packageDetail(id);
      if (!pkg) return undefined;
      const members = store.communitiesByIds(pkg.members.map((m) => m.id));
      const pipes = members.length ? store.pipes(members.map((f) => geometryBBox(f.geometry)).reduce(unionBBox)) : [];
      return packageReport({ package: pkg, members, pipes, sewers: store.pipes(undefined, ['sewer']), settings: store.settings(), generatedAt: new Date() });
    },
  };
}
