// POST /api/analysis/packaging — suggested packages with explanations, and every small site left out with its reason.
// GET /api/analysis/neighbours — the gap graph under the saved settings, for drawing links and checking edits.
import { Hono } from 'hono';
import { z } from 'zod';
import { PACKAGING_ATTRS, suggestPackages } from '../analysis/packaging.ts';
import type { Deps } from '../app.ts';
import type { GapsResponse, NeighboursResponse } from '../domain/api.ts';
import { AMENITY_KINDS } from '../domain/model.ts';
import { isEligible } from '../domain/eligibility.ts';
import { Settings, SettingsPatch } from '../domain/settings.ts';
import { buildNeighbourIndex, edgeList, sameGapSettings } from '../neighbourIndex.ts';
import { cached, HttpError, jsonBody, query } from './http.ts';

const PackagingRequest = z.object({
  settings: SettingsPatch.optional(), // e.g. { minHouseholds: 80, gapToleranceM: 15 } for this run only
  attrs: z.array(z.enum(PACKAGING_ATTRS)).min(1).max(4).optional(),
  compact: z.boolean().optional(),
  maxHouseholds: z.number().int().positive().optional(),
  maxCommunities: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).optional(),
}).strict();

const GapsQuery = z.object({ kind: z.enum(AMENITY_KINDS).optional() }).strict();

export function analysisRoutes({ store, neighbourIndex, access, tag }: Deps) {
  return new Hono()
    .get('/analysis/gaps', (c) => {
      const { kind } = query(c, GapsQuery);
      return cached(c, tag(), (): GapsResponse => {
        const all = access.gaps();
        if (!kind) return all;
        const known = all.kinds.some((k) => k.kind === kind);
        if (!known) {
          throw new HttpError(422, 'no_radius', `设施类型 ${kind} 在标准中没有服务半径，请在设置中为它指定半径`,
            `facility kind ${kind} has no service radius in the standard; set one in the settings`);
        }
        return {
          kinds: all.kinds.filter((k) => k.kind === kind),
          communities: all.communities.map((x) => ({ ...x, access: { [kind]: x.access[kind] } })),
          subdistricts: all.subdistricts.map((x) => ({ ...x, without: { [kind]: x.without[kind] } })),
        };
      });
    })
    .post('/analysis/packaging', async (c) => {
    const req = await jsonBody(c, PackagingRequest);
    const stored = store.settings();
    const s = Settings.parse({ ...stored, ...req.settings });
    const index = sameGapSettings(s, stored) ? neighbourIndex() : buildNeighbourIndex(store, s);
    const owners = store.owners(index.ids);
    const locked = new Set(store.packages().filter((p) => p.locked).map((p) => p.id));
    const result = suggestPackages({
      communities: index.communities, gap: index.result,
      eligible: index.communities.map((f) => isEligible(f.properties, s)),
      packageOf: index.ids.map((id) => {
        const pkg = owners.get(id);
        return pkg ? { id: pkg, locked: locked.has(pkg) } : null;
      }),
      minHouseholds: s.minHouseholds, toleranceM: s.gapToleranceM,
      attrs: req.attrs, compact: req.compact, maxHouseholds: req.maxHouseholds, maxCommunities: req.maxCommunities, seed: req.seed,
    });
    return c.json({ settings: s, ...result });
  })
    // dataVersion (in the tag) moves with every settings save, so a changed graph gets a new ETag
    .get('/analysis/neighbours', (c) => cached(c, tag(), (): NeighboursResponse => ({
      settingsVersion: store.settingsVersion(), // the index is keyed on it: built under this version
      edges: edgeList(neighbourIndex()),
    })));
}
