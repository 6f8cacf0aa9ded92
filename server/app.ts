// The Hono app as a value built from its dependencies: tests call app.request() with no port.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createReadModel, type ReadModel } from './readModel.ts';
import { communityRoutes } from './routes/communities.ts';
import { fail, HttpError } from './routes/http.ts';
import { layerRoutes } from './routes/layers.ts';
import { metaRoutes } from './routes/meta.ts';
import { packageRoutes } from './routes/packages.ts';
import { settingsRoutes } from './routes/settings.ts';
import { VersionConflict, type Store } from './store/store.ts';
import { createNeighbourIndex, type NeighbourIndex } from './neighbourIndex.ts';
import { createAccessIndex, type AccessIndex } from './accessIndex.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { pipeRoutes } from './routes/pipes.ts';
import { accessRoutes } from './routes/access.ts';
import { progressRoutes } from './routes/progress.ts';
import { auditRoutes } from './routes/audit.ts';
import { createPackageService, InvalidEdit, NotFound, PackageLocked, RuleViolation, type PackageService } from './packages.ts';
import { failed } from './domain/packageRules.ts';

export interface Deps {
  store: Store;
  views: ReadModel;
  packages: PackageService;
  neighbourIndex: () => NeighbourIndex;
  /** The walking network and every compound's access to every facility kind (issue 5). */
  access: AccessIndex;
  /** ETag base: changes when the data changes or the server restarts. */
  tag: () => string;
}

export interface AppOptions {
  store: Store;
  /** Folder with the built client (dist/); omitted in API-only tests. */
  staticDir?: string;
}

export function createApp({ store, staticDir }: AppOptions) {
  const boot = Date.now().toString(36);
  const neighbourIndex = createNeighbourIndex(store);
  const packages = createPackageService(store, () => neighbourIndex().neighbours);
  const deps: Deps = { store, views: createReadModel(store, packages.checks), packages, neighbourIndex, access: createAccessIndex(store), tag: () => `${boot}-${store.dataVersion()}` };

  const api = new Hono()
    .route('/', metaRoutes(deps))
    .route('/', layerRoutes(deps))
    .route('/', communityRoutes(deps))
    .route('/', packageRoutes(deps))
    .route('/', settingsRoutes(deps))
    .route('/', analysisRoutes(deps))
    .route('/', accessRoutes(deps))
    .route('/', pipeRoutes(deps))
    .route('/', progressRoutes(deps))
    .route('/', auditRoutes(deps));

  const app = new Hono();
  app.use('*', compress());
  app.route('/api', api);
  app.all('/api/*', (c) => fail(c, 404, 'no_route', `没有这个接口：${c.req.method} ${c.req.path}`, `no such endpoint: ${c.req.method} ${c.req.path}`));
  if (staticDir) {
    app.use('/*', serveStatic({ root: staticDir }));
    app.get('*', serveStatic({ root: staticDir, path: 'index.html' })); // client-side routes
  }
  app.onError((err, c) => {
    if (err instanceof HttpError) return fail(c, err.status, err.code, err.zh, err.en, err.details);
    if (err instanceof RuleViolation) {
      const bad = failed(err.checks);
      const which = err.index === undefined ? { zh: '', en: '' } : { zh: `第 ${err.index + 1} 个项目包：`, en: `package ${err.index + 1}: ` };
      return fail(c, 422, 'rule_violation', which.zh + bad.map((b) => b.message).join('；'), which.en + bad.map((b) => b.messageEn).join('; '),
        { checks: err.checks, ...(err.index === undefined ? {} : { index: err.index }) });
    }
    if (err instanceof VersionConflict) {
      const current = err.current && deps.views.packageDetail(err.id);
      return fail(c, 409, 'stale_version', `项目包 ${err.id} 已被他人修改${current ? '' : '或删除'}，请重新载入后再改`,
        `package ${err.id} was changed${current ? '' : ' or deleted'} by someone else; reload and try again`, { current: current ?? null });
    }
    if (err instanceof InvalidEdit) return fail(c, 422, err.problem.code, err.problem.message, err.problem.messageEn, { package: err.packageId });
    if (err instanceof PackageLocked) return fail(c, 423, 'locked', `项目包“${err.name}”已锁定，先解锁才能修改`, `package "${err.name}" is locked; unlock it first`);
    if (err instanceof NotFound) {
      return err.what === 'undo'
        ? fail(c, 404, 'nothing_to_undo', `项目包 ${err.id} 没有可撤销的修改`, `package ${err.id} has no change to undo`)
        : fail(c, 404, 'not_found', `没有编号为 ${err.id} 的项目包`, `no package with id ${err.id}`);
    }
    console.error(err);
    return fail(c, 500, 'internal', `服务器内部错误：${err.message}`, `internal server error: ${err.message}`);
  });
  return app;
}
