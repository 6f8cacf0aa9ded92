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
import type { Store } from './store/store.ts';

export interface Deps {
  store: Store;
  views: ReadModel;
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
  const deps: Deps = { store, views: createReadModel(store), tag: () => `${boot}-${store.dataVersion()}` };

  const api = new Hono()
    .route('/', metaRoutes(deps))
    .route('/', layerRoutes(deps))
    .route('/', communityRoutes(deps))
    .route('/', packageRoutes(deps))
    .route('/', settingsRoutes(deps));

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
    console.error(err);
    return fail(c, 500, 'internal', `服务器内部错误：${err.message}`, `internal server error: ${err.message}`);
  });
  return app;
}
